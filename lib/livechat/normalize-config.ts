/**
 * Both widget configuration shapes — the flat `livechat:getInitialData` result of ≤ 4.x servers (SPEC §4.1) and
 * the nested `GET livechat/config` answer (§4.2) — become one `LivechatConfig`. Unknown or missing keys get the
 * server's defaults, so a partial or odd answer never breaks the UI.
 */
import { clip, MAX_CONFIG_ITEMS, MAX_CONFIG_TEXT_CHARS, MAX_FIELD_CHARS } from './bounds';
import { normalizeAgent } from './normalize-message';
import { normalizeTriggers } from './triggers';
import { obj, list as anyList, str as anyStr, bool, strings as anyStrings } from './read';

/** A configuration text within {@link MAX_CONFIG_TEXT_CHARS}. */
const str = (value: unknown): string => clip(anyStr(value), MAX_CONFIG_TEXT_CHARS);
/** A short configuration string (id, name, colour, language) within {@link MAX_FIELD_CHARS}. */
const short = (value: unknown): string => clip(anyStr(value), MAX_FIELD_CHARS);
/** At most {@link MAX_CONFIG_ITEMS} entries of a configuration list. */
const list = (value: unknown): unknown[] => anyList(value).slice(0, MAX_CONFIG_ITEMS);
const strings = (value: unknown, fallback: string[]): string[] =>
  anyStrings(Array.isArray(value) ? value.slice(0, MAX_CONFIG_ITEMS) : value, fallback).map(short);
import type { CustomFieldDef, Department, LivechatConfig } from './types';

/** Normalises a config from either shape; `raw` may be the REST body (`{config}`) or the config itself. */
export function normalizeConfig(raw: unknown): LivechatConfig {
  const top = obj(raw);
  const cfg = 'config' in top && typeof top.config === 'object' ? obj(top.config) : top;
  const nested = 'settings' in cfg || 'theme' in cfg || 'messages' in cfg;
  const settings = nested ? obj(cfg.settings) : cfg;
  const theme = nested ? obj(cfg.theme) : cfg;
  const messages = nested ? obj(cfg.messages) : cfg;
  const survey = obj(cfg.survey);
  const roomRaw = cfg.room ? obj(cfg.room) : null;
  const guestRaw = obj(nested ? cfg.guest : cfg.visitor);
  const agentRaw = nested ? cfg.agent : cfg.agentData;
  const limit = settings.limitTextLength;

  return {
    enabled: cfg.enabled !== false,
    online: cfg.online !== false,
    title: str(theme.title) || 'Live chat',
    color: short(theme.color),
    offlineTitle: str(theme.offlineTitle) || 'Leave a message',
    offlineColor: short(theme.offlineColor),
    language: short(settings.language),
    registrationForm: bool(settings.registrationForm, true),
    nameField: bool(settings.nameFieldRegistrationForm, true),
    emailField: bool(settings.emailFieldRegistrationForm, true),
    allowSwitchingDepartments: bool(settings.allowSwitchingDepartments, false),
    displayOfflineForm: bool(settings.displayOfflineForm, true),
    fileUpload: bool(settings.fileUpload, false),
    transcript: bool(settings.transcript, false),
    showConnecting: bool(settings.showConnecting, false),
    agentHiddenInfo: bool(settings.agentHiddenInfo, false),
    forceDataProcessingConsent: bool(settings.forceAcceptDataProcessingConsent, false),
    visitorsCanCloseChat: bool(settings.visitorsCanCloseChat, true),
    limitTextLength: typeof limit === 'number' && limit > 0 ? limit : null,
    hiddenSystemMessages: strings(settings.hiddenSystemMessages, []),
    departments: list(cfg.departments)
      .map(normalizeDepartment)
      .filter((d) => d.id !== ''),
    customFields: list(cfg.customFields)
      .map(normalizeCustomField)
      .filter((f) => f.id !== ''),
    messages: {
      offlineMessage: str(messages.offlineMessage),
      offlineSuccessMessage: str(messages.offlineSuccessMessage),
      offlineUnavailableMessage: str(messages.offlineUnavailableMessage),
      conversationFinishedMessage: str(messages.conversationFinishedMessage),
      conversationFinishedText: str(messages.conversationFinishedText),
      transcriptMessage: str(messages.transcriptMessage),
      registrationFormMessage: str(messages.registrationFormMessage),
      dataProcessingConsentText: str(messages.dataProcessingConsentText),
    },
    survey: {
      items: strings(survey.items, ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness']),
      values: strings(survey.values, ['1', '2', '3', '4', '5']),
    },
    triggers: normalizeTriggers(cfg.triggers),
    room: roomRaw && short(roomRaw._id) ? { id: short(roomRaw._id), open: roomRaw.open !== false } : null,
    agent: agentRaw ? normalizeAgent(agentRaw) : null,
    guest: short(guestRaw._id)
      ? {
          id: short(guestRaw._id),
          name: short(guestRaw.name),
          email: short(obj(list(guestRaw.visitorEmails)[0]).address),
        }
      : null,
  };
}

function normalizeDepartment(raw: unknown): Department {
  const d = obj(raw);
  return {
    id: short(d._id),
    name: short(d.name),
    showOnRegistration: bool(d.showOnRegistration, true),
    showOnOfflineForm: bool(d.showOnOfflineForm, true),
  };
}

function normalizeCustomField(raw: unknown): CustomFieldDef {
  const f = obj(raw);
  const options =
    typeof f.options === 'string'
      ? strings(
          str(f.options)
            .split(',')
            .map((o) => o.trim()),
          [],
        )
      : strings(f.options, []);
  return {
    id: short(f._id) || short(f.name),
    label: short(f.label) || short(f._id) || short(f.name),
    required: bool(f.required, false),
    type: f.type === 'select' ? 'select' : 'input',
    options: options.filter((o) => o !== ''),
    // A cut pattern would mean something else: one beyond the bound is dropped whole.
    ...(typeof f.regexp === 'string' && f.regexp && f.regexp.length <= MAX_FIELD_CHARS ? { regexp: f.regexp } : {}),
  };
}
