// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

const unregistered = { visitor: { name: 'Ada', email: '', registered: false }, room: null, agent: null };

describe('registration form', () => {
  it('asks only for what the desk configures', async () => {
    const chat = await renderChat({
      ...unregistered,
      config: testConfig({
        emailField: false,
        messages: { ...testConfig().messages, registrationFormMessage: 'Who are you?' },
      }),
    });
    expect(await screen.findByText('Who are you?')).toBeTruthy();
    expect(screen.getByLabelText('Name')).toBeTruthy();
    expect(screen.queryByLabelText('E-mail')).toBeNull();
    expect(screen.queryByLabelText('I need help with')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    chat.cleanup();
  });

  it("shows the desk's trigger greeting above the form, as its sender's words, as plain text", async () => {
    const greeting = {
      ...message('trigger-T', 'agent', '**Hi!** <b>Need help?</b>'),
      rid: '',
      trigger: true as const,
      author: { id: 'A1', username: 'maria', name: 'Maria Souza' },
    };
    const chat = await renderChat({ ...unregistered, config: testConfig(), messages: [greeting] });
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe('Maria Souza**Hi!** <b>Need help?</b>');
    expect(note.querySelector('b')).toBeNull();
    expect(screen.getByLabelText('Name')).toBeTruthy();
    chat.cleanup();
  });

  it('offers only registration departments and requires consent when forced', async () => {
    const config = testConfig({
      nameField: false,
      forceDataProcessingConsent: true,
      departments: [
        { id: 'd1', name: 'Billing', showOnRegistration: true, showOnOfflineForm: false },
        { id: 'd2', name: 'Internal', showOnRegistration: false, showOnOfflineForm: true },
      ],
      messages: { ...testConfig().messages, dataProcessingConsentText: 'I accept the terms' },
    });
    const chat = await renderChat({ ...unregistered, config });
    const select = (await screen.findByLabelText('I need help with')) as HTMLSelectElement;
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect([...select.options].map((o) => o.text)).toEqual(['Choose a department (optional)', 'Billing']);

    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'not-an-address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(screen.getByText('This does not look like an e-mail address.')).toBeTruthy();
    expect(screen.getByText('Please accept to continue.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('E-mail'));
    expect(chat.worker.requests).toHaveLength(0);

    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'ada@example.com' } });
    fireEvent.change(select, { target: { value: 'd1' } });
    fireEvent.click(screen.getByLabelText('I accept the terms'));
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toEqual([
      ['chat/register', { name: 'Ada', email: 'ada@example.com', department: 'd1' }],
    ]);
    chat.cleanup();
  });

  it('asks the desk custom fields, checks required ones and their patterns, and sends them', async () => {
    const config = testConfig({
      customFields: [
        { id: 'order', label: 'Order number', required: true, type: 'input', options: [], regexp: '^\\d{4}$' },
        { id: 'plan', label: 'Plan', required: false, type: 'select', options: ['Free', 'Pro'] },
      ],
    });
    const chat = await renderChat({
      ...unregistered,
      visitor: { name: 'Ada', email: 'ada@x.io', registered: false },
      config,
    });
    const order = await screen.findByLabelText('Order number');
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(screen.getByText('Please fill in Order number.')).toBeTruthy();

    fireEvent.input(order, { target: { value: '12a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(screen.getByText('Order number does not have the expected format.')).toBeTruthy();
    expect(order.getAttribute('aria-invalid')).toBe('true');
    expect(chat.worker.requests).toHaveLength(0);

    fireEvent.input(order, { target: { value: '4821' } });
    fireEvent.change(screen.getByLabelText('Plan (optional)'), { target: { value: 'Pro' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(chat.worker.requests.map((r) => r.params)).toEqual([
      {
        name: 'Ada',
        email: 'ada@x.io',
        customFields: [
          { key: 'order', value: '4821' },
          { key: 'plan', value: 'Pro' },
        ],
      },
    ]);
    chat.cleanup();
  });

  it('shows why the desk refused the registration', async () => {
    const chat = await renderChat({ ...unregistered, config: testConfig({ emailField: false }) });
    chat.worker.handle('chat/register', () => {
      throw new Error('error-invalid-email');
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start chat' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Could not start the chat: error-invalid-email');
    chat.cleanup();
  });
});
