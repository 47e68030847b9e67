// @vitest-environment happy-dom
// Issue 14 item 2: plain http:// only for loopback without a word. Any other host is refused by the options page
// with the reason, unless the visitor ticks "allow an unencrypted connection"; the chat then carries a lasting
// warning, whoever chose the address.
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../components/OptionsPage';
import { DEFAULT_SETTINGS, type VisitorSettings } from '../../../lib/settings';
import { validateOptions } from '../../../lib/ui/options-form';
import { testConfig } from './config';
import { renderChat } from './render-chat';

afterEach(cleanup);

const input = (serverUrl: string, allowCleartext = false): VisitorSettings => ({
  ...DEFAULT_SETTINGS,
  serverUrl,
  allowCleartext,
});

describe('cleartext in the options', () => {
  it('accepts http:// to loopback and https:// anywhere without a word', () => {
    for (const url of [
      'http://127.0.0.1:3000',
      'http://localhost:3000/chat',
      'http://[::1]:3000',
      'https://a.example',
    ]) {
      const checked = validateOptions(input(url));
      expect(checked.ok, url).toBe(true);
      expect(checked.ok && checked.settings.allowCleartext).toBe(false);
    }
  });

  it('refuses http:// to another host with the reason, unless the visitor allows it', () => {
    const refused = validateOptions(input('http://chat.example.com'));
    expect(refused).toEqual({ ok: false, errors: { serverUrl: expect.stringContaining('not encrypted') } });
    expect(!refused.ok && refused.errors.serverUrl).toContain('http://chat.example.com');
    const allowed = validateOptions(input('http://chat.example.com', true));
    expect(allowed.ok && allowed.settings).toMatchObject({
      serverUrl: 'http://chat.example.com',
      allowCleartext: true,
    });
    // Consent belongs to that unencrypted address: an https:// one forgets it.
    const moved = validateOptions(input('https://chat.example.com', true));
    expect(moved.ok && moved.settings.allowCleartext).toBe(false);
  });

  it('offers the box on the page and saves only once it is ticked', async () => {
    const write = vi.fn<(settings: VisitorSettings) => Promise<void>>(async () => undefined);
    const requestAccess = vi.fn(async () => true);
    render(
      <OptionsPage
        load={async () => ({ settings: { ...DEFAULT_SETTINGS, name: 'Ada' }, policy: {} })}
        deps={{ requestAccess, dropAccess: async () => true, write }}
        probe={() => new Promise(() => undefined)}
        desks={{ requestAccess, write, forget: async () => {} }}
      />,
    );
    await waitFor(() => expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Ada'));
    expect(screen.queryByLabelText(/unencrypted connection/)).toBeNull();
    fireEvent.input(screen.getByLabelText('Support desk address'), { target: { value: 'http://chat.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not encrypted'));
    expect(requestAccess).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText('Allow an unencrypted connection (http://) to this server'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    expect(write.mock.calls[0]![0]).toMatchObject({ serverUrl: 'http://chat.example.com', allowCleartext: true });
  });
});

describe('cleartext in the chat', () => {
  it('warns in the header for as long as the chat is unencrypted', async () => {
    const chat = await renderChat({ serverUrl: 'http://chat.example.com', config: testConfig() });
    expect(screen.getByRole('note').textContent).toBe(
      'Unencrypted connection to chat.example.com: others on the network can read this chat.',
    );
    chat.cleanup();
  });

  it('says nothing for https:// or loopback', async () => {
    for (const serverUrl of ['https://chat.example.com', 'http://127.0.0.1:3000']) {
      const chat = await renderChat({ serverUrl, config: testConfig() });
      expect(screen.queryByText(/Unencrypted connection/)).toBeNull();
      chat.cleanup();
      cleanup();
    }
  });
});
