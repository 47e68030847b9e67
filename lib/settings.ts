/**
 * Visitor settings, written by the options page and read by the worker. Each item is declared once, versioned,
 * so an extension update migrates what a visitor saved instead of losing it (DECISIONS #12).
 */
import { storage } from 'wxt/utils/storage';
import { isCleartextUrl } from './cleartext';
import { loadPolicy, locks, type ManagedArea, type ManagedPolicy } from './managed';

export interface VisitorSettings {
  /** The default desk: the one a chat opens on unless the visitor last looked at another. */
  serverUrl: string;
  /** Every desk the visitor added, in the order added (the default among them). */
  desks: string[];
  name: string;
  email: string;
  notifications: boolean;
  /** The visitor accepted a plain `http://` connection to a server that is not this machine. */
  allowCleartext: boolean;
  /** Set only by an organization's policy (never stored): the department a new chat goes to. */
  department?: string;
}

const presetServer = typeof __LQS_PRESET_SERVER__ === 'string' ? __LQS_PRESET_SERVER__ : '';

export const DEFAULT_SETTINGS: VisitorSettings = {
  serverUrl: presetServer,
  desks: presetServer ? [presetServer] : [],
  name: '',
  email: '',
  notifications: true,
  allowCleartext: false,
};

/** The first stored shape (v1): one desk only. */
export type VisitorSettingsV1 = Omit<VisitorSettings, 'desks'>;

/**
 * v1 → v2: the one desk becomes the first of the list (and stays the default). A list already there is kept: a
 * value written without its version mark (by hand, by a test harness) would otherwise lose its other desks.
 */
export function migrateSettingsV2(old: VisitorSettingsV1 & { desks?: unknown }): VisitorSettings {
  if (typeof old !== 'object' || old === null) return old;
  if (Array.isArray(old.desks)) return old as VisitorSettings;
  const url = typeof old.serverUrl === 'string' ? old.serverUrl : '';
  return { ...old, desks: url ? [url] : [] };
}

/** Declares the stored settings (a fresh declaration runs the migrations against what is stored now). */
export function defineSettingsItem() {
  return storage.defineItem<VisitorSettings>('local:settings', {
    fallback: DEFAULT_SETTINGS,
    version: 2,
    migrations: { 2: migrateSettingsV2 },
  });
}

export const settingsItem = defineSettingsItem();

/**
 * The desks in force, each once, in the visitor's order: only valid addresses, and the default always among them
 * (first when the stored list lacks it). Settings from an older shape or a repair may lack the list.
 */
export function desksOf(settings: Pick<VisitorSettings, 'serverUrl' | 'desks'>): string[] {
  const strings = Array.isArray(settings.desks) ? settings.desks.filter((url) => typeof url === 'string') : [];
  const listed = strings.map(deskOf);
  const first = deskOf(settings.serverUrl);
  if (first && !listed.includes(first)) listed.unshift(first);
  return [...new Set(listed.filter(Boolean))];
}

export type ServerUrlCheck = { ok: true; url: string; origin: string } | { ok: false; error: string };

/**
 * Validates what a visitor typed as their support desk address. Only http(s) is accepted; the path is kept
 * (Rocket.Chat may live under a sub-path) without a trailing slash, and query and fragment are dropped.
 */
export function checkServerUrl(input: string): ServerUrlCheck {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Enter the address of your support desk, e.g. https://chat.example.com' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, error: `“${text}” is not a valid web address` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `Only http:// and https:// addresses are supported, not ${url.protocol}//` };
  }
  if (url.username || url.password) return { ok: false, error: 'The address must not contain a user name or password' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin };
}

/**
 * The settings without a forgotten desk; the next desk becomes the default if it was. `origin` is set when no
 * remaining desk is on the forgotten desk's origin, so its host permission can go.
 */
export function withoutDesk(
  settings: VisitorSettings,
  url: string,
): { settings: VisitorSettings; unusedOrigin: string | null } {
  const desks = desksOf(settings).filter((desk) => desk !== url);
  const serverUrl =
    settings.serverUrl === url || !desks.includes(settings.serverUrl) ? (desks[0] ?? '') : settings.serverUrl;
  const check = checkServerUrl(url);
  const origin = check.ok ? check.origin : null;
  const stillUsed = desks.some((desk) => new URL(desk).origin === origin);
  return { settings: { ...settings, serverUrl, desks }, unusedOrigin: origin && !stillUsed ? origin : null };
}

/** The match pattern that grants host access to a server origin (for `permissions.request`). */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

function deskOf(url: string | undefined): string {
  const check = url ? checkServerUrl(url) : null;
  return check?.ok ? check.url : '';
}

/**
 * The settings in force: what the visitor saved (`null` if never), under the organization's policy. A locked
 * value replaces the visitor's; a managed default fills what the visitor left empty (or never chose, for
 * notifications); the brand's baked desk comes last.
 */
export function effectiveSettings(stored: VisitorSettings | null, policy: ManagedPolicy): VisitorSettings {
  const locked = locks(policy);
  const desk = deskOf(policy.deskUrl);
  const own = stored ?? { ...DEFAULT_SETTINGS, serverUrl: '' };
  // The organization chose its desk: a plain http:// one is its decision, not the visitor's to confirm.
  const deskFromPolicy = Boolean(desk) && (locked.serverUrl || !own.serverUrl);
  const serverUrl = locked.serverUrl ? desk : own.serverUrl || desk || presetServer;
  const single = locked.serverUrl || locked.otherDesks;
  return {
    serverUrl,
    desks: single ? (serverUrl ? [serverUrl] : []) : desksOf({ serverUrl, desks: own.desks }),
    allowCleartext: deskFromPolicy ? isCleartextUrl(desk) : own.allowCleartext === true,
    name: locked.visitor ? (policy.visitorName ?? '') : own.name || policy.visitorName || '',
    email: locked.visitor ? (policy.visitorEmail ?? '') : own.email || policy.visitorEmail || '',
    notifications: stored ? stored.notifications : (policy.notifications ?? true),
    ...(policy.department ? { department: policy.department } : {}),
  };
}

/** Reads the visitor's saved settings and the policy (`browser.storage.managed`) together. */
export async function loadSettings(
  managed: ManagedArea | undefined,
): Promise<{ settings: VisitorSettings; policy: ManagedPolicy }> {
  const [raw, policy] = await Promise.all([storage.getItem<VisitorSettings>('local:settings'), loadPolicy(managed)]);
  const stored = raw === null ? null : await settingsItem.getValue();
  return { settings: effectiveSettings(stored, policy), policy };
}
