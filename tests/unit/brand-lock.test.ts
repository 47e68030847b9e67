import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('a single-desk brand', () => {
  it('keeps the visitor on the brand desk: no other desks, whatever was stored', async () => {
    vi.stubGlobal('__LQS_SINGLE_DESK__', true);
    vi.stubGlobal('__LQS_PRESET_SERVER__', 'https://chat.acme.example');
    const { locks } = await import('../../lib/managed');
    const { DEFAULT_SETTINGS, effectiveSettings } = await import('../../lib/settings');
    expect(locks({}).otherDesks).toBe(true);
    const stored = { ...DEFAULT_SETTINGS, desks: ['https://chat.acme.example', 'https://elsewhere.example'] };
    expect(effectiveSettings(stored, {}).desks).toEqual(['https://chat.acme.example']);
  });

  it('a stock build lets the visitor add desks', async () => {
    const { locks } = await import('../../lib/managed');
    expect(locks({}).otherDesks).toBe(false);
  });
});
