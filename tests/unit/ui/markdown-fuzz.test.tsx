// @vitest-environment happy-dom
/**
 * The `md` tree comes from the server as it is: whatever a hostile or broken server puts there, rendering never
 * throws and never produces live markup (scripts, handlers, frames) or links and images off http(s)/mailto.
 */
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, render } from '@testing-library/preact';
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../components/Markdown';

afterEach(cleanup);

const TYPES = [
  'PARAGRAPH',
  'HEADING',
  'QUOTE',
  'BLOCKQUOTE',
  'SPOILER_BLOCK',
  'CODE',
  'KATEX',
  'UNORDERED_LIST',
  'ORDERED_LIST',
  'TASKS',
  'TABLE',
  'HORIZONTAL_RULE',
  'BIG_EMOJI',
  'LINE_BREAK',
  'PLAIN_TEXT',
  'BOLD',
  'ITALIC',
  'STRIKE',
  'SPOILER',
  'INLINE_CODE',
  'INLINE_KATEX',
  'LINK',
  'IMAGE',
  'EMOJI',
  'MENTION_USER',
  'MENTION_CHANNEL',
  'COLOR',
  'TIMESTAMP',
] as const;

const hostileText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:msgbox(1)',
    'https://example.com/ok',
    'mailto:a@example.com',
    '//evil.example/x',
    '\u0000\u202e',
  ),
);

const plainText = fc.record({ type: fc.constant('PLAIN_TEXT'), value: hostileText });

const { node } = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plainText,
    // Links and images as the parser writes them, with hostile targets.
    fc.record({
      type: fc.constantFrom('LINK', 'IMAGE'),
      value: fc.record({ src: plainText, label: fc.oneof(fc.array(tie('node'), { maxLength: 2 }), tie('node')) }),
    }),
    fc.record({
      type: fc.constant('TIMESTAMP'),
      value: fc.record({
        timestamp: fc.oneof(fc.string(), fc.double(), fc.constantFrom('1e300', '-8640000000001', '1718000000')),
        format: fc.oneof(fc.constantFrom('t', 'T', 'd', 'D', 'f', 'F', 'R'), fc.string()),
      }),
    }),
    // Containers of the right and the wrong kind of children.
    fc.record({
      type: fc.constantFrom('PARAGRAPH', 'BOLD', 'QUOTE', 'UNORDERED_LIST', 'TASKS', 'TABLE', 'HEADING'),
      value: fc.array(tie('node'), { maxLength: 3 }),
    }),
    // Anything at all under any type name.
    fc.record(
      {
        type: fc.oneof(fc.constantFrom(...TYPES), fc.string(), fc.integer()),
        value: fc.oneof(
          hostileText,
          fc.array(tie('node'), { maxLength: 3 }),
          tie('node'),
          fc.integer(),
          fc.constant(null),
        ),
        number: fc.oneof(fc.integer(), fc.string()),
        status: fc.boolean(),
        shortCode: hostileText,
        unicode: hostileText,
      },
      { requiredKeys: ['type'] },
    ),
  ),
}));

const SAFE_LINK = /^(https?:|mailto:)/i;

describe('markdown from a hostile server', () => {
  it('never throws, and nothing it renders can run or lead off http(s)/mailto', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(node, { maxLength: 4 }), node, fc.anything()), (ast) => {
        const { container, unmount } = render(<Markdown ast={ast} serverUrl="https://chat.example.com" />);
        try {
          expect(container.querySelectorAll('script, iframe, object, embed, style, link, meta, form')).toHaveLength(0);
          for (const element of container.querySelectorAll('*')) {
            for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on/i);
          }
          for (const anchor of container.querySelectorAll('a[href]')) {
            expect(anchor.getAttribute('href')).toMatch(SAFE_LINK);
          }
          for (const image of container.querySelectorAll('img')) {
            expect(image.getAttribute('src') ?? '').toMatch(/^https?:/i);
          }
        } finally {
          unmount();
        }
      }),
      { numRuns: 400 },
    );
  });
});
