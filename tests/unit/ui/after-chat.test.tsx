// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

const closed = { id: 'R1', open: false, surveySent: false, transcriptSent: false };
const survey = { items: ['satisfaction', 'agentKnowledge'], values: ['1', '2', '3', '4', '5'] };

describe('after the chat closed', () => {
  it('replaces the composer with the desk closing words, rating, transcript and a new chat', async () => {
    const config = testConfig({
      transcript: true,
      survey,
      messages: {
        ...testConfig().messages,
        conversationFinishedMessage: 'Thanks for chatting!',
        transcriptMessage: 'Want a copy?',
      },
    });
    const chat = await renderChat({
      config,
      room: closed,
      messages: [message('x', 'agent', 'bye', { type: 'livechat-close' })],
    });
    expect(await screen.findByRole('heading', { name: 'Thanks for chatting!' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByLabelText('Want a copy?')).toBeTruthy();

    const overall = within(screen.getByRole('group', { name: 'Overall' }));
    fireEvent.click(overall.getByLabelText('4 of 5 stars'));
    fireEvent.click(within(screen.getByRole('group', { name: 'Agent’s knowledge' })).getByLabelText('5 of 5 stars'));
    fireEvent.input(screen.getByRole('textbox', { name: 'Comment' }), { target: { value: 'Helpful' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual([
      'chat/survey',
      {
        answers: [
          { name: 'satisfaction', value: '4' },
          { name: 'agentKnowledge', value: '5' },
          { name: 'additionalFeedback', value: 'Helpful' },
        ],
      },
    ]);
    act(() => chat.worker.emit('patch', { room: { ...closed, surveySent: true } }));
    await flush();
    expect(screen.getByText('Thanks for your feedback!')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Start a new chat' }));
    await flush();
    expect(chat.worker.requests.map((r) => r.op)).toContain('chat/new');
    chat.cleanup();
  });

  it('asks every item the desk defines that Rocket.Chat records, once each, and sends only the rated ones', async () => {
    const items = ['agentFriendliness', 'satisfaction', 'agentResposiveness', 'agentKnowledge', 'satisfaction', 'x'];
    const chat = await renderChat({
      config: testConfig({ survey: { items, values: ['1', '2', '3', '4', '5'] } }),
      room: closed,
    });
    const groups = screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent);
    expect(groups).toEqual(['Agent’s friendliness', 'Overall', 'Agent’s responsiveness', 'Agent’s knowledge']);
    expect(screen.queryByRole('button', { name: 'Send rating' })).toBeNull();
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Agent’s responsiveness' })).getByLabelText('2 of 5 stars'),
    );
    fireEvent.click(within(screen.getByRole('group', { name: 'Agent’s friendliness' })).getByLabelText('3 of 5 stars'));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await flush();
    expect(chat.worker.requests.find((r) => r.op === 'chat/survey')?.params).toEqual({
      answers: [
        { name: 'agentFriendliness', value: '3' },
        { name: 'agentResposiveness', value: '2' },
      ],
    });
    chat.cleanup();
  });

  it('asks nothing when the desk defines no item Rocket.Chat records', async () => {
    const chat = await renderChat({ config: testConfig({ survey: { items: ['mood'], values: ['1'] } }), room: closed });
    expect(screen.queryByText('How would you rate this chat?')).toBeNull();
    chat.cleanup();
  });

  it('sends the transcript to a checked address and says where it went', async () => {
    const chat = await renderChat({ config: testConfig({ transcript: true }), room: closed });
    chat.worker.handle('chat/transcript', () => ({ message: '' }));
    const field = (await screen.findByRole('textbox', { name: /copy of this chat/ })) as HTMLInputElement;
    expect(field.value).toBe('ada@example.com');
    fireEvent.input(field, { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('This does not look like an e-mail address.');
    expect(chat.worker.requests.some((r) => r.op === 'chat/transcript')).toBe(false);

    fireEvent.input(field, { target: { value: 'ada@work.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual([
      'chat/transcript',
      { email: 'ada@work.example' },
    ]);
    expect(screen.getByText('A transcript is on its way to ada@work.example.')).toBeTruthy();
    chat.cleanup();
  });

  it('offers no transcript when the desk does not, nor a second survey once rated', async () => {
    const chat = await renderChat({
      config: testConfig({ transcript: false, survey }),
      room: { ...closed, surveySent: true },
    });
    await screen.findByRole('button', { name: 'Start a new chat' });
    expect(screen.queryByRole('textbox', { name: /copy of this chat/ })).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
    chat.cleanup();
  });
});

describe('offline form', () => {
  const offline = testConfig({
    online: false,
    displayOfflineForm: true,
    departments: [
      { id: 'd1', name: 'Billing', showOnRegistration: false, showOnOfflineForm: true },
      { id: 'd2', name: 'Hidden', showOnRegistration: true, showOnOfflineForm: false },
    ],
    messages: {
      ...testConfig().messages,
      offlineMessage: 'We are away. Write to us!',
      offlineSuccessMessage: 'Got it!',
    },
  });

  it('shows the desk text, checks the fields and sends the message', async () => {
    const chat = await renderChat({
      config: offline,
      room: null,
      messages: [],
      visitor: { name: '', email: '', registered: false },
    });
    chat.worker.handle('chat/offline', () => ({ message: '' }));
    expect(await screen.findByText('We are away. Write to us!')).toBeTruthy();
    const select = screen.getByLabelText('I need help with') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['Choose a department (optional)', 'Billing']);
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    await flush();
    expect(screen.getByText('Please enter your name.')).toBeTruthy();
    expect(screen.getByText('Please enter your e-mail address.')).toBeTruthy();
    expect(screen.getByText('Please write your message.')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Ada' } });
    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'ada@example.com' } });
    fireEvent.change(select, { target: { value: 'd1' } });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Call me back' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toEqual([
      ['chat/offline', { name: 'Ada', email: 'ada@example.com', message: 'Call me back', department: 'd1' }],
    ]);
    expect(screen.getByRole('heading', { name: 'Message sent' })).toBeTruthy();
    expect(screen.getByText('Got it!')).toBeTruthy();
    chat.cleanup();
  });

  it('says nobody is there, with the desk text, when the desk has no offline form', async () => {
    const chat = await renderChat({
      config: testConfig({
        online: false,
        displayOfflineForm: false,
        messages: { ...testConfig().messages, offlineUnavailableMessage: 'Back Monday.' },
      }),
      room: null,
      messages: [],
    });
    // The notice screens load on first use, like the forms.
    expect(await screen.findByRole('heading', { name: 'Nobody is available right now' })).toBeTruthy();
    expect(screen.getByText('Back Monday.')).toBeTruthy();
    chat.cleanup();
  });
});
