/**
 * Livechat triggers (Rocket.Chat's `ILivechatTrigger`) as the desk's config delivers them, on every line the same
 * list: `getInitialData().triggers` (flat, ≤ 4.x) and `GET livechat/config` → `config.triggers` (nested). Each is
 * `{_id, runOnce, conditions: [{name, value}], actions: [{name, params}]}`; the server sends enabled ones only.
 * Like the official widget (`packages/livechat/src/lib/triggers.ts`), only the first condition and first action
 * count. Everything is bounded here; a trigger this client cannot run is dropped whole.
 */
import { clip, MAX_CONFIG_TEXT_CHARS, MAX_FIELD_CHARS } from './bounds';
import { obj, list, str } from './read';

/** Most triggers kept from a config. */
export const MAX_TRIGGERS = 50;
/** Longest `page-url` pattern kept; longer ones are dropped whole (a cut pattern would mean something else). */
export const MAX_URL_PATTERN_CHARS = 512;
/** Longest `time-on-site` wait honoured, in seconds (a day). */
export const MAX_TRIGGER_DELAY_S = 86_400;

export type TriggerCondition =
  | { name: 'chat-opened-by-visitor' }
  | { name: 'after-guest-registration' }
  /** Seconds the visitor has had the chat open (popup or side panel), counted from the first opening. */
  | { name: 'time-on-site'; seconds: number }
  /** A regular expression tested against a page the visitor shares. */
  | { name: 'page-url'; pattern: string };

export interface TriggerAction {
  /** `use-external-service` asks the server to call a third party; this client skips it (logged). */
  name: 'send-message' | 'use-external-service';
  /** `queue`: the agent who would take a new chat; `custom`: the given name. */
  sender: 'queue' | 'custom';
  /** The sender's name for `custom`. */
  agentName: string;
  text: string;
}

export interface LivechatTrigger {
  id: string;
  runOnce: boolean;
  condition: TriggerCondition;
  action: TriggerAction;
}

function condition(raw: unknown): TriggerCondition | null {
  const c = obj(raw);
  switch (c.name) {
    case 'chat-opened-by-visitor':
    case 'after-guest-registration':
      return { name: c.name };
    case 'time-on-site': {
      const seconds = typeof c.value === 'number' ? c.value : Number.parseFloat(str(c.value));
      return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_TRIGGER_DELAY_S
        ? { name: 'time-on-site', seconds }
        : null;
    }
    case 'page-url': {
      const pattern = str(c.value);
      if (!pattern || pattern.length > MAX_URL_PATTERN_CHARS) return null;
      try {
        RegExp(pattern);
      } catch {
        return null;
      }
      return { name: 'page-url', pattern };
    }
    default:
      return null;
  }
}

function action(raw: unknown): TriggerAction | null {
  const a = obj(raw);
  if (a.name !== 'send-message' && a.name !== 'use-external-service') return null;
  const params = obj(a.params);
  const sender = params.sender === 'custom' ? 'custom' : params.sender === 'queue' ? 'queue' : null;
  const text = clip(str(a.name === 'send-message' ? params.msg : params.serviceFallbackMessage), MAX_CONFIG_TEXT_CHARS);
  if (!sender || (a.name === 'send-message' && !text.trim())) return null;
  return { name: a.name, sender, agentName: clip(str(params.name), MAX_FIELD_CHARS), text };
}

/** The triggers of a config (either shape's `triggers` value), validated and bounded. */
export function normalizeTriggers(raw: unknown): LivechatTrigger[] {
  const out: LivechatTrigger[] = [];
  const seen = new Set<string>();
  for (const item of list(raw).slice(0, MAX_TRIGGERS)) {
    const t = obj(item);
    const id = clip(str(t._id), MAX_FIELD_CHARS);
    const first = condition(list(t.conditions)[0]);
    const act = action(list(t.actions)[0]);
    if (!id || seen.has(id) || !first || !act || t.enabled === false) continue;
    seen.add(id);
    out.push({ id, runOnce: t.runOnce === true, condition: first, action: act });
  }
  return out;
}

/** Whether a shared page's URL matches a `page-url` pattern (long URLs are not tested: the pattern is foreign). */
export function pageMatches(pattern: string, url: string): boolean {
  if (url.length > 2_048) return false;
  try {
    return new RegExp(pattern).test(url);
  } catch {
    return false;
  }
}
