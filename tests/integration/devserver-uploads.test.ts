// Uploads on every line: the desk's limits as settings.public exposes them (7.0+ by `_id`, older by JSON `query`),
// read by lib/livechat/upload-limits.ts; the slow-upload fault; a cancelled upload leaves no message.
import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver';
import { LivechatError } from '../../lib/livechat/errors';
import { createRestClient } from '../../lib/livechat/rest';
import { readUploadLimits } from '../../lib/livechat/upload-limits';
import type { RoomView } from '../../devserver/control/snapshot';
import type { Profile } from '../../devserver/types';
import { openRestRoom } from '../../devserver/testing/rest-visitor';

const TOKEN = 'uPl0adT0kenXw9ZrB4nLc8';
let server: DevServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const client = (s: DevServer) => createRestClient({ baseUrl: s.url, fetch: (u, i) => fetch(u, i), token: () => TOKEN });
const get = async (s: DevServer, query: string) =>
  (await (await fetch(`${s.url}/api/v1/settings.public?${query}`)).json()) as {
    settings: Array<{ _id: string }>;
    total: number;
  };
const IDS = '_id=FileUpload_MaxFileSize,FileUpload_MediaTypeWhiteList';
const QUERY = `query=${encodeURIComponent(JSON.stringify({ _id: { $in: ['FileUpload_MaxFileSize'] } }))}`;

describe.each<Profile>(['legacy', 'v6', 'v7', 'v8'])('uploads on %s', (profile) => {
  it('exposes the limits the way the line does, and the client reads them', async () => {
    server = await startDevServer({ port: 0, profile, rateLimits: false });
    server.control.settings({ fileUploadMaxSize: 4096, fileUploadMediaTypes: 'image/*' });
    const byId = await get(server, IDS);
    const byQuery = await get(server, QUERY);
    if (profile === 'v7' || profile === 'v8') {
      expect(byId.settings.map((s) => s._id)).toEqual(['FileUpload_MaxFileSize', 'FileUpload_MediaTypeWhiteList']);
      expect(byQuery.settings).toHaveLength(50);
    } else {
      // `_id` ignored: the first page of everything, which does not reach the file settings.
      expect(byId.settings).toHaveLength(50);
      expect(byId.settings.some((s) => s._id.startsWith('FileUpload_'))).toBe(false);
      expect(byQuery.settings.map((s) => s._id)).toEqual(['FileUpload_MaxFileSize']);
    }
    expect(await readUploadLimits(client(server))).toEqual({
      maxBytes: 4096,
      accepted: ['image/*'],
      blocked: ['image/svg+xml'],
    });
  });

  it('holds a slow upload, and one cancelled meanwhile is logged as aborted with no message', async () => {
    server = await startDevServer({ port: 0, profile, rateLimits: false });
    const rid = await openRestRoom(server.url, TOKEN);
    server.control.setFaults({ slowUploadMs: 2000 });
    const form = new FormData();
    form.append('file', new Blob(['PNGDATA'], { type: 'image/png' }), 'photo.png');
    const abort = new AbortController();
    const upload = client(server).postForm(`livechat/upload/${rid}`, form, { signal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    abort.abort();
    await expect(upload).rejects.toEqual(new LivechatError('rejected', 'cancelled', 'The upload was cancelled'));
    await expect.poll(() => server!.control.log().some((e) => e.status === 499)).toBe(true);
    expect(server.control.log().find((e) => e.status === 499)).toMatchObject({
      transport: 'rest',
      error: 'client-aborted',
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rooms = server.control.state().rooms as RoomView[];
    const room = rooms.find((r) => r._id === rid)!;
    expect(room.messages.filter((m) => m.file !== undefined)).toEqual([]);
    // The same upload left alone is taken once the link has carried it.
    server.control.setFaults({ slowUploadMs: 200 });
    await client(server).postForm(`livechat/upload/${rid}`, form);
    const after = (server.control.state().rooms as RoomView[]).find((r) => r._id === rid)!;
    expect(after.messages.filter((m) => m.file !== undefined)).toHaveLength(1);
  });
});
