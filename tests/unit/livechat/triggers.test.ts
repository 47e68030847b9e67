import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../../lib/livechat/normalize-config';
import { MAX_TRIGGERS, normalizeTriggers, pageMatches } from '../../../lib/livechat/triggers';

const greet = (id: string, condition: unknown, params: unknown = { sender: 'custom', name: 'Ana', msg: 'Hi!' }) => ({
  _id: id,
  name: id,
  enabled: true,
  runOnce: false,
  conditions: [condition],
  actions: [{ name: 'send-message', params }],
});

describe('desk triggers on arrival', () => {
  it('reads both config shapes: the flat getInitialData and the nested livechat/config', () => {
    const trigger = { ...greet('T1', { name: 'chat-opened-by-visitor' }), runOnce: true };
    const want = [
      {
        id: 'T1',
        runOnce: true,
        condition: { name: 'chat-opened-by-visitor' },
        action: { name: 'send-message', sender: 'custom', agentName: 'Ana', text: 'Hi!' },
      },
    ];
    expect(normalizeConfig({ enabled: true, triggers: [trigger] }).triggers).toEqual(want);
    expect(normalizeConfig({ config: { settings: {}, triggers: [trigger] } }).triggers).toEqual(want);
    expect(normalizeConfig({ config: { settings: {} } }).triggers).toEqual([]);
  });

  it('keeps the first condition and action, with their values; time-on-site as seconds', () => {
    const [onSite, page, queue] = normalizeTriggers([
      greet('S', { name: 'time-on-site', value: '15' }),
      greet('P', { name: 'page-url', value: '/pricing' }),
      greet('Q', { name: 'after-guest-registration' }, { sender: 'queue', msg: 'Welcome' }),
    ]);
    expect(onSite?.condition).toEqual({ name: 'time-on-site', seconds: 15 });
    expect(page?.condition).toEqual({ name: 'page-url', pattern: '/pricing' });
    expect(queue?.action).toEqual({ name: 'send-message', sender: 'queue', agentName: '', text: 'Welcome' });
  });

  it('drops whole what it cannot run: unknown names, bad values, broken patterns, empty texts, duplicates', () => {
    const bad = [
      greet('', { name: 'chat-opened-by-visitor' }),
      greet('A', { name: 'mouse-over' }),
      greet('B', { name: 'time-on-site', value: 'soon' }),
      greet('C', { name: 'time-on-site', value: -1 }),
      greet('D', { name: 'page-url', value: '([' }),
      greet('E', { name: 'page-url', value: 'x'.repeat(600) }),
      greet('F', { name: 'chat-opened-by-visitor' }, { sender: 'custom', name: 'Ana', msg: '  ' }),
      greet('G', { name: 'chat-opened-by-visitor' }, { sender: 'robot', msg: 'hi' }),
      { ...greet('H', { name: 'chat-opened-by-visitor' }), enabled: false },
      { _id: 'I', conditions: 'x', actions: null },
      'junk',
      null,
    ];
    expect(normalizeTriggers(bad)).toEqual([]);
    expect(normalizeTriggers('junk')).toEqual([]);
    const twice = [greet('T', { name: 'chat-opened-by-visitor' }), greet('T', { name: 'after-guest-registration' })];
    expect(normalizeTriggers(twice).map((t) => t.condition.name)).toEqual(['chat-opened-by-visitor']);
  });

  it('bounds the list, the texts and the names', () => {
    const many = Array.from({ length: MAX_TRIGGERS + 20 }, (_, i) =>
      greet(`T${i}`, { name: 'chat-opened-by-visitor' }),
    );
    expect(normalizeTriggers(many)).toHaveLength(MAX_TRIGGERS);
    const [long] = normalizeTriggers([
      greet(
        'L',
        { name: 'chat-opened-by-visitor' },
        { sender: 'custom', name: 'n'.repeat(1000), msg: 'm'.repeat(9000) },
      ),
    ]);
    expect(long?.action.agentName).toHaveLength(256);
    expect(long?.action.text).toHaveLength(5000);
  });

  it('keeps use-external-service with its fallback text, for the runner to skip with a log line', () => {
    const [external] = normalizeTriggers([
      {
        _id: 'X',
        conditions: [{ name: 'chat-opened-by-visitor' }],
        actions: [{ name: 'use-external-service', params: { sender: 'queue', serviceFallbackMessage: 'Sorry' } }],
      },
    ]);
    expect(external?.action).toMatchObject({ name: 'use-external-service', text: 'Sorry' });
  });

  it('matches a shared page against a page-url pattern, never a very long address', () => {
    expect(pageMatches('/pricing', 'https://shop.example/pricing?x=1')).toBe(true);
    expect(pageMatches('^https://shop\\.example/help', 'https://shop.example/pricing')).toBe(false);
    expect(pageMatches('pricing', `https://shop.example/pricing?${'a'.repeat(3000)}`)).toBe(false);
  });
});
