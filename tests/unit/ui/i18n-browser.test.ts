import { describe, expect, it, vi } from 'vitest';

const getMessage = vi.fn((key: string, subs: string[]) => (key === 'dayToday' ? 'Today' : `${key}:${subs.join(',')}`));
vi.mock('wxt/browser', () => ({ browser: { i18n: { getMessage, getUILanguage: () => 'en' } } }));
const { t } = await import('../../../lib/ui/i18n');

describe('texts from the browser', () => {
  it('asks the browser once per text and substitutions', () => {
    expect(t('dayToday')).toBe('Today');
    expect(t('dayToday')).toBe('Today');
    expect(t('connRetryIn', 2)).toBe('connRetryIn:2');
    expect(t('connRetryIn', 2)).toBe('connRetryIn:2');
    expect(t('connRetryIn', 3)).toBe('connRetryIn:3');
    expect(getMessage.mock.calls).toEqual([
      ['dayToday', []],
      ['connRetryIn', ['2']],
      ['connRetryIn', ['3']],
    ]);
  });

  it('keeps a bounded number of texts, asking again for one it let go', () => {
    getMessage.mockClear();
    for (let i = 0; i < 1_000; i++) t('connRetryIn', 1_000 + i);
    t('connRetryIn', 1_000);
    expect(getMessage).toHaveBeenCalledTimes(1_001);
  });
});
