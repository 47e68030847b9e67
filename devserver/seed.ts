/**
 * The stand-in's starting data: the settings of a freshly configured 4.x–8.x desk (values follow SPEC §5 F07
 * and R01) and two agents, so transfers can be tried. Ids are the ones SPEC §5 uses.
 */
import type { Agent, Settings } from './types';

export const SUPPORT_DEPARTMENT_ID = 'dP4xK8mQ2zR7nTcWa';
export const SALES_DEPARTMENT_ID = 'sL7mN3qR8tV2xZ4bC';

/** Default settings; `startDevServer({settings})` and `POST /control/settings` override them. */
export function defaultSettings(): Settings {
  return {
    enabled: true,
    title: 'Rocket.Chat',
    color: '#C1272D',
    offlineTitle: 'Leave a message',
    offlineColor: '#666666',
    position: 'right',
    background: '',
    language: '',
    registrationForm: true,
    nameFieldRegistrationForm: true,
    emailFieldRegistrationForm: true,
    registrationFormMessage: '',
    allowSwitchingDepartments: true,
    displayOfflineForm: true,
    offlineMessage: 'We are not online right now. Please leave us a message:',
    offlineSuccessMessage: '',
    offlineUnavailableMessage: '',
    conversationFinishedMessage: 'Conversation finished',
    conversationFinishedText: '',
    transcript: false,
    transcriptMessage: 'Would you like a copy of this chat emailed?',
    videoCall: false,
    fileUpload: true,
    protectFiles: true,
    fileUploadMaxSize: 10 * 1024 * 1024,
    fileUploadMediaTypes: '',
    fileUploadMediaTypeBlackList: 'image/svg+xml',
    showConnecting: false,
    agentHiddenInfo: false,
    showAgentEmail: false,
    visitorsCanCloseChat: true,
    limitTextLength: false,
    historyMonitorType: 'url',
    forceAcceptDataProcessingConsent: false,
    dataProcessingConsentText: '',
    clearLocalStorageWhenChatEnded: false,
    hiddenSystemMessages: [],
    livechatLogo: null,
    hideWatermark: false,
    acceptChatsWithNoAgents: true,
    showDeletedStatus: false,
    markdownAst: true,
    waitingQueue: true,
    departments: [
      {
        _id: SUPPORT_DEPARTMENT_ID,
        name: 'Support',
        enabled: true,
        showOnRegistration: true,
        showOnOfflineForm: true,
        email: '',
        description: '',
      },
      {
        _id: SALES_DEPARTMENT_ID,
        name: 'Sales',
        enabled: true,
        showOnRegistration: true,
        showOnOfflineForm: true,
        email: '',
        description: '',
      },
    ],
    customFields: [
      {
        _id: 'orderNumber',
        label: 'Order number',
        scope: 'room',
        visibility: 'visible',
        type: 'input',
        required: false,
        defaultValue: '',
        options: '',
        regexp: '',
      },
    ],
    triggers: [],
  };
}

/** The seeded agents: `maria.agent` (SPEC §5) and `joao.agent`, the transfer target. */
export function seedAgents(): Agent[] {
  return [
    {
      _id: 'Zb8Qx3NcV5mKp2LrT',
      username: 'maria.agent',
      name: 'Maria Souza',
      status: 'online',
      emails: [{ address: 'maria@example.com', verified: true }],
      departments: [SUPPORT_DEPARTMENT_ID],
    },
    {
      _id: 'Rk4Tw9PmX2cLq7NzD',
      username: 'joao.agent',
      name: 'João Pereira',
      status: 'online',
      emails: [{ address: 'joao@example.com', verified: true }],
      departments: [SUPPORT_DEPARTMENT_ID, SALES_DEPARTMENT_ID],
    },
  ];
}
