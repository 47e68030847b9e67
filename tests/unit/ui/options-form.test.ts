// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type VisitorSettings } from '../../../lib/settings';
import { saveOptions, validateOptions, type OptionsInput } from '../../../lib/ui/options-form';

const input = (overrides: Partial<OptionsInput> = {}): OptionsInput => ({
  serverUrl: 'chat.example.com/',
  name: ' Ada ',
  email: 'ada@example.com',
  notifications: false,
  allowCleartext: false,
  ...overrides,
});

function deps(granted: boolean | Error, previous: VisitorSettings = DEFAULT_SETTINGS) {
  return {
    previous,
    requestAccess: vi.fn<(pattern: string) => Promise<boolean>>(() =>
      granted instanceof Error ? Promise.reject(granted) : Promise.resolve(granted),
    ),
    dropAccess: vi.fn<(pattern: string) => Promise<boolean>>(async () => true),
    write: vi.fn<(settings: VisitorSettings) => Promise<void>>(async () => undefined),
  };
}

describe('validateOptions', () => {
  it('reports a bad address and a bad e-mail next to their fields', () => {
    expect(validateOptions(input({ serverUrl: 'ftp://x', email: 'nope' }))).toEqual({
      ok: false,
      errors: {
        serverUrl: expect.stringContaining('Only http:// and https://'),
        email: expect.stringContaining('nope'),
      },
    });
  });

  it('accepts an empty e-mail and cleans the values', () => {
    expect(validateOptions(input({ email: '' }))).toEqual({
      ok: true,
      origin: 'https://chat.example.com',
      settings: {
        serverUrl: 'https://chat.example.com',
        name: 'Ada',
        email: '',
        notifications: false,
        allowCleartext: false,
      },
    });
  });
});

describe('saveOptions', () => {
  it('asks for host access before any await (keeping the user gesture), then saves', async () => {
    const d = deps(true);
    const outcome = saveOptions(input(), d);
    expect(d.requestAccess).toHaveBeenCalledWith('https://chat.example.com/*');
    expect(d.write).not.toHaveBeenCalled();
    await expect(outcome).resolves.toMatchObject({ status: 'saved' });
    expect(d.write).toHaveBeenCalledWith({
      serverUrl: 'https://chat.example.com',
      desks: ['https://chat.example.com'],
      name: 'Ada',
      email: 'ada@example.com',
      notifications: false,
      allowCleartext: false,
    });
  });

  it('does not save the address when access is refused, but keeps the other settings', async () => {
    const previous = { ...DEFAULT_SETTINGS, serverUrl: 'https://old.example.com' };
    for (const refusal of [false, new Error('prompt dismissed')]) {
      const d = deps(refusal, previous);
      const outcome = await saveOptions(input(), d);
      expect(outcome).toMatchObject({
        status: 'refused',
        errors: { serverUrl: expect.stringContaining('cannot reach your support desk') },
      });
      expect(d.write).toHaveBeenCalledWith(
        expect.objectContaining({ serverUrl: 'https://old.example.com', name: 'Ada' }),
      );
      expect(d.dropAccess).not.toHaveBeenCalled();
    }
  });

  it('asks for nothing when the form is invalid', async () => {
    const d = deps(true);
    await expect(saveOptions(input({ serverUrl: '' }), d)).resolves.toMatchObject({ status: 'invalid' });
    expect(d.requestAccess).not.toHaveBeenCalled();
    expect(d.write).not.toHaveBeenCalled();
  });

  it('gives up access to the previous server when the visitor moves to another one', async () => {
    const d = deps(true, { ...DEFAULT_SETTINGS, serverUrl: 'https://old.example.com/livechat' });
    await saveOptions(input(), d);
    expect(d.dropAccess).toHaveBeenCalledWith('https://old.example.com/*');

    const same = deps(true, { ...DEFAULT_SETTINGS, serverUrl: 'https://chat.example.com' });
    await saveOptions(input(), same);
    expect(same.dropAccess).not.toHaveBeenCalled();
  });
});
