// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../components/OptionsPage';
import type { ManagedPolicy } from '../../../lib/managed';
import { DEFAULT_SETTINGS, effectiveSettings, type VisitorSettings } from '../../../lib/settings';
import { addDesk } from '../../../lib/ui/desk-list-form';

afterEach(cleanup);

const A = 'https://chat.example.com';
const B = 'https://help.other.example';

function setup(stored: VisitorSettings, policy: ManagedPolicy = {}, granted = true) {
  let current = stored;
  const deps = {
    requestAccess: vi.fn(async () => granted),
    write: vi.fn(async (settings: VisitorSettings) => void (current = settings)),
    forget: vi.fn(async (url: string) => {
      current = { ...current, desks: current.desks.filter((desk) => desk !== url) };
    }),
  };
  render(
    <OptionsPage
      load={async () => ({ settings: effectiveSettings(current, policy), policy })}
      deps={{ ...deps, dropAccess: async () => true }}
      probe={() => new Promise(() => undefined)}
      desks={deps}
    />,
  );
  return deps;
}

const desksCard = () => screen.findByRole('region', { name: 'Your support desks' });

describe('desks on the options page', () => {
  it('adds a desk, asking for access to its origin only', async () => {
    const deps = setup({ ...DEFAULT_SETTINGS, serverUrl: A, desks: [A] });
    const card = await desksCard();
    fireEvent.input(within(card).getByLabelText('Add another desk'), { target: { value: 'help.other.example/' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Add desk' }));
    await waitFor(() => expect(deps.write).toHaveBeenCalled());
    expect(deps.requestAccess).toHaveBeenCalledWith('https://help.other.example/*');
    expect(deps.write).toHaveBeenLastCalledWith(expect.objectContaining({ serverUrl: A, desks: [A, B] }));
    expect(await within(card).findByText(B)).toBeTruthy();
  });

  it('refuses a desk already listed, an unencrypted one, and one whose access was refused, saving nothing', async () => {
    const previous = { ...DEFAULT_SETTINGS, serverUrl: A, desks: [A] };
    const write = vi.fn(async () => {});
    const granted = { previous, requestAccess: async () => true, write };
    expect(await addDesk('chat.example.com', granted)).toMatchObject({ status: 'invalid', error: /already/ });
    expect(await addDesk('http://help.other.example', granted)).toMatchObject({ status: 'invalid' });
    expect(await addDesk(B, { ...granted, requestAccess: async () => false })).toMatchObject({ status: 'refused' });
    expect(write).not.toHaveBeenCalled();
  });

  it('makes another desk the default, and forgets one after the visitor confirms', async () => {
    const deps = setup({ ...DEFAULT_SETTINGS, serverUrl: A, desks: [A, B] });
    const card = await desksCard();
    fireEvent.click(within(card).getByRole('button', { name: 'Make help.other.example the default desk' }));
    await waitFor(() => expect(deps.write).toHaveBeenLastCalledWith(expect.objectContaining({ serverUrl: B })));
    await waitFor(() => expect((screen.getByLabelText('Support desk address') as HTMLInputElement).value).toBe(B));

    fireEvent.click(within(card).getByRole('button', { name: 'Forget chat.example.com' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Forget chat.example.com?' }, { timeout: 5_000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(deps.forget).not.toHaveBeenCalled();
    fireEvent.click(within(card).getByRole('button', { name: 'Forget chat.example.com' }));
    fireEvent.click(
      within(await screen.findByRole('alertdialog', {}, { timeout: 5_000 })).getByRole('button', { name: 'Forget' }),
    );
    await waitFor(() => expect(deps.forget).toHaveBeenCalledWith(A));
    await waitFor(() => expect(within(card).queryByText(A)).toBeNull());
  });

  it('is not offered when a policy keeps the visitor on one desk', async () => {
    setup({ ...DEFAULT_SETTINGS, serverUrl: A, desks: [A, B] }, { allowOtherDesks: false });
    await waitFor(() => expect((screen.getByLabelText('Support desk address') as HTMLInputElement).value).toBe(A));
    expect(screen.queryByRole('region', { name: 'Your support desks' })).toBeNull();
  });
});
