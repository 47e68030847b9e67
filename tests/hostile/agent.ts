/**
 * A hostile agent (or a server that lies) on the devserver: writes message documents the real Rocket.Chat would
 * never produce, through the control API's `raw` route. Shared by the trust tests (issue 14).
 */
import type { DevServer } from '../../devserver/index';

/** Fields of a Rocket.Chat message document; anything goes, that is the point. */
export type RawFields = Record<string, unknown>;

/** The agent writes a message with exactly these fields (`msg`, `md`, `attachments`, `file`, `alias`…). */
export function agentWritesRaw(server: DevServer, rid: string, fields: RawFields): Record<string, unknown> {
  return server.control.raw(rid, { fields });
}

/** An `md` paragraph holding one inline node, the shape Rocket.Chat's parser gives a one-line message. */
export function paragraph(...inline: unknown[]): unknown[] {
  return [{ type: 'PARAGRAPH', value: inline }];
}

/** `![label](src)` as Rocket.Chat's `md` tree. */
export function imageNode(src: string, label = ''): unknown {
  return {
    type: 'IMAGE',
    value: { src: { type: 'PLAIN_TEXT', value: src }, label: { type: 'PLAIN_TEXT', value: label } },
  };
}

/** `[label](src)` as Rocket.Chat's `md` tree. */
export function linkNode(src: string, label: string): unknown {
  return {
    type: 'LINK',
    value: { src: { type: 'PLAIN_TEXT', value: src }, label: [{ type: 'PLAIN_TEXT', value: label }] },
  };
}

/** An image attachment the way a file upload announces it (`image_url` may point anywhere). */
export function imageAttachment(imageUrl: string, title = 'photo.png'): RawFields {
  return { title, title_link: imageUrl, image_url: imageUrl, image_type: 'image/png', type: 'file' };
}
