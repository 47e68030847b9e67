/**
 * The stand-in server's in-memory data model. Documents keep `Date` objects; the DDP layer turns them into
 * EJSON `{$date}` and the REST layer into ISO strings (SPEC §1.7), exactly as Rocket.Chat does.
 */

/** Which Rocket.Chat line the server imitates (SPEC §2.0, §7.2). `legacy` is 4.x. */
export type Profile = 'legacy' | 'v6' | 'v7' | 'v8';

export const PROFILES: readonly Profile[] = ['legacy', 'v6', 'v7', 'v8'];

export type AgentStatus = 'online' | 'away' | 'busy' | 'offline';
export type VisitorStatus = 'online' | 'away' | 'offline';

export interface Department {
  _id: string;
  name: string;
  enabled: boolean;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
  email: string;
  description: string;
}

export interface CustomField {
  _id: string;
  label: string;
  scope: 'visitor' | 'room';
  visibility: 'visible' | 'hidden';
  type: 'input' | 'select';
  required: boolean;
  defaultValue: string;
  options: string;
  regexp: string;
}

export interface Trigger {
  _id: string;
  name: string;
  enabled: boolean;
  runOnce: boolean;
  conditions: { name: string; value?: string | number }[];
  actions: { name: string; params: Record<string, unknown> }[];
}

/** Livechat settings a visitor can observe (SPEC §4), plus a few switches of the stand-in itself. */
export interface Settings {
  enabled: boolean;
  title: string;
  color: string;
  offlineTitle: string;
  offlineColor: string;
  position: 'left' | 'right';
  background: string;
  language: string;
  registrationForm: boolean;
  nameFieldRegistrationForm: boolean;
  emailFieldRegistrationForm: boolean;
  registrationFormMessage: string;
  allowSwitchingDepartments: boolean;
  displayOfflineForm: boolean;
  offlineMessage: string;
  offlineSuccessMessage: string;
  offlineUnavailableMessage: string;
  conversationFinishedMessage: string;
  conversationFinishedText: string;
  transcript: boolean;
  transcriptMessage: string;
  videoCall: boolean;
  fileUpload: boolean;
  /** `FileUpload_ProtectFiles` (default on): file URLs need the visitor's `rc_token`/`rc_rid`/`rc_room_type=l`. */
  protectFiles: boolean;
  /** Largest accepted upload in bytes (`FileUpload_MaxFileSize`). */
  fileUploadMaxSize: number;
  /** Comma-separated accepted media types, `image/*` wildcards allowed; empty = all. */
  fileUploadMediaTypes: string;
  /** `FileUpload_MediaTypeBlackList`: refused media types, checked before the accepted list (default SVG). */
  fileUploadMediaTypeBlackList: string;
  showConnecting: boolean;
  /** `Livechat_show_agent_info` turned off: agent data is replaced by `{hiddenInfo: true}`. */
  agentHiddenInfo: boolean;
  showAgentEmail: boolean;
  visitorsCanCloseChat: boolean;
  /** `Livechat_message_character_limit` when enabled, otherwise false. */
  limitTextLength: number | false;
  historyMonitorType: 'url' | 'title' | 'never';
  forceAcceptDataProcessingConsent: boolean;
  dataProcessingConsentText: string;
  clearLocalStorageWhenChatEnded: boolean;
  hiddenSystemMessages: string[];
  livechatLogo: string | null;
  hideWatermark: boolean;
  /** `Livechat_accept_chats_with_no_agents`: refuse new rooms with `no-agent-online` when off. */
  acceptChatsWithNoAgents: boolean;
  /** `Message_ShowDeletedStatus`: deletions re-send the message as `t:"rm"` instead of a hard delete. */
  showDeletedStatus: boolean;
  /** Send the `md` AST on messages; turn off to exercise a client's own markdown parsing. */
  markdownAst: boolean;
  /** Emit EE `queueData` events to waiting rooms. */
  waitingQueue: boolean;
  departments: Department[];
  customFields: CustomField[];
  triggers: Trigger[];
}

export interface Agent {
  _id: string;
  username: string;
  name: string;
  status: AgentStatus;
  emails: { address: string; verified: boolean }[];
  departments: string[];
}

export interface Visitor {
  _id: string;
  token: string;
  username: string;
  name?: string;
  visitorEmails?: { address: string }[];
  phone?: { phoneNumber: string }[];
  department?: string;
  livechatData: Record<string, string>;
  status: VisitorStatus;
  ts: Date;
  _updatedAt: Date;
}

export interface UserRef {
  _id: string;
  username: string;
  name?: string;
}

/** A message document; system messages carry `t`, visitor messages `token` and `alias`. */
export interface Message {
  _id: string;
  rid: string;
  msg: string;
  ts: Date;
  u: UserRef & { token?: string };
  _updatedAt: Date;
  t?: string;
  token?: string;
  alias?: string;
  groupable?: boolean;
  urls?: unknown[];
  mentions?: unknown[];
  channels?: unknown[];
  md?: unknown[];
  editedAt?: Date;
  editedBy?: UserRef;
  _hidden?: boolean;
  file?: FileRef;
  files?: FileRef[];
  attachments?: Record<string, unknown>[];
  transferData?: Record<string, unknown>;
  navigation?: Record<string, unknown>;
  transcriptRequested?: boolean;
  comment?: string;
  requestData?: Record<string, unknown>;
  /** Call messages (devserver/calls.ts). */
  actionLinks?: Record<string, unknown>[];
  customFields?: Record<string, unknown>;
  blocks?: Record<string, unknown>[];
  webRtcCallEndTs?: Date;
}

export interface FileRef {
  _id: string;
  name: string;
  type: string;
  size?: number;
  format?: string;
}

export interface StoredFile extends FileRef {
  rid: string;
  size: number;
  data: Buffer;
}

export interface Room {
  _id: string;
  t: 'l';
  fname: string;
  open: boolean;
  v: { _id: string; username: string; token: string; status: VisitorStatus };
  ts: Date;
  _updatedAt: Date;
  lm?: Date;
  msgs: number;
  usersCount: number;
  departmentId?: string;
  servedBy?: { _id: string; username: string; ts: Date };
  closedAt?: Date;
  closer?: 'visitor' | 'user';
  closedBy?: UserRef;
  source: { type: 'widget' };
  livechatData: Record<string, string>;
  surveyFeedback?: Record<string, string>;
  transcriptRequest?: { email: string; subject: string; requestedAt: Date };
  /** The visitor is typing right now (seen from the agent console). */
  visitorTyping?: boolean;
  /** Set by a Jitsi call (4.x): the call counts as running until then. */
  jitsiTimeout?: Date;
  /** Set by a WebRTC call (5.x–7.x). */
  callStatus?: 'ringing' | 'ended';
}

/** What the server prints and hands to tests. */
export interface OfflineMessage {
  name: string;
  email: string;
  message: string;
  department?: string;
  ts: Date;
}
