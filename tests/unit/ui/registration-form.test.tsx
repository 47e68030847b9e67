// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
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
    expect(screen.getByText('Who are you?')).toBeTruthy();
    expect(screen.getByLabelText('Name')).toBeTruthy();
    expect(screen.queryByLabelText('E-mail')).toBeNull();
    expect(screen.queryByLabelText('I need help with')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
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
    expect(screen.queryByLabelText('Name')).toBeNull();
    const select = screen.getByLabelText('I need help with') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['Choose a department (optional)', 'Billing']);

    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'not-an-address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(screen.getByText('This does not look like an e-mail address.')).toBeTruthy();
    expect(screen.getByText('Please accept to continue.')).toBeTruthy();
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
});
