import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createChatUi } from '../../../components/chat-ui';
import { followNotificationFocus } from '../../../components/notification-focus';
import { focusDeskItem, focusMessageItem } from '../../../lib/focus';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { createChatModel } from '../../../lib/ui/chat-model';
import { baseSnapshot, createFakeWorker, flush } from './fake-worker';

const B = 'https://help.other.example';

describe('a clicked notification, for a chat already open', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows the desk of the notification, then its message once that desk is on screen', async () => {
    const worker = createFakeWorker(baseSnapshot());
    const model = createChatModel(createBackgroundClient(worker.connect));
    const ui = createChatUi();
    await flush();
    let answer: () => void = () => {};
    worker.handle('desk/focus', () => new Promise<null>((resolve) => (answer = () => resolve(null))));
    const stop = followNotificationFocus(ui, model);
    await focusDeskItem.setValue(B);
    await focusMessageItem.setValue('b1');
    await flush();
    expect(worker.requests.find((r) => r.op === 'desk/focus')?.params).toEqual({ desk: B });
    // The page still shows the first desk: the message is not looked for in a log that cannot hold it.
    expect(ui.focusId.value).toBeNull();
    worker.setSnapshot(baseSnapshot({ serverUrl: B }));
    worker.sendSnapshot();
    answer();
    await flush();
    expect(ui.focusId.value).toBe('b1');
    expect(await focusDeskItem.getValue()).toBeNull();
    stop();
  });
});
