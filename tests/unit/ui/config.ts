/** A complete desk configuration for UI tests; override what a test is about. */
import type { LivechatConfig } from '../../../lib/livechat/types';

export function testConfig(overrides: Partial<LivechatConfig> = {}): LivechatConfig {
  return {
    enabled: true,
    online: true,
    title: 'Acme Support',
    color: '#1d74f5',
    offlineTitle: 'Leave a message',
    offlineColor: '#666666',
    language: 'en',
    registrationForm: true,
    nameField: true,
    emailField: true,
    allowSwitchingDepartments: false,
    displayOfflineForm: false,
    fileUpload: false,
    transcript: false,
    showConnecting: false,
    agentHiddenInfo: false,
    forceDataProcessingConsent: false,
    visitorsCanCloseChat: true,
    limitTextLength: null,
    hiddenSystemMessages: [],
    departments: [],
    customFields: [],
    messages: {
      offlineMessage: '',
      offlineSuccessMessage: '',
      offlineUnavailableMessage: '',
      conversationFinishedMessage: '',
      conversationFinishedText: '',
      transcriptMessage: '',
      registrationFormMessage: '',
      dataProcessingConsentText: '',
    },
    survey: { items: [], values: [] },
    room: null,
    agent: null,
    guest: null,
    ...overrides,
  };
}
