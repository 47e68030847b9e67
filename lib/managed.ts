/**
 * Settings an organization sets by policy (`storage.managed`: Chrome's `3rdparty` extension policy checked against
 * `managed_schema.json`, Firefox's `policies.json` `3rdparty` section). Policy values come from outside the
 * extension: each is read defensively, and a bad or missing one is simply not managed.
 */

/** What a policy may set; absent fields are not managed. */
export interface ManagedPolicy {
  /** The support desk's address: a default, or the only desk when `allowOtherDesks` is false. */
  deskUrl?: string;
  /** False: the visitor cannot point the extension at another desk than `deskUrl`. */
  allowOtherDesks?: boolean;
  visitorName?: string;
  visitorEmail?: string;
  /** True: the visitor cannot change the name and e-mail the policy sets. */
  visitorLocked?: boolean;
  /** The department a new chat goes to when the visitor picks none (id or name, as Rocket.Chat accepts). */
  department?: string;
  /** Whether replies notify, until the visitor chooses. */
  notifications?: boolean;
}

/** Longest managed text kept: names, addresses and ids are short; anything longer is not a setting. */
const MAX_TEXT = 2048;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() && value.length <= MAX_TEXT ? value.trim() : undefined;
}

/** A policy desk must be a web address: anything else would lock the visitor onto nothing. */
function webAddress(value: unknown): string | undefined {
  const candidate = text(value);
  if (!candidate) return undefined;
  try {
    return ['http:', 'https:'].includes(new URL(candidate).protocol) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Keeps the well-typed fields of whatever the managed storage returned. */
export function readPolicy(raw: unknown): ManagedPolicy {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const policy: ManagedPolicy = {
    deskUrl: webAddress(r.deskUrl),
    allowOtherDesks: flag(r.allowOtherDesks),
    visitorName: text(r.visitorName),
    visitorEmail: text(r.visitorEmail),
    visitorLocked: flag(r.visitorLocked),
    department: text(r.department),
    notifications: flag(r.notifications),
  };
  return Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)) as ManagedPolicy;
}

/** The slice of `browser.storage.managed` read here. */
export interface ManagedArea {
  get(): Promise<Record<string, unknown>>;
}

/**
 * The policy in force, `{}` when there is none. Firefox rejects the read when no policy names the add-on, and a
 * browser without managed storage has no area at all: both mean unmanaged, never a failure.
 */
export async function loadPolicy(area: ManagedArea | undefined): Promise<ManagedPolicy> {
  try {
    return readPolicy(await area?.get());
  } catch {
    return {};
  }
}

/** Which settings the visitor cannot change. */
export interface Locks {
  serverUrl: boolean;
  /** The visitor cannot add desks beside the default (policy `allowOtherDesks: false`, or a single-desk brand). */
  otherDesks: boolean;
  visitor: boolean;
}

const brandSingleDesk = typeof __LQS_SINGLE_DESK__ === 'boolean' && __LQS_SINGLE_DESK__;

/** The settings a policy (or the brand) fixes, so the options page hides them and the worker ignores them. */
export function locks(policy: ManagedPolicy): Locks {
  return {
    serverUrl: Boolean(policy.deskUrl) && policy.allowOtherDesks === false,
    otherDesks: policy.allowOtherDesks === false || brandSingleDesk,
    visitor: policy.visitorLocked === true && Boolean(policy.visitorName || policy.visitorEmail),
  };
}
