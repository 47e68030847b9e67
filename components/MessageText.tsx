import { stripBidi } from '../lib/bidi';
import { linkify } from '../lib/ui/linkify';
import { messageAst } from '../lib/ui/markdown-source';
import { Markdown } from './Markdown';

/**
 * Message text as text nodes: markup in a message is shown, never parsed. Only http(s) and mailto addresses
 * become links, and those open in a new tab without access to this page.
 */
export function MessageText({ text }: { text: string }) {
  return (
    <span class="lqs-text">
      {linkify(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {stripBidi(part.text)}
          </a>
        ) : (
          stripBidi(part.text)
        ),
      )}
    </span>
  );
}

/**
 * A message's words with Rocket.Chat's markdown: its `md` when present, else the lazily loaded parser's
 * output; plain text with links while that parser is on its way.
 */
export function MessageBody({
  message,
  serverUrl,
}: {
  message: { text: string; md?: unknown; delivery?: string };
  serverUrl: string | null;
}) {
  const ast = messageAst(message);
  return ast === null ? <MessageText text={message.text} /> : <Markdown ast={ast} serverUrl={serverUrl} />;
}
