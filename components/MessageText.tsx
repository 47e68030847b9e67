import { linkify } from '../lib/ui/linkify';

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
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}
