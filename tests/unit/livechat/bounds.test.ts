import { describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENTS,
  MAX_FIELD_CHARS,
  MAX_MD_DEPTH,
  MAX_MD_NODES,
  MAX_TEXT_CHARS,
  mdWithinBounds,
} from '../../../lib/livechat/bounds';
import { normalizeConfig } from '../../../lib/livechat/normalize-config';
import { normalizeMessage } from '../../../lib/livechat/normalize-message';
import { deepMd, jsonDepth } from '../fakes/hostile-message';

const context = { token: 'tok', baseUrl: 'https://desk.example.com' };

const raw = (extra: Record<string, unknown>) => ({
  _id: 'm1',
  rid: 'R1',
  msg: 'hello',
  ts: { $date: 1000 },
  u: { _id: 'A', username: 'agent', name: 'Agent' },
  ...extra,
});

describe('inbound bounds', () => {
  it('turns a markdown tree nested 5 000 deep into the plain text, shallow enough for any port', () => {
    const message = normalizeMessage(raw({ md: deepMd(5000) }), context);
    expect(message?.md).toEqual([{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: 'hello' }] }]);
    expect(jsonDepth(message)).toBeLessThan(10);
  });

  it('keeps real markdown, and drops trees with too many nodes or levels', () => {
    const ok = [{ type: 'PARAGRAPH', value: [{ type: 'BOLD', value: [{ type: 'PLAIN_TEXT', value: 'hi' }] }] }];
    expect(normalizeMessage(raw({ md: ok }), context)?.md).toEqual(ok);
    expect(mdWithinBounds(deepMd(MAX_MD_DEPTH - 2))).toBe(true);
    expect(mdWithinBounds(deepMd(MAX_MD_DEPTH + 1))).toBe(false);
    const wide = Array.from({ length: MAX_MD_NODES + 1 }, () => ({ type: 'PLAIN_TEXT', value: 'x' }));
    expect(mdWithinBounds([{ type: 'PARAGRAPH', value: wide }])).toBe(false);
    expect(mdWithinBounds([{ type: 'PLAIN_TEXT', value: 'x'.repeat(MAX_TEXT_CHARS * 3) }])).toBe(false);
  });

  it('cuts a long text, too many attachments and long fields, and marks the message shortened', () => {
    const attachments = Array.from({ length: 50 }, (_, i) => ({ title: `f${i}`, title_link: `/file/${i}` }));
    const message = normalizeMessage(
      raw({
        msg: 'a'.repeat(MAX_TEXT_CHARS * 10),
        md: [{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: 'the server’s tree' }] }],
        attachments,
        u: { _id: 'A', username: 'u'.repeat(10_000), name: 'n'.repeat(10_000) },
      }),
      context,
    );
    expect(message?.text).toHaveLength(MAX_TEXT_CHARS);
    expect(message?.shortened).toBe(true);
    expect(message?.attachments).toHaveLength(MAX_ATTACHMENTS);
    expect(message?.author.name).toHaveLength(MAX_FIELD_CHARS);
    // The server's tree described the whole text: the cut text shows as plain text instead.
    expect(JSON.stringify(message?.md)).not.toContain('the server’s tree');
    expect(JSON.stringify(message).length).toBeLessThan(MAX_TEXT_CHARS * 3);
    expect(normalizeMessage(raw({}), context)?.shortened).toBeUndefined();
  });

  it('drops links beyond the URL bound and messages with absurd ids', () => {
    const long = `https://desk.example.com/${'x'.repeat(10_000)}`;
    const message = normalizeMessage(raw({ attachments: [{ title: 'big', title_link: long }] }), context);
    expect(message?.attachments).toEqual([]);
    expect(normalizeMessage(raw({ _id: 'i'.repeat(10_000) }), context)).toBeNull();
  });

  it('bounds the desk configuration’s lists and texts', () => {
    const config = normalizeConfig({
      title: 't'.repeat(100_000),
      departments: Array.from({ length: 10_000 }, (_, i) => ({ _id: `d${i}`, name: `D${i}` })),
      customFields: [{ _id: 'f', options: 'o,'.repeat(10_000), regexp: '(a+)+'.repeat(1_000) }],
    });
    expect(config.title.length).toBeLessThanOrEqual(5_000);
    expect(config.departments.length).toBeLessThanOrEqual(200);
    expect(config.customFields[0]?.options.length).toBeLessThanOrEqual(200);
    expect(config.customFields[0]?.regexp).toBeUndefined();
  });
});
