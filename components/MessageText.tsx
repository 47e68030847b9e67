import { whenLoaded } from '../lib/ui/signals';
import { stripBidi } from '../lib/bidi';
import { linkify } from '../lib/ui/linkify';
import { messageAst } from '../lib/ui/markdown-source';

/**
 * The markdown renderer, out of what the popup loads before it is interactive. Its request starts as soon as this
 * module runs, beside the port's first request to the worker, whose answer (the messages) it nearly always beats.
 */
const markdown = whenLoaded(import('./Markdown').then((module) => module.Markdown));

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
 * output; plain text with links while that parser or the renderer is on its way.
 */
export function MessageBody({
  message,
  serverUrl,
}: {
  message: { text: string; md?: unknown; delivery?: string };
  serverUrl: string | null;
}) {
  const ast = messageAst(message);
  const Markdown = markdown.value;
  return ast === null || !Markdown ? <MessageText text={message.text} /> : <Markdown ast={ast} serverUrl={serverUrl} />;
}
