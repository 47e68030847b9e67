import { describe, expect, it } from 'vitest';
import { accentColor, accentPair, contrast, themeOf } from '../../lib/accent';

describe('accentPair', () => {
  it('keeps a desk colour that already reads well and falls back to blue for anything else', () => {
    expect(accentPair('#C1272D')).toEqual({ accent: '#c1272d', onAccent: '#ffffff' });
    expect(accentPair('#fc0')).toEqual({ accent: '#ffcc00', onAccent: '#111827' });
    expect(accentColor('red; background: url(x)')).toBe('#2563eb');
    expect(accentColor(undefined)).toBe('#2563eb');
  });

  it('darkens a mid-tone until white text reaches WCAG AA', () => {
    for (const color of ['#1d74f5', '#3fa9f5', '#ff6600', '#22aa55', '#888888']) {
      const { accent, onAccent } = accentPair(color);
      expect(contrast(accent, onAccent)).toBeGreaterThanOrEqual(4.5);
    }
    expect(accentPair('#1d74f5').accent).not.toBe('#1d74f5');
  });
});

describe('themeOf', () => {
  it('pairs the desk colour, and the offline colour only when the desk sets one', () => {
    expect(themeOf(null)).toEqual({ online: { accent: '#2563eb', onAccent: '#ffffff' }, offline: null });
    expect(themeOf({ color: '#fc0', offlineColor: '' }).offline).toBeNull();
    const config = { color: '#fc0', offlineColor: '#C1272D' };
    expect(themeOf(config)).toBe(themeOf(config));
    expect(themeOf(config)).toEqual({
      online: { accent: '#ffcc00', onAccent: '#111827' },
      offline: { accent: '#c1272d', onAccent: '#ffffff' },
    });
  });
});
