// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { autoSeen } from '../../../lib/ui/auto-seen';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { createChatModel, type ChatModel } from '../../../lib/ui/chat-model';
import type { UiToBg } from '../../../lib/messaging';
import { baseSnapshot, createFakeWorker, flush } from './fake-worker';
import { message } from './messages';

afterEach(cleanup);

function Texts({ model }: { model: ChatModel }) {
  return (
    <ul>
      {model.messages.value.map((m) => (
        <li key={m.id}>{m.text}</li>
      ))}
    </ul>
  );
}

describe('a single new message', () => {
  it('is on the page before the model asks for the next frame', async () => {
    const worker = createFakeWorker(baseSnapshot());
    const client = createBackgroundClient(worker.connect);
    const shownWhenAsked: boolean[] = [];
    const model = createChatModel(client, {
      frame: () => void shownWhenAsked.push(document.body.textContent?.includes('the reply') ?? false),
    });
    render(<Texts model={model} />);
    await flush();
    worker.emit('message/upsert', message('r1', 'agent', 'the reply'));
    await flush();
    expect(document.body.textContent).toContain('the reply');
    expect(shownWhenAsked).toEqual([true]);
    model.dispose();
    client.close();
  });

  it('is on the page before the visible page tells the worker it was seen', async () => {
    const worker = createFakeWorker(baseSnapshot());
    const shownWhenSeen: boolean[] = [];
    const client = createBackgroundClient(() => {
      const port = worker.connect();
      const post = port.postMessage.bind(port);
      return Object.assign(port, {
        postMessage(request: UiToBg) {
          if (request.op === 'chat/seen') shownWhenSeen.push(document.body.textContent?.includes('the reply') ?? false);
          post(request);
        },
      });
    });
    const model = createChatModel(client, { frame: () => undefined });
    render(<Texts model={model} />);
    const stop = autoSeen(model, document);
    await flush();
    worker.emit('message/upsert', message('r1', 'agent', 'the reply'));
    await flush();
    expect(shownWhenSeen).toEqual([true]);
    stop();
    model.dispose();
    client.close();
  });
});
