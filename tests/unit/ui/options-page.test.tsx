// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../../components/OptionsPage';
import { DEFAULT_SETTINGS, type VisitorSettings } from '../../../lib/settings';

afterEach(cleanup);

function setup(granted: boolean) {
  const deps = {
    requestAccess: vi.fn(async () => granted),
    dropAccess: vi.fn(async () => true),
    write: vi.fn<(settings: VisitorSettings) => Promise<void>>(async () => undefined),
  };
  render(<OptionsPage load={async () => ({ ...DEFAULT_SETTINGS, name: 'Ada' })} deps={deps} />);
  return deps;
}

describe('options page', () => {
  it('validates next to the fields, then asks for access and confirms the save', async () => {
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
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(deps.requestAccess).toHaveBeenCalledWith('https://chat.example.com/*');
    expect(deps.write).toHaveBeenCalledWith({
      serverUrl: 'https://chat.example.com',
      name: 'Ada',
      email: 'ada@example.com',
      notifications: false,
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
});
