// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import de from '../../../public/_locales/de/messages.json';
import en from '../../../public/_locales/en/messages.json';
import ptBR from '../../../public/_locales/pt_BR/messages.json';
import { format } from '../../../lib/ui/catalog';
import { followDeskLanguage, locale, localeDir, t, type Catalog } from '../../../lib/ui/i18n';
import { formatTime } from '../../../lib/ui/format';
import { testConfig } from './config';
import { message } from './messages';
import { renderChat } from './render-chat';

afterEach(async () => {
  cleanup();
  await followDeskLanguage('');
});

const catalogs: Record<string, Catalog> = { en, pt_BR: ptBR, de };

describe('locale files', () => {
  it('translate every English text, with the same placeholders', () => {
    for (const [dir, catalog] of Object.entries(catalogs)) {
      expect(Object.keys(catalog).toSorted(), dir).toEqual(Object.keys(en).toSorted());
      for (const [key, entry] of Object.entries(en) as Array<[string, Catalog[string]]>) {
        const other = catalog[key]!;
        expect(other.message.trim(), `${dir}.${key}`).not.toBe('');
        expect(Object.keys(other.placeholders ?? {}), `${dir}.${key}`).toEqual(Object.keys(entry.placeholders ?? {}));
        for (const name of Object.keys(entry.placeholders ?? {})) {
          expect(other.message.toLowerCase(), `${dir}.${key} uses $${name}$`).toContain(`$${name}$`);
        }
      }
    }
  });

  it('use only names Chrome accepts', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});

describe('t', () => {
  it('fills named placeholders the way browser.i18n does', () => {
    expect(t('queueSpot', 3)).toBe('You are number 3 in the queue.');
    expect(format({ message: 'Cost: $$5 for $who$', placeholders: { who: { content: '$1' } } }, ['Ada'])).toBe(
      'Cost: $5 for Ada',
    );
  });

  it('maps desk language tags to the shipped locale folders', () => {
    expect(localeDir('pt-BR')).toBe('pt_BR');
    expect(localeDir('pt')).toBe('pt_BR');
    expect(localeDir('de-AT')).toBe('de');
    expect(localeDir('EN')).toBe('en');
    expect(localeDir('fr')).toBeNull();
    expect(localeDir('')).toBeNull();
  });
});

describe('the desk language', () => {
  it('wins over the browser language, texts and formats alike', async () => {
    const load = vi.fn(async (dir: string) => catalogs[dir]!);
    await followDeskLanguage('pt-BR', load);
    expect(load).toHaveBeenCalledWith('pt_BR');
    expect(t('startChat')).toBe('Iniciar conversa');
    expect(locale.value).toBe('pt-BR');
    expect(formatTime(new Date(2026, 0, 15, 14, 5).getTime())).toBe('14:05');

    await followDeskLanguage('fr', load);
    expect(t('startChat')).toBe('Start chat');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps the browser language when the desk’s file cannot be loaded', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await followDeskLanguage('de', async () => {
      throw new Error('missing');
    });
    expect(t('startChat')).toBe('Start chat');
  });

  it('follows config.language in the running chat', async () => {
    const fetched = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(de));
    const chat = await renderChat({
      config: testConfig({ language: 'de' }),
      messages: [message('a', 'agent', 'Hallo')],
    });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeTruthy());
    expect(String(fetched.mock.calls[0]?.[0])).toMatch(/\/_locales\/de\/messages\.json$/);
    expect(document.documentElement.lang).toBe('de');
    chat.cleanup();
  });
});
