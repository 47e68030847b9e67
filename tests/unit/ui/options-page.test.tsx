// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../components/OptionsPage';
import type { ManagedPolicy } from '../../../lib/managed';
import { DEFAULT_SETTINGS, effectiveSettings, type VisitorSettings } from '../../../lib/settings';
import type { DeskProbe } from '../../../lib/livechat/desk-probe';

afterEach(cleanup);

function setup(
  granted: boolean,
  answer: DeskProbe = { kind: 'ready', title: 'Acme Support' },
  policy: ManagedPolicy = {},
) {
  const deps = {
    requestAccess: vi.fn(async () => granted),
    dropAccess: vi.fn(async () => true),
    write: vi.fn<(settings: VisitorSettings) => Promise<void>>(async () => undefined),
  };
  let answered: (value: DeskProbe) => void = () => {};
  const probe = vi.fn(() => new Promise<DeskProbe>((resolve) => (answered = resolve)));
  render(
    <OptionsPage
      load={async () => ({ settings: effectiveSettings({ ...DEFAULT_SETTINGS, name: 'Ada' }, policy), policy })}
      deps={deps}
      probe={probe}
      desks={{ requestAccess: deps.requestAccess, write: deps.write, forget: async () => {} }}
    />,
  );
  return { ...deps, probe, answer: () => answered(answer) };
}

async function saveAddress(address: string): Promise<void> {
  await waitFor(() => expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Ada'));
  fireEvent.input(screen.getByLabelText('Support desk address'), { target: { value: address } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
}

describe('options page', () => {
  it('validates next to the fields, asks for access, saves, then says whether the desk answers', async () => {
    const deps = setup(true);
    await waitFor(() => expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Ada'));

    fireEvent.input(screen.getByLabelText('Support desk address'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.input(screen.getByLabelText('Your e-mail'), { target: { value: 'ada@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    expect(screen.getByLabelText('Support desk address').getAttribute('aria-invalid')).toBe('true');
    expect(deps.requestAccess).not.toHaveBeenCalled();

    fireEvent.input(screen.getByLabelText('Support desk address'), { target: { value: 'https://chat.example.com' } });
    fireEvent.input(screen.getByLabelText('Your e-mail'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByLabelText('Notify me of new replies while the chat is closed'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved. Checking chat.example.com…'));
    expect(deps.probe).toHaveBeenCalledWith('https://chat.example.com');
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(false),
    );
    deps.answer();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved. Connected to Acme Support.'));
    expect(deps.requestAccess).toHaveBeenCalledWith('https://chat.example.com/*');
    expect(deps.write).toHaveBeenCalledWith({
      serverUrl: 'https://chat.example.com',
      desks: ['https://chat.example.com'],
      name: 'Ada',
      email: 'ada@example.com',
      notifications: false,
      allowCleartext: false,
    });
  });

  it('says clearly that the server cannot be reached without access, and keeps the address unsaved', async () => {
    const deps = setup(false);
    await waitFor(() => expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Ada'));
    fireEvent.input(screen.getByLabelText('Support desk address'), { target: { value: 'chat.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('the extension cannot reach your support desk'),
    );
    expect(deps.write).toHaveBeenCalledWith(expect.objectContaining({ serverUrl: '' }));
    expect(screen.getByRole('status').textContent).toContain('the server address was not');
    expect((screen.getByLabelText('Support desk address') as HTMLInputElement).value).toBe('chat.example.com');
  });

  it.each([
    [{ kind: 'not-livechat', status: 404 }, 'Saved, but example.com does not answer like a Rocket.Chat server'],
    [{ kind: 'disabled' }, 'Saved, but live chat is turned off on example.com.'],
    [
      { kind: 'unreachable', detail: 'no answer within 8 s' },
      'example.com could not be reached (no answer within 8 s)',
    ],
  ] as const)('says what answered at the address when it is not a working desk: %o', async (answer, text) => {
    const deps = setup(true, answer);
    await saveAddress('https://example.com');
    await waitFor(() => expect(deps.probe).toHaveBeenCalled());
    deps.answer();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain(text));
    expect(screen.getByRole('status').getAttribute('data-tone')).toBe('error');
  });

  it('hides what the organization locked and says it set it; saving keeps the locked values', async () => {
    const deps = setup(true, undefined, {
      deskUrl: 'https://help.acme.example',
      allowOtherDesks: false,
      visitorName: 'Ada Staff',
      visitorEmail: 'ada@acme.example',
      visitorLocked: true,
    });
    await waitFor(() =>
      expect(screen.getByRole('note').textContent).toBe(
        'Set by your organization: the support desk, your name and e-mail.',
      ),
    );
    expect(screen.queryByLabelText('Support desk address')).toBeNull();
    expect(screen.queryByLabelText('Your name')).toBeNull();
    expect(screen.queryByLabelText('Your e-mail')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(deps.write).toHaveBeenCalled());
    expect(deps.requestAccess).toHaveBeenCalledWith('https://help.acme.example/*');
    expect(deps.write).toHaveBeenCalledWith({
      serverUrl: 'https://help.acme.example',
      desks: ['https://help.acme.example'],
      name: 'Ada Staff',
      email: 'ada@acme.example',
      notifications: true,
      allowCleartext: false,
    });
  });

  it('shows managed defaults in editable fields, marked as set by the organization', async () => {
    setup(true, undefined, { deskUrl: 'https://help.acme.example', visitorEmail: 'team@acme.example' });
    await waitFor(() =>
      expect((screen.getByLabelText('Support desk address') as HTMLInputElement).value).toBe(
        'https://help.acme.example',
      ),
    );
    expect((screen.getByLabelText('Your e-mail') as HTMLInputElement).value).toBe('team@acme.example');
    expect(screen.getAllByText('Set by your organization; you can change it.')).toHaveLength(2);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
