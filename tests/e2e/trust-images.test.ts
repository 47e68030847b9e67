/**
 * Issue 14 item 1: an agent (or the server) cannot plant a tracking pixel. An image from another origin — in the
 * message's markdown or as an attachment — is a button naming its host; that origin hears nothing until the
 * visitor clicks, then exactly one request.
 */
import { afterAll, expect, it } from 'vitest';
import {
  agentWritesRaw,
  imageAttachment,
  imageNode,
  paragraph,
  startHostileOrigin,
  type HostileOrigin,
} from '../hostile';
import { startConversation, type Opened } from './flows';

const opened: Opened = {};
let tracker: HostileOrigin | undefined;

afterAll(async () => {
  await opened.ext?.close();
  await opened.server?.close();
  await tracker?.close();
});

it('loads a foreign image only after the click, one request each', async () => {
  const { server, rid, popup } = await startConversation(opened);
  tracker = await startHostileOrigin();
  agentWritesRaw(server, rid, {
    msg: 'look at this',
    md: paragraph(imageNode(`${tracker.origin}/pixel-md.png?visitor=ana`, 'chart')),
    attachments: [imageAttachment(`${tracker.origin}/pixel-file.png`)],
  });

  const gates = popup.getByRole('button', { name: `Load image from ${tracker.host}` });
  await expect.poll(() => gates.count(), { timeout: 15_000 }).toBe(2);
  // The message is on screen with no element that could fetch from the tracker, and the tracker heard nothing.
  expect(await popup.locator(`img[src^="${tracker.origin}"]`).count()).toBe(0);
  expect(tracker.requests).toEqual([]);

  await gates.first().click();
  await expect
    .poll(() => tracker!.requests.map((r) => r.path), { timeout: 10_000 })
    .toEqual(['/pixel-md.png?visitor=ana']);
  await expect.poll(() => popup.locator(`img[src^="${tracker!.origin}"]`).count()).toBe(1);
  expect(tracker.requests[0]?.headers.referer).toBeUndefined();

  await popup.getByRole('button', { name: `Load image from ${tracker.host}` }).click();
  await expect.poll(() => tracker!.requests.length, { timeout: 10_000 }).toBe(2);
  expect(tracker.requests[1]?.path).toBe('/pixel-file.png');
});
