/**
 * A hostile or broken server can put anything under any key. The normalisers never throw, and what they hand the
 * worker and the UI always has the types of the model: the UI never meets a number where it expects a string.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../../lib/livechat/normalize-config';
import { normalizeAgent, normalizeMessage } from '../../../lib/livechat/normalize-message';
import type { AgentInfo, ChatMessage, LivechatConfig } from '../../../lib/livechat/types';

/** Any value a JSON or EJSON payload can carry at a key, hostile strings and odd dates included. */
const value = fc.oneof(
  fc.anything({ maxDepth: 2, withDate: true }),
  fc.record({ $date: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)) }),
  fc.constantFrom('javascript:alert(1)', '<script>x</script>', '', 'online', '2026-01-01T00:00:00Z', 'NaN'),
);

/** An object with some of `keys` (as a server of some line might send them) holding anything. */
const shaped = (keys: string[], inner: fc.Arbitrary<unknown> = value) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), inner, { maxKeys: keys.length + 2 });

const MESSAGE_KEYS = ['_id', 'rid', 'msg', 'ts', '_updatedAt', 'editedAt', 'u', 't', 'token', 'alias', 'md'];
const ATTACHMENT_KEYS = ['title', 'title_link', 'image_url', 'image_type', 'image_size', 'description'];
const message = fc.oneof(
  shaped(MESSAGE_KEYS),
  // Always a message (id and room present), with the nested parts hostile too.
  fc.record({
    _id: fc.string({ minLength: 1 }),
    rid: fc.string({ minLength: 1 }),
    msg: value,
    ts: value,
    _updatedAt: value,
    editedAt: value,
    u: fc.oneof(shaped(['_id', 'username', 'name']), value),
    t: value,
    attachments: fc.oneof(fc.array(shaped(ATTACHMENT_KEYS), { maxLength: 3 }), value),
  }),
  value,
);

const CONFIG_KEYS = ['enabled', 'online', 'settings', 'theme', 'messages', 'survey', 'room', 'guest', 'agent'];
const SETTINGS_KEYS = ['registrationForm', 'limitTextLength', 'hiddenSystemMessages', 'language', 'fileUpload'];
const config = fc.oneof(
  fc.record({
    config: fc.record({
      enabled: value,
      online: value,
      settings: fc.oneof(shaped(SETTINGS_KEYS), value),
      theme: fc.oneof(shaped(['title', 'color', 'offlineTitle']), value),
      messages: fc.oneof(shaped(['offlineMessage', 'transcriptMessage']), value),
      departments: fc.oneof(fc.array(shaped(['_id', 'name', 'showOnRegistration']), { maxLength: 3 }), value),
      customFields: fc.oneof(
        fc.array(shaped(['_id', 'label', 'type', 'options', 'required']), { maxLength: 3 }),
        value,
      ),
      room: fc.oneof(shaped(['_id', 'open']), value),
      agent: fc.oneof(shaped(['_id', 'username', 'name', 'status', 'hiddenInfo']), value),
      guest: fc.oneof(shaped(['_id', 'name', 'visitorEmails']), value),
    }),
  }),
  shaped([...CONFIG_KEYS, ...SETTINGS_KEYS, 'title', 'departments', 'customFields']),
  value,
);

const isStringArray = (xs: unknown): boolean => Array.isArray(xs) && xs.every((x) => typeof x === 'string');

function expectAgent(agent: AgentInfo | null): void {
  if (agent === null) return;
  expect([typeof agent.id, typeof agent.name, typeof agent.username]).toEqual(['string', 'string', 'string']);
  expect(['online', 'away', 'busy', 'offline', 'unknown']).toContain(agent.status);
  expect(typeof agent.hidden).toBe('boolean');
}

function expectMessage(m: ChatMessage | null): void {
  if (m === null) return;
  expect(m.id.length > 0 && m.rid.length > 0).toBe(true);
  expect(typeof m.text).toBe('string');
  // A time the UI can format: inside the range of `Date`, not just any finite number.
  for (const ms of [m.ts, m.updatedAt, m.editedAt ?? 0]) expect(Number.isNaN(new Date(ms).getTime())).toBe(false);
  expect([typeof m.author.id, typeof m.author.username, typeof m.author.name]).toEqual(['string', 'string', 'string']);
  expect(['visitor', 'agent', 'system']).toContain(m.from);
  expect(m.type === null || typeof m.type === 'string').toBe(true);
  for (const a of m.attachments) {
    expect(a.url).toMatch(/^https?:/);
    if (a.imageUrl !== undefined) expect(a.imageUrl).toMatch(/^https?:/);
    expect(typeof a.title).toBe('string');
  }
}

function expectConfig(c: LivechatConfig): void {
  const booleans = [c.enabled, c.online, c.registrationForm, c.fileUpload, c.transcript, c.visitorsCanCloseChat];
  for (const flag of booleans) expect(typeof flag).toBe('boolean');
  for (const text of [c.title, c.color, c.language, ...Object.values(c.messages)]) expect(typeof text).toBe('string');
  expect(c.limitTextLength === null || (Number.isFinite(c.limitTextLength) && c.limitTextLength > 0)).toBe(true);
  expect(isStringArray(c.hiddenSystemMessages) && isStringArray(c.survey.items)).toBe(true);
  for (const d of c.departments) expect([typeof d.id, typeof d.name]).toEqual(['string', 'string']);
  for (const f of c.customFields) expect([typeof f.id, typeof f.label]).toEqual(['string', 'string']);
  if (c.room) expect([typeof c.room.id, typeof c.room.open]).toEqual(['string', 'boolean']);
  expectAgent(c.agent);
}

describe('normalisers against a hostile server', () => {
  it('give a well-typed message or nothing, with only http(s) attachment links', () => {
    const context = { token: 'visitor-token', baseUrl: 'https://chat.example.com' };
    fc.assert(
      fc.property(message, (raw) => expectMessage(normalizeMessage(raw, context))),
      { numRuns: 1000 },
    );
  });

  it('give a well-typed configuration whatever the shape', () => {
    fc.assert(
      fc.property(config, (raw) => expectConfig(normalizeConfig(raw))),
      { numRuns: 1000 },
    );
  });

  it('give well-typed agent info or nothing', () => {
    const agent = fc.oneof(shaped(['_id', 'username', 'name', 'status', 'hiddenInfo']), value);
    fc.assert(
      fc.property(agent, (raw) => expectAgent(normalizeAgent(raw))),
      { numRuns: 500 },
    );
  });
});
