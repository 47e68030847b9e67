// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../components/Composer';
import type { ConnectionView } from '../../../lib/messaging';
import { flush } from './fake-worker';

afterEach(cleanup);

function renderComposer(limit: number | null = null) {
  const send = vi.fn(async () => 'id');
  const typing = vi.fn();
  const connection = signal<ConnectionView>({ state: 'connected' });
  render(<Composer limit={signal(limit)} connection={connection} send={send} typing={typing} />);
  return { send, typing, connection, field: screen.getByLabelText('Message') as HTMLTextAreaElement };
}

describe('composer', () => {
  it('sends on Enter and adds a line on Shift+Enter', async () => {
    const { send, typing, field } = renderComposer();
    fireEvent.input(field, { target: { value: 'hello' } });
    expect(typing).toHaveBeenLastCalledWith(true);
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    expect(send).not.toHaveBeenCalled();
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).toHaveBeenCalledWith('hello');
    expect(typing).toHaveBeenLastCalledWith(false);
    await flush();
    expect(field.value).toBe('');
  });

  it('shows a counter near the limit and refuses text over it', () => {
    const { send, field } = renderComposer(50);
    fireEvent.input(field, { target: { value: 'x'.repeat(20) } });
    expect(screen.queryByText('20/50')).toBeNull();
    fireEvent.input(field, { target: { value: 'x'.repeat(40) } });
    expect(screen.getByText('40/50')).toBeTruthy();
    fireEvent.input(field, { target: { value: 'x'.repeat(53) } });
    expect(screen.getByText('Too long by 3 characters.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send message' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).not.toHaveBeenCalled();
  });

  it('lets the visitor write while offline and says the message will wait', () => {
    const { send, field, connection } = renderComposer();
    act(() => {
      connection.value = { state: 'offline' };
    });
    expect(screen.getByText(/messages are kept and sent when the connection is back/)).toBeTruthy();
    fireEvent.input(field, { target: { value: 'later' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).toHaveBeenCalledWith('later');
  });

  it('gives the text back when the worker cannot take it', async () => {
    const { send, field } = renderComposer();
    send.mockRejectedValueOnce(new Error('background restarting'));
    fireEvent.input(field, { target: { value: 'keep me' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await flush();
    expect(field.value).toBe('keep me');
    expect(screen.getByRole('alert').textContent).toContain('background restarting');
  });
});
