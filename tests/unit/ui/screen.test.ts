// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it } from 'vitest';
import { chooseScreen } from '../../../lib/ui/screen';
import { testConfig } from './config';
import { baseSnapshot } from './fake-worker';
import { message } from './messages';

describe('chooseScreen', () => {
  const config = testConfig();

  it('walks through the states a visitor meets', () => {
    expect(chooseScreen(false, baseSnapshot())).toBe('loading');
    expect(chooseScreen(true, baseSnapshot({ serverUrl: null, connection: { state: 'unconfigured' } }))).toBe(
      'unconfigured',
    );
    expect(chooseScreen(true, baseSnapshot({ config: null }))).toBe('connecting');
    expect(chooseScreen(true, baseSnapshot({ config: null, messages: [message('1', 'visitor', 'hi')] }))).toBe('chat');
    expect(chooseScreen(true, baseSnapshot({ config: { ...config, enabled: false } }))).toBe('disabled');
    expect(chooseScreen(true, baseSnapshot({ config: { ...config, online: false }, room: null }))).toBe('offline');
    expect(
      chooseScreen(true, baseSnapshot({ config, visitor: { name: '', email: '', registered: false }, room: null })),
    ).toBe('register');
    expect(chooseScreen(true, baseSnapshot({ config }))).toBe('chat');
  });

  it('never hides a stored conversation behind the form while the worker re-registers', () => {
    const visitor = { name: '', email: '', registered: false };
    expect(chooseScreen(true, baseSnapshot({ config, visitor, messages: [message('1', 'visitor', 'hi')] }))).toBe(
      'chat',
    );
  });

  it("does not take a trigger's greeting for a conversation: the visitor still registers, or leaves a message", () => {
    const visitor = { name: '', email: '', registered: false };
    const messages = [{ ...message('trigger-T', 'agent', 'Hi!'), rid: '', trigger: true as const }];
    expect(chooseScreen(true, baseSnapshot({ config, visitor, room: null, messages }))).toBe('register');
    const offline = { ...config, online: false };
    expect(chooseScreen(true, baseSnapshot({ config: offline, room: null, messages }))).toBe('offline');
  });

  it('skips the form when the desk asks for nothing, but not when it forces consent', () => {
    const visitor = { name: '', email: '', registered: false };
    const bare = { ...config, nameField: false, emailField: false };
    expect(chooseScreen(true, baseSnapshot({ config: bare, visitor, room: null }))).toBe('chat');
    expect(
      chooseScreen(true, baseSnapshot({ config: { ...bare, forceDataProcessingConsent: true }, visitor, room: null })),
    ).toBe('register');
  });
});
