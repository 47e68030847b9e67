/**
 * An agent starts a video call: each line writes its own call message (devserver/README.md, "Video calls", with
 * the Rocket.Chat source paths). The call server itself is not imitated; its links point at `meet.jit.si`, the
 * default `Jitsi_Domain`, and tests intercept them.
 */
import { OperationError } from './agents';
import { agentRef, type Desk } from './desk';
import { randomId } from './ids';
import type { Agent, Message, Profile, Room } from './types';

export type CallKind = 'jitsi' | 'webrtc' | 'videoconf';

/** The call messages each line writes, its default first. */
const KINDS: Record<Profile, readonly CallKind[]> = {
  legacy: ['jitsi'],
  v6: ['videoconf', 'webrtc'],
  v7: ['videoconf', 'webrtc'],
  v8: ['videoconf'],
};

const CALL_HOST = 'https://meet.jit.si';

/** The call kinds `profile` can produce. */
export function callKinds(profile: Profile): readonly CallKind[] {
  return KINDS[profile];
}

/** The agent starts a call of `kind` (default: the line's own) in `room`; returns the call message. */
export function startCall(desk: Desk, room: Room, agent: Agent, kind?: unknown): Message {
  const kinds = KINDS[desk.profile];
  const chosen = kind === undefined ? kinds[0]! : kinds.find((k) => k === kind);
  if (!chosen) throw new OperationError(`kind must be one of ${kinds.join(', ')} on ${desk.profile}`);
  const u = agentRef(agent);
  if (chosen === 'jitsi') {
    // jitsi:updateTimeout (4.x): the room's jitsiTimeout moves on; the message carries the link in customFields.
    room.jitsiTimeout = new Date(Date.now() + 35_000);
    return desk.insertMessage(
      desk.buildMessage(room._id, u, '', {
        t: 'jitsi_call_started',
        actionLinks: [
          {
            icon: 'icon-videocam',
            label: 'Click To Join!',
            i18nLabel: 'Click_to_join',
            method_id: 'joinJitsiCall',
            params: '',
          },
        ],
        customFields: { jitsiCallUrl: `${CALL_HOST}/RocketChat${room._id}` },
      }),
    );
  }
  if (chosen === 'webrtc') {
    room.callStatus = 'ringing';
    return desk.insertMessage(
      desk.buildMessage(room._id, u, 'Join my room to start the video call', {
        t: 'livechat_webrtc_video_call',
        actionLinks: [
          { icon: 'icon-videocam', i18nLabel: 'Join_call', method_id: 'joinLivechatWebRTCCall', params: '' },
          { icon: 'icon-close', i18nLabel: 'End_call', method_id: 'endLivechatWebRTCCall', params: '', danger: true },
        ],
      }),
    );
  }
  const callId = randomId();
  const join = { appId: 'videoconf-core', blockId: callId, actionId: 'joinLivechat', type: 'button' };
  return desk.insertMessage(
    desk.buildMessage(room._id, u, '', {
      t: 'videoconf',
      blocks: [
        { type: 'section', appId: 'videoconf-core', text: { type: 'mrkdwn', text: `${u.username} started a call` } },
        {
          type: 'actions',
          appId: 'videoconf-core',
          blockId: callId,
          elements: [
            { ...join, text: { type: 'plain_text', text: 'Join call', emoji: true }, url: `${CALL_HOST}/${callId}` },
          ],
        },
      ],
    }),
  );
}

/**
 * The call of `messageId` ends. Only a WebRTC call records its end in the message (`webRtcCallEndTs`); a Jitsi
 * call ends by its room timeout and a video conference in its own collection, neither visible to the visitor.
 */
export function endCall(desk: Desk, room: Room, messageId: string): Message {
  const message = desk.store.roomMessages(room._id).find((m) => m._id === messageId);
  if (!message) throw new OperationError(`no message ${messageId}`, 404);
  if (message.t !== 'livechat_webrtc_video_call') {
    throw new OperationError('only a WebRTC call message records its end', 409);
  }
  const now = new Date();
  room.callStatus = 'ended';
  message.webRtcCallEndTs = now;
  message._updatedAt = now;
  desk.publishMessage(message);
  desk.bus.emitState({ type: 'message', rid: room._id, messageId });
  return message;
}
