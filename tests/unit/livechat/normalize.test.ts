import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../../lib/livechat/normalize-config';
import { normalizeAgent, normalizeMessage, safeUrl, toMillis } from '../../../lib/livechat/normalize-message';

const protocol = new URL('../../fixtures/protocol/', import.meta.url);
const frames = JSON.parse(readFileSync(new URL('frames.json', protocol), 'utf8')) as Array<{
  frame: Record<string, unknown>;
}>;
const rest = JSON.parse(readFileSync(new URL('rest-examples.json', protocol), 'utf8')) as Array<{
  response: { body: unknown };
}>;

const flat = (frames.find((f) => f.frame.id === '1' && f.frame.msg === 'result')?.frame.result ?? {}) as object;
const nested = rest[0]?.response.body;

describe('normalizeConfig', () => {
  it('reads the flat getInitialData shape (SPEC §4.1, F07)', () => {
    const config = normalizeConfig(flat);
    expect(config).toMatchObject({
      enabled: true,
      online: true,
      title: 'Rocket.Chat',
      color: '#C1272D',
      registrationForm: true,
      nameField: true,
      emailField: true,
      allowSwitchingDepartments: true,
      fileUpload: true,
      offlineTitle: 'Leave a message',
      room: null,
      agent: null,
      guest: null,
    });
    expect(config.departments).toEqual([
      { id: 'dP4xK8mQ2zR7nTcWa', name: 'Support', showOnRegistration: true, showOnOfflineForm: true },
    ]);
    expect(config.messages.transcriptMessage).toBe('Would you like a copy of this chat emailed?');
  });

  it('reads the nested REST shape (SPEC §4.2, R01) into the same model', () => {
    const config = normalizeConfig(nested);
    const fromFlat = normalizeConfig(flat);
    expect(config.title).toBe(fromFlat.title);
    expect(config.color).toBe(fromFlat.color);
    expect(config.registrationForm).toBe(true);
    expect(config.visitorsCanCloseChat).toBe(true);
    expect(config.limitTextLength).toBeNull();
    expect(config.survey.values).toEqual(['1', '2', '3', '4', '5']);
    expect(Object.keys(config).toSorted()).toEqual(Object.keys(fromFlat).toSorted());
  });

  it('takes the room, guest and agent of a known token, and a numeric text limit', () => {
    const config = normalizeConfig({
      config: {
        enabled: true,
        online: false,
        settings: { limitTextLength: 140, agentHiddenInfo: true },
        theme: { title: 'Help' },
        messages: {},
        guest: { _id: 'g1', name: 'Ana', visitorEmails: [{ address: 'ana@example.com' }] },
        room: { _id: 'r1', open: true },
        agent: { hiddenInfo: true },
      },
    });
    expect(config.online).toBe(false);
    expect(config.limitTextLength).toBe(140);
    expect(config.room).toEqual({ id: 'r1', open: true });
    expect(config.guest).toEqual({ id: 'g1', name: 'Ana', email: 'ana@example.com' });
    expect(config.agent?.hidden).toBe(true);
  });

  it('survives garbage without throwing', () => {
    for (const junk of [null, undefined, 42, 'x', [], { config: 'x' }, { settings: 5, theme: null }]) {
      expect(() => normalizeConfig(junk)).not.toThrow();
      expect(normalizeConfig(junk).title).toBe('Live chat');
    }
  });
});

describe('normalizeMessage', () => {
  const context = { token: 'vT7qKp2mXw9ZrB4nLc8sYd', baseUrl: 'https://chat.example.com' };

  it('accepts every timestamp form', () => {
    expect(toMillis({ $date: 1718000000000 })).toBe(1718000000000);
    expect(toMillis(new Date(1718000000000))).toBe(1718000000000);
    expect(toMillis('2024-06-10T06:13:20.000Z')).toBe(1718000000000);
    expect(toMillis(1718000000000)).toBe(1718000000000);
    expect(toMillis('not a date', 7)).toBe(7);
    expect(toMillis(undefined, 7)).toBe(7);
    // Out of the range of Date: the UI could not format it.
    expect(toMillis({ $date: 8.64e15 + 1 }, 7)).toBe(7);
    expect(toMillis(Number.NaN, 7)).toBe(7);
  });

  it('tells visitor, agent and system messages apart', () => {
    const visitor = normalizeMessage(
      { _id: 'm1', rid: 'r', msg: 'hi', token: context.token, ts: { $date: 1 }, u: { _id: 'v', username: 'guest-1' } },
      context,
    );
    const agent = normalizeMessage(
      { _id: 'm2', rid: 'r', msg: 'hello', ts: { $date: 2 }, u: { name: 'Maria' } },
      context,
    );
    const system = normalizeMessage({ _id: 'm3', rid: 'r', t: 'uj', msg: '', ts: { $date: 3 } }, context);
    expect(visitor?.from).toBe('visitor');
    expect(agent?.from).toBe('agent');
    expect(agent?.author.name).toBe('Maria');
    expect(system).toMatchObject({ from: 'system', type: 'uj' });
  });

  it('rejects messages without id or room, and unsafe attachment links', () => {
    expect(normalizeMessage({ msg: 'x' }, context)).toBeNull();
    expect(normalizeMessage('junk', context)).toBeNull();
    const m = normalizeMessage(
      {
        _id: 'm',
        rid: 'r',
        attachments: [
          { title: 'evil', title_link: 'javascript:alert(1)' },
          { title: 'ok', title_link: '/file-upload/x' },
        ],
      },
      context,
    );
    expect(m?.attachments).toEqual([
      {
        title: 'ok',
        url: `https://chat.example.com/file-upload/x?rc_token=${context.token}&rc_rid=r&rc_room_type=l`,
      },
    ]);
    expect(safeUrl('data:text/html,x', context.baseUrl)).toBeNull();
  });

  it('normalises agent info, hidden or not', () => {
    expect(normalizeAgent({ _id: 'a', username: 'maria.agent', name: 'Maria', status: 'away' })).toMatchObject({
      name: 'Maria',
      status: 'away',
      hidden: false,
    });
    expect(normalizeAgent({ hiddenInfo: true })?.hidden).toBe(true);
    expect(normalizeAgent(undefined)).toBeNull();
  });
});
