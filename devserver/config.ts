/**
 * The widget configuration in both shapes: the flat `livechat:getInitialData` object of 4.x (SPEC §4.1) and
 * the nested `GET livechat/config` answer (SPEC §4.2), both built from the same settings and state.
 */
import type { Desk } from './desk';
import type { Room, Visitor } from './types';

/** A room without the stand-in's own bookkeeping fields. */
export function publicRoom(room: Room): Omit<Room, 'visitorTyping'> {
  const { visitorTyping: _typing, ...rest } = room;
  return rest;
}

function enabledDepartments(desk: Desk) {
  return desk.settings.departments.filter(
    (dep) => dep.enabled && [...desk.store.agents.values()].some((agent) => agent.departments.includes(dep._id)),
  );
}

function numAgents(desk: Desk, departmentId: string): number {
  return [...desk.store.agents.values()].filter((agent) => agent.departments.includes(departmentId)).length;
}

function triggers(desk: Desk) {
  return desk.settings.triggers
    .filter((trigger) => trigger.enabled)
    .map(({ _id, actions, conditions, runOnce }) => ({ _id, actions, conditions, runOnce }));
}

function visitorSummary(visitor: Visitor) {
  const out: Record<string, unknown> = { _id: visitor._id, name: visitor.name, username: visitor.username };
  if (visitor.visitorEmails) out.visitorEmails = visitor.visitorEmails;
  if (visitor.department) out.department = visitor.department;
  return out;
}

/** `livechat:getInitialData(token, departmentId?)` (4.x shape, key order of SPEC F07). */
export function initialData(desk: Desk, token: string, departmentId?: string): Record<string, unknown> {
  const s = desk.settings;
  const visitor = desk.store.visitors.get(token);
  const room = desk.store.openRoomOf(token, departmentId);
  const agent = room ? desk.servingAgent(room) : undefined;
  const info: Record<string, unknown> = {
    enabled: s.enabled,
    title: s.title,
    color: s.color,
    registrationForm: s.registrationForm,
    room: room
      ? {
          _id: room._id,
          name: room.fname,
          t: room.t,
          cl: false,
          v: room.v,
          servedBy: room.servedBy,
          departmentId: room.departmentId,
        }
      : null,
    visitor: visitor ? visitorSummary(visitor) : null,
    triggers: triggers(desk),
    departments: enabledDepartments(desk).map((dep) => ({ ...dep, numAgents: numAgents(desk, dep._id) })),
    allowSwitchingDepartments: s.allowSwitchingDepartments,
    online: desk.store.anyAgentOnline(),
    offlineColor: s.offlineColor,
    offlineMessage: s.offlineMessage,
    offlineSuccessMessage: s.offlineSuccessMessage,
    offlineUnavailableMessage: s.offlineUnavailableMessage,
    displayOfflineForm: s.displayOfflineForm,
    videoCall: s.videoCall,
    fileUpload: s.fileUpload,
    conversationFinishedMessage: s.conversationFinishedMessage,
    conversationFinishedText: s.conversationFinishedText,
    nameFieldRegistrationForm: s.nameFieldRegistrationForm,
    emailFieldRegistrationForm: s.emailFieldRegistrationForm,
    registrationFormMessage: s.registrationFormMessage,
    showConnecting: s.showConnecting,
    offlineTitle: s.offlineTitle,
    language: s.language,
    transcript: s.transcript,
    transcriptMessage: s.transcriptMessage,
  };
  if (agent) info.agentData = desk.agentInfo(agent);
  return info;
}

/** `GET /api/v1/livechat/config` body without `success` (SPEC §4.2, R01). */
export function restConfig(
  desk: Desk,
  siteUrl: string,
  token?: string,
  departmentId?: string,
): Record<string, unknown> {
  const s = desk.settings;
  if (!s.enabled) return { enabled: false };
  const config: Record<string, unknown> = {
    enabled: true,
    settings: {
      registrationForm: s.registrationForm,
      allowSwitchingDepartments: s.allowSwitchingDepartments,
      nameFieldRegistrationForm: s.nameFieldRegistrationForm,
      emailFieldRegistrationForm: s.emailFieldRegistrationForm,
      displayOfflineForm: s.displayOfflineForm,
      videoCall: s.videoCall,
      fileUpload: s.fileUpload,
      language: s.language,
      transcript: s.transcript,
      historyMonitorType: s.historyMonitorType,
      forceAcceptDataProcessingConsent: s.forceAcceptDataProcessingConsent,
      showConnecting: s.showConnecting,
      agentHiddenInfo: s.agentHiddenInfo,
      clearLocalStorageWhenChatEnded: s.clearLocalStorageWhenChatEnded,
      limitTextLength: s.limitTextLength,
      hiddenSystemMessages: s.hiddenSystemMessages,
      livechatLogo: { url: s.livechatLogo },
      hideWatermark: s.hideWatermark,
      ...(desk.profile === 'legacy' ? {} : { visitorsCanCloseChat: s.visitorsCanCloseChat }),
    },
    theme: {
      title: s.title,
      color: s.color,
      offlineTitle: s.offlineTitle,
      offlineColor: s.offlineColor,
      position: s.position,
      background: s.background,
      actionLinks: actionLinks(desk),
    },
    messages: {
      offlineMessage: s.offlineMessage,
      offlineSuccessMessage: s.offlineSuccessMessage,
      offlineUnavailableMessage: s.offlineUnavailableMessage,
      conversationFinishedMessage: s.conversationFinishedMessage,
      conversationFinishedText: s.conversationFinishedText,
      transcriptMessage: s.transcriptMessage,
      registrationFormMessage: s.registrationFormMessage,
      dataProcessingConsentText: s.dataProcessingConsentText,
    },
    survey: {
      items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
      values: ['1', '2', '3', '4', '5'],
    },
    triggers: triggers(desk),
    departments: enabledDepartments(desk).map(({ _id, name, showOnRegistration, showOnOfflineForm }) => ({
      _id,
      name,
      showOnRegistration,
      showOnOfflineForm,
    })),
    resources: { sound: `${siteUrl}/sounds/chime.mp3`, emojis: [] },
    online: desk.store.anyAgentOnline(),
  };
  Object.assign(config, tokenParts(desk, token, departmentId));
  const publicFields = s.customFields.filter((field) => field.visibility === 'visible');
  if (publicFields.length > 0) config.customFields = publicFields;
  return config;
}

function tokenParts(desk: Desk, token?: string, departmentId?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visitor = token ? desk.store.visitors.get(token) : undefined;
  if (!token || !visitor) return out;
  out.guest = { ...visitorSummary(visitor), token: visitor.token };
  const room = desk.store.openRoomOf(token, departmentId);
  if (!room) return out;
  out.room = { _id: room._id, departmentId: room.departmentId, servedBy: room.servedBy, open: room.open };
  const agent = desk.servingAgent(room);
  if (agent) out.agent = desk.visibleAgentInfo(agent);
  const queueInfo = desk.queuePosition(room._id);
  if (queueInfo) out.queueInfo = queueInfo;
  return out;
}

function actionLinks(desk: Desk): Record<string, unknown> {
  const jitsi = [
    { icon: 'icon-videocam', i18nLabel: 'Accept' },
    { icon: 'icon-cancel', i18nLabel: 'Decline' },
  ];
  if (desk.profile === 'v8') return { jitsi };
  return {
    webrtc: [
      {
        actionLinksAlignment: 'flex-start',
        i18nLabel: 'Join_call',
        label: 'Join call',
        method_id: 'joinLivechatWebRTCCall',
      },
      { i18nLabel: 'End_call', label: 'End call', method_id: 'endLivechatWebRTCCall', danger: true },
    ],
    jitsi,
  };
}
