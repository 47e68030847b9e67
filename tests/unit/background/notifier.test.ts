import { describe, expect, it, vi } from 'vitest';
import { toolbarAction, type BadgeApi } from '../../../lib/background/notifier';

function fakeBadge(): BadgeApi {
  return { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn() };
}

describe('toolbarAction', () => {
  it('uses action where the manifest is MV3', () => {
    const action = fakeBadge();
    expect(toolbarAction({ action, browserAction: fakeBadge() })).toBe(action);
  });

  it("uses browserAction in Firefox's MV2 build, which has no action", () => {
    const browserAction = fakeBadge();
    expect(toolbarAction({ browserAction })).toBe(browserAction);
  });

  it('says so when neither exists', () => {
    expect(() => toolbarAction({})).toThrow(/neither action nor browserAction/);
  });
});
