/** Plain REST calls for the stand-in's own tests: a visitor's JSON POST, and a visitor with an open room. */

/** POSTs `body` as JSON to `/api/v1/<path>` of the server at `url`; the answer's status and JSON body. */
export async function postJson(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}/api/v1/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** A visitor and an open room with one message, over REST (every line has these routes); the room's id. */
export async function openRestRoom(url: string, token: string): Promise<string> {
  await postJson(url, 'livechat/visitor', { visitor: { token, name: 'Vi' } });
  const room = (await (await fetch(`${url}/api/v1/livechat/room?token=${token}`)).json()) as {
    room: { _id: string };
  };
  await postJson(url, 'livechat/message', { token, rid: room.room._id, msg: 'hi' });
  return room.room._id;
}
