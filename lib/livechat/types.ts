/**
 * The normalised Livechat model every layer above `lib/livechat` speaks. Whatever server line we talk to
 * (flat 4.x `getInitialData`, nested `GET livechat/config`, EJSON or ISO dates), it arrives here in one shape.
 * Everything in this file is plain JSON so it can be persisted and posted over extension ports as is.
 */
import type { LivechatTrigger } from './triggers';
import type { UploadLimits } from './upload-limits';
import type { SystemLine } from '../system-line';

export interface Department {
  id: string;
  name: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
}

export interface CustomFieldDef {
  id: string;
  label: string;
  required: boolean;
  type: 'input' | 'select';
  options: string[];
  regexp?: string;
}

export interface LivechatConfig {
  enabled: boolean;
  online: boolean;
  title: string;
  color: string;
  offlineTitle: string;
  offlineColor: string;
  language: string;
  registrationForm: boolean;
  nameField: boolean;
  emailField: boolean;
  allowSwitchingDepartments: boolean;
  displayOfflineForm: boolean;
  fileUpload: boolean;
  transcript: boolean;
  showConnecting: boolean;
  agentHiddenInfo: boolean;
  forceDataProcessingConsent: boolean;
  visitorsCanCloseChat: boolean;
  /** Maximum message length the server accepts, or null when unlimited. */
  limitTextLength: number | null;
  hiddenSystemMessages: string[];
  departments: Department[];
  customFields: CustomFieldDef[];
  messages: {
    offlineMessage: string;
    offlineSuccessMessage: string;
    offlineUnavailableMessage: string;
    conversationFinishedMessage: string;
    conversationFinishedText: string;
    transcriptMessage: string;
    registrationFormMessage: string;
    dataProcessingConsentText: string;
  };
  survey: { items: string[]; values: string[] };
  /** The desk's triggers; absent in configs stored before triggers were read (the next connect fills it). */
  triggers?: LivechatTrigger[];
  /** The desk's file limits (lib/livechat/upload-limits.ts), where its line exposes them. */
  uploadLimits?: UploadLimits;
  /** The visitor's open room on the server, when the config call was made with a known token. */
  room: { id: string; open: boolean } | null;
  agent: AgentInfo | null;
  guest: { id: string; name: string; email: string } | null;
}

export interface AgentInfo {
  id: string;
  name: string;
  username: string;
  status: 'online' | 'away' | 'busy' | 'offline' | 'unknown';
  /** The server hides who the agent is (`Livechat_show_agent_info` off). */
  hidden: boolean;
}

export interface Visitor {
  id: string;
  token: string;
  name: string;
  username: string;
  email: string;
  department: string;
}

export interface Attachment {
  title: string;
  url: string;
  imageUrl?: string;
  type?: string;
  size?: number;
  description?: string;
}

/** One chat message as the UI sees it. `ts` and the other times are epoch milliseconds. */
/** A video call an agent started: the link the visitor may open (null: none safe to open) and whether it ended. */
export interface VideoCall {
  url: string | null;
  ended: boolean;
}

export interface ChatMessage {
  id: string;
  rid: string;
  text: string;
  ts: number;
  updatedAt: number;
  editedAt: number | null;
  author: { id: string; username: string; name: string };
  /** Who wrote it, from the visitor's point of view. */
  from: 'visitor' | 'agent' | 'system';
  /** Rocket.Chat's system type (`uj`, `livechat-close`, `command`, …), or null for a normal message. */
  type: string | null;
  /** Rocket.Chat's markdown AST when the server sent one (opaque here; rendered by the UI). */
  md?: unknown;
  attachments: Attachment[];
  /** The video call this system message announces (`jitsi_call_started`, `livechat_video_call`, `videoconf`, …). */
  call?: VideoCall;
  /** Some of it was cut to the bounds of `lib/livechat/bounds.ts` on arrival (the UI says "Message shortened"). */
  shortened?: true;
  /** A desk trigger's message, shown before any room exists; only in this browser, never on the server. */
  trigger?: true;
  /** Client-side delivery state of the visitor's own messages. */
  delivery?: 'pending' | 'sent' | 'failed';
  /**
   * A system message's line as the worker worded it (null: not shown), only on what a chat page shows first (a
   * snapshot's newest page, the stored first screen; `withLines` in lib/system-line.ts), never kept with the desk.
   */
  line?: SystemLine | null;
}

export interface QueueInfo {
  spot: number;
  estimatedWaitSeconds: number | null;
  message: string;
}
