// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it } from 'vitest';
import { afterEach, vi } from 'vitest';
import { formatTime, initials } from '../../../lib/ui/format';
import { locale } from '../../../lib/ui/i18n';

describe('initials', () => {
  it('takes up to two initials', () => {
    expect(initials('Jane Doe')).toBe('JD');
    expect(initials('maria.agent')).toBe('MA');
    expect(initials('  ')).toBe('?');
    expect(initials('émile zola durand')).toBe('ÉZ');
  });
});

describe('formatTime', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes each minute once in a row, and again for another minute or language', () => {
    // `format` is a getter (a bound function): read once per time written.
    const format = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: unknown }, 'format', 'get');
    const minute = Date.UTC(2026, 11, 7, 14, 5);
    const first = formatTime(minute + 1_000);
    expect(formatTime(minute + 59_000)).toBe(first);
    expect(format).toHaveBeenCalledTimes(1);
    expect(formatTime(minute + 60_000)).not.toBe(first);
    expect(formatTime(minute)).toBe(first);
    expect(format).toHaveBeenCalledTimes(3);
    const before = locale.value;
    try {
      locale.value = 'de';
      expect(formatTime(minute)).toBe(
        new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit' }).format(minute),
      );
      expect(format).toHaveBeenCalledTimes(5);
    } finally {
      locale.value = before;
    }
  });
});
