// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { renderChat } from './render-chat';

afterEach(cleanup);

describe('reset notice', () => {
  it('says when damaged stored data was reset, until dismissed', async () => {
    const chat = await renderChat({ config: testConfig(), notice: 'storage-reset' });
    const notice = await screen.findByText(/saved chat data was damaged and has been reset/);
    expect(notice.closest('[role="status"]')).toBeTruthy();
    await act(() => void fireEvent.click(screen.getByRole('button', { name: 'Dismiss' })));
    expect(screen.queryByText(/saved chat data was damaged/)).toBeNull();
    chat.cleanup();
  });

  it('is absent when nothing was reset', async () => {
    const chat = await renderChat({ config: testConfig() });
    expect(screen.queryByText(/saved chat data was damaged/)).toBeNull();
    chat.cleanup();
  });
});
