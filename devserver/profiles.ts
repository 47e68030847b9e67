import type { Profile } from './types';

/** What differs between the Rocket.Chat lines the stand-in imitates (SPEC §0, §2.0, §2.1, §7.2, §8). */
export interface Capabilities {
  /** DDP methods this line registers; any other name answers `404 Method '<x>' not found`. */
  methods: ReadonlySet<string>;
  /** A brand-new room takes the client's `rid` (≤ 6.x) instead of a server-generated id (SPEC §2.3). */
  honourClientRid: boolean;
  /** `<rid>/typing` exists next to `<rid>/user-activity` (≤ 5.x; SPEC §3.3). */
  legacyTyping: boolean;
  /** The `uj` system message carries the agent's username as `msg` (4.x) or `""` (6.x+; SPEC §8). */
  ujWithUsername: boolean;
  /** The EE ddp-streamer framing: `{"msg":"server_id"}` greeting and `result` before `updated` (SPEC §1.2, §1.4). */
  streamer: boolean;
  /** `livechat:sendTranscript` accepts a visitor (token) call instead of answering `error-not-allowed`. */
  visitorDdpTranscript: boolean;
  /** REST routes this line does not have (404). */
  missingRoutes: ReadonlySet<string>;
  /** Upload refusals use 401 (older) or 403 (newer) (SPEC §2.2 upload). */
  uploadAuthStatus: 401 | 403;
  /** Per-route REST limits that differ from the default 10 per minute (SPEC §8). */
  routeLimits: Readonly<Record<string, { calls: number; ms: number }>>;
  /** `POST livechat/room.close` refuses visitors when `visitorsCanCloseChat` is off (6.13+). */
  closeSettingEnforced: boolean;
  /** The visitor may subscribe `stream-room-messages` of an open room only (newest room access validator). */
  roomMessagesRequireOpen: boolean;
  /** `major.minor` as `GET /api/info` answers an anonymous caller (`getServerInfo.ts` `removePatchInfo`). */
  version: string;
  /** `promptTranscript` follows every close (≤ 6.x), not only when the transcript setting is on. */
  promptTranscriptAlways: boolean;
  /** `settings.public` filters by `?_id=a,b` (7.0+) instead of a JSON `query` (rest/settings-routes.ts). */
  settingsPublicById: boolean;
}

const V6_METHODS = [
  'livechat:registerGuest',
  'livechat:setUpConnection',
  'sendMessageLivechat',
  'livechat:getAgentData',
  'livechat:getNextAgent',
  'livechat:loadHistory',
  'livechat:loginByToken',
  'livechat:sendOfflineMessage',
  'livechat:saveSurveyFeedback',
  'livechat:sendTranscript',
  'livechat:requestTranscript',
  'livechat:setDepartmentForVisitor',
  'livechat:transfer',
  'livechat:pageVisited',
  'livechat:setCustomField',
  'livechat:getCustomFields',
  'sendFileLivechatMessage',
  'stream-room-messages',
  'stream-livechat-room',
  'stream-notify-room',
];

/** Removed in 7.0.0 (SPEC §2.0). */
const REMOVED_IN_7 = [
  'livechat:registerGuest',
  'livechat:getAgentData',
  'livechat:getNextAgent',
  'livechat:loadHistory',
  'livechat:loginByToken',
  'livechat:sendOfflineMessage',
  'livechat:saveSurveyFeedback',
  'livechat:requestTranscript',
  'livechat:setDepartmentForVisitor',
  'livechat:pageVisited',
  'livechat:setCustomField',
  'livechat:getCustomFields',
];

/** Removed in 8.0.0 (SPEC §2.0). */
const REMOVED_IN_8 = ['livechat:transfer', 'sendFileLivechatMessage'];

const LEGACY_METHODS = [...V6_METHODS, 'livechat:getInitialData', 'livechat:closeByVisitor', 'livechat:startVideoCall'];
const V7_METHODS = V6_METHODS.filter((m) => !REMOVED_IN_7.includes(m));
const V8_METHODS = V7_METHODS.filter((m) => !REMOVED_IN_8.includes(m));

const MINUTE = 60_000;

const TABLE: Record<Profile, Capabilities> = {
  legacy: {
    methods: new Set(LEGACY_METHODS),
    honourClientRid: true,
    legacyTyping: true,
    ujWithUsername: true,
    streamer: false,
    visitorDdpTranscript: true,
    missingRoutes: new Set(['POST livechat/visitor/department.transfer']),
    uploadAuthStatus: 401,
    routeLimits: {},
    closeSettingEnforced: false,
    roomMessagesRequireOpen: false,
    version: '4.8',
    settingsPublicById: false,
    promptTranscriptAlways: true,
  },
  v6: {
    methods: new Set(V6_METHODS),
    honourClientRid: true,
    legacyTyping: false,
    ujWithUsername: false,
    streamer: false,
    visitorDdpTranscript: false,
    missingRoutes: new Set(['POST livechat/visitor/department.transfer']),
    uploadAuthStatus: 403,
    routeLimits: { 'POST livechat/offline.message': { calls: 1, ms: 5_000 } },
    closeSettingEnforced: true,
    roomMessagesRequireOpen: false,
    version: '6.13',
    settingsPublicById: false,
    promptTranscriptAlways: false,
  },
  v7: {
    methods: new Set(V7_METHODS),
    honourClientRid: false,
    legacyTyping: false,
    ujWithUsername: false,
    streamer: false,
    visitorDdpTranscript: false,
    missingRoutes: new Set(['POST livechat/visitor/department.transfer']),
    uploadAuthStatus: 403,
    routeLimits: {
      'POST livechat/offline.message': { calls: 1, ms: 5_000 },
      'POST livechat/transcript': { calls: 5, ms: MINUTE },
    },
    closeSettingEnforced: true,
    roomMessagesRequireOpen: false,
    version: '7.13',
    settingsPublicById: true,
    promptTranscriptAlways: false,
  },
  v8: {
    methods: new Set(V8_METHODS),
    honourClientRid: false,
    legacyTyping: false,
    ujWithUsername: false,
    streamer: true,
    visitorDdpTranscript: false,
    missingRoutes: new Set(['POST livechat/room.transfer']),
    uploadAuthStatus: 403,
    routeLimits: {
      'POST livechat/offline.message': { calls: 1, ms: 5_000 },
      'GET livechat/room': { calls: 5, ms: MINUTE },
      'POST livechat/visitor': { calls: 5, ms: MINUTE },
      'POST livechat/transcript': { calls: 5, ms: MINUTE },
    },
    closeSettingEnforced: true,
    roomMessagesRequireOpen: true,
    version: '8.9',
    settingsPublicById: true,
    promptTranscriptAlways: false,
  },
};

/**
 * The capability set of a profile. `framing` overrides the DDP server: an 8.x Community server (or EE without
 * microservices) answers with Meteor's own framing, an EE microservices deployment with the ddp-streamer's.
 */
export function capabilitiesOf(profile: Profile, framing?: 'meteor' | 'streamer'): Capabilities {
  const caps = TABLE[profile];
  return framing === undefined ? caps : { ...caps, streamer: framing === 'streamer' };
}
