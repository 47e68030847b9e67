/**
 * The operations around a conversation (SPEC §2.1, §2.2): close, survey, transcript, offline form, department
 * change, custom fields, page visited, uploads, editing and deleting one's own messages, presence. Each takes
 * the seed's DDP method where the server still has it and its REST twin(s) otherwise.
 */
import { enc, type Caller } from './caller';
import { LivechatError } from './errors';
import { viaPaths, viaTwin } from './paths';
import { obj } from './read';
import type { UploadControl } from './rest';
import type { ChatMessage } from './types';
import { readUploadLimits, type UploadLimits } from './upload-limits';

export interface SurveyAnswer {
  /** `satisfaction`, `agentKnowledge`, `agentResposiveness` (sic), `agentFriendliness` or `additionalFeedback`. */
  name: string;
  value: string;
}

export interface CustomFieldValue {
  key: string;
  value: string;
  overwrite: boolean;
}

/** The operations around a conversation. */
export function roomOps(c: Caller) {
  const { rest, caps, token, call } = c;

  return {
    /** Closes the visitor's room (`error-not-allowed-to-close-conversation` when the desk forbids it, 6.13+). */
    closeRoom(rid: string): Promise<void> {
      return viaTwin(
        caps,
        'closeRoom',
        async () => {
          const closed = await call<boolean>('livechat:closeByVisitor', [{ roomId: rid, token: token() }]);
          if (closed === false)
            throw new LivechatError('rejected', 'room-closed', 'The conversation is already closed');
        },
        async () => void (await rest.post('livechat/room.close', { rid, token: token() })),
      );
    },

    /** Sends the satisfaction survey of a closed room. */
    submitSurvey(rid: string, answers: SurveyAnswer[]): Promise<void> {
      return viaTwin(
        caps,
        'survey',
        async () => void (await call('livechat:saveSurveyFeedback', [token(), rid, answers])),
        async () => void (await rest.post('livechat/room.survey', { rid, token: token(), data: answers })),
      );
    },

    /**
     * E-mails the transcript to the visitor, over REST on every line: since ~3.4 the DDP method is for agents and
     * answers a visitor `error-not-allowed`. Older routes `check()` exactly `{token, rid, email}`: no subject.
     */
    async requestTranscript(rid: string, email: string): Promise<void> {
      await rest.post('livechat/transcript', { token: token(), rid, email });
    },

    /** The offline form (no agent online). The server's confirmation text is not for visitors and is dropped. */
    sendOfflineMessage(input: { name: string; email: string; message: string; department?: string }): Promise<void> {
      return viaTwin(
        caps,
        'offlineMessage',
        // The DDP check is an exact object of these three strings: anything more fails `Match`.
        async () => {
          await call('livechat:sendOfflineMessage', [{ name: input.name, email: input.email, message: input.message }]);
        },
        async () => void (await rest.post('livechat/offline.message', input)),
      );
    },

    /** Moves the room to another department: DDP ≤ 6.x, `room.transfer` ≤ 7.x, `visitor/department.transfer` 8.x. */
    changeDepartment(rid: string, department: string): Promise<void> {
      return viaPaths(caps, 'departmentTransfer', [
        [
          'ddp',
          async () => {
            const params = { roomId: rid, visitorToken: token(), departmentId: department };
            if ((await call<boolean>('livechat:setDepartmentForVisitor', [params])) === false) {
              throw new LivechatError('rejected', 'transfer-failed', 'The conversation could not be moved');
            }
          },
        ],
        ['rest', async () => void (await rest.post('livechat/room.transfer', { rid, token: token(), department }))],
        [
          'rest-v8',
          async () =>
            void (await rest.post('livechat/visitor/department.transfer', { rid, token: token(), department })),
        ],
      ]);
    },

    /** Stores custom field values on the visitor (or the room, per the field's scope). */
    setCustomFields(fields: CustomFieldValue[]): Promise<void> {
      return viaTwin(
        caps,
        'customFields',
        async () => {
          for (const f of fields) await call('livechat:setCustomField', [token(), f.key, f.value, f.overwrite]);
        },
        async () => void (await rest.post('livechat/custom.fields', { token: token(), customFields: fields })),
      );
    },

    /** Records a page the visitor looked at (navigation history for the agent). */
    pageVisited(rid: string | null, page: { title: string; href: string }): Promise<void> {
      const pageInfo = { title: page.title, location: { href: page.href }, change: 'url' };
      return viaTwin(
        caps,
        'pageVisited',
        async () => void (await call('livechat:pageVisited', [token(), rid, pageInfo])),
        async () => void (await rest.post('livechat/page.visited', { token: token(), rid, pageInfo })),
      );
    },

    /** Uploads a file into the room (REST on every line; the DDP file method only announced an upload). */
    async upload(
      rid: string,
      file: Blob,
      name: string,
      description?: string,
      control?: UploadControl,
    ): Promise<ChatMessage> {
      const form = new FormData();
      form.append('file', file, name);
      if (description) form.append('description', description);
      const body = obj(await rest.postForm(`livechat/upload/${enc(rid)}`, form, control));
      return c.message('message' in body ? body.message : body);
    },

    /** The desk's size and type limits for files, or null where the line does not expose them. */
    uploadLimits: (): Promise<UploadLimits | null> => readUploadLimits(rest),

    /** Edits one of the visitor's own messages (REST only). */
    async editMessage(rid: string, id: string, text: string): Promise<ChatMessage> {
      const body = obj(await rest.put(`livechat/message/${enc(id)}`, { token: token(), rid, msg: text }));
      return c.message(body.message);
    },

    /** Deletes one of the visitor's own messages (REST only). */
    async deleteMessage(rid: string, id: string): Promise<void> {
      await rest.delete(`livechat/message/${enc(id)}`, { token: token(), rid });
    },

    /**
     * Tells agents whether the visitor is around (the widget's presence call). Rejects with a `missing` error on a
     * server without the endpoint.
     */
    async setStatus(status: 'online' | 'away' | 'offline'): Promise<void> {
      await rest.post('livechat/visitor.status', { token: token(), status });
    },
  };
}
