import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, defineSettingsItem, desksOf, effectiveSettings, withoutDesk } from '../../lib/settings';

const A = 'https://a.example.com';
const B = 'https://b.example.com/support';

describe('settings with several desks', () => {
  beforeEach(() => fakeBrowser.reset());

  it('upgrades the single desk of version 1 to a list of one, losing nothing', async () => {
    const v1 = { serverUrl: A, name: 'Ana', email: 'ana@example.com', notifications: false, allowCleartext: false };
    await fakeBrowser.storage.local.set({ settings: v1, settings$: { v: 1 } });
    expect(await defineSettingsItem().getValue()).toEqual({ ...v1, desks: [A] });
  });

  it('keeps a list that a value without its version mark already holds', async () => {
    const unmarked = { ...DEFAULT_SETTINGS, serverUrl: A, desks: [A, B] };
    await fakeBrowser.storage.local.set({ settings: unmarked });
    expect((await defineSettingsItem().getValue()).desks).toEqual([A, B]);
  });

  it('upgrades a visitor who never chose a desk to an empty list', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, desks: undefined }, settings$: { v: 1 } });
    expect((await defineSettingsItem().getValue()).desks).toEqual([]);
  });

  it('lists each valid desk once, with the default among them', () => {
    expect(desksOf({ serverUrl: B, desks: [A, `${A}/`, 'javascript:alert(1)', 42 as never] })).toEqual([B, A]);
    expect(desksOf({ serverUrl: A, desks: [B, A] })).toEqual([B, A]);
    // A shape from before the list (a harness, an old write) still names its desk.
    expect(desksOf({ serverUrl: A, desks: undefined as never })).toEqual([A]);
  });

  it('keeps the visitor on one desk under a policy that allows no other', () => {
    const saved = { ...DEFAULT_SETTINGS, serverUrl: A, desks: [A, B] };
    expect(effectiveSettings(saved, {}).desks).toEqual([A, B]);
    expect(effectiveSettings(saved, { allowOtherDesks: false }).desks).toEqual([A]);
    expect(effectiveSettings(saved, { deskUrl: 'https://corp.example', allowOtherDesks: false }).desks).toEqual([
      'https://corp.example',
    ]);
  });

  it('forgets a desk: the next one becomes the default, its origin is unused only when no desk is on it', () => {
    const saved = { ...DEFAULT_SETTINGS, serverUrl: A, desks: [A, B, 'https://b.example.com/other'] };
    expect(withoutDesk(saved, A)).toEqual({
      settings: { ...saved, serverUrl: B, desks: [B, 'https://b.example.com/other'] },
      unusedOrigin: A,
    });
    expect(withoutDesk(saved, B).unusedOrigin).toBeNull();
    expect(withoutDesk({ ...saved, desks: [A] }, A).settings).toMatchObject({ serverUrl: '', desks: [] });
  });
});
