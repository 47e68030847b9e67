/**
 * The desk's own file limits. Rocket.Chat's `livechat/config` only says whether files are accepted at all
 * (`settings.fileUpload` = `FileUpload_Enabled && Livechat_fileupload_enabled`); the size and type rules are the
 * public settings `FileUpload_MaxFileSize`, `FileUpload_MediaTypeWhiteList` and `FileUpload_MediaTypeBlackList`,
 * readable without a login from `GET /api/v1/settings.public` (devserver/README.md "Upload limits"). The official
 * widget does not read them and waits for the upload's 400; we read them so a refusal comes before any byte is sent.
 */
import type { RestClient } from './rest';
import { obj } from './read';

/** What the desk accepts; `maxBytes` null = no size limit. Empty `accepted` = every type not `blocked`. */
export interface UploadLimits {
  maxBytes: number | null;
  accepted: string[];
  blocked: string[];
}

/** Why a file is refused before it is sent. */
export type UploadRefusal = { reason: 'size'; maxBytes: number } | { reason: 'type' };

const IDS = ['FileUpload_MaxFileSize', 'FileUpload_MediaTypeWhiteList', 'FileUpload_MediaTypeBlackList'];
/** A list longer than this is not a real media-type setting; it is cut rather than trusted. */
const MAX_TYPES = 100;

/** The limits from a `settings.public` answer, or null when it names none of them. */
export function uploadLimitsFrom(answer: unknown): UploadLimits | null {
  const settings = Array.isArray(obj(answer).settings) ? (obj(answer).settings as unknown[]) : [];
  const value = (id: string): unknown => settings.map(obj).find((s) => s._id === id)?.value;
  if (!IDS.some((id) => value(id) !== undefined)) return null;
  const size = value('FileUpload_MaxFileSize');
  return {
    // -1 (and, permissively, 0 or anything odd) means no limit of the desk's own: the server still decides.
    maxBytes: typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? size : null,
    accepted: typeList(value('FileUpload_MediaTypeWhiteList')),
    blocked: typeList(value('FileUpload_MediaTypeBlackList')),
  };
}

function typeList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '' && entry.length <= 255)
    .slice(0, MAX_TYPES);
}

/** Rocket.Chat's `fileUploadIsValidContentTypeFromSettings`: an exact type or a `major/*` wildcard. */
function listed(list: string[], type: string): boolean {
  return list.some((entry) => entry === type || (entry.endsWith('/*') && type.startsWith(entry.slice(0, -1))));
}

/** Rocket.Chat's `fileUploadIsValidContentType` plus the size rule: why the desk would refuse the file, or null. */
export function uploadRefusal(
  limits: UploadLimits | undefined,
  file: { type: string; size: number },
): UploadRefusal | null {
  if (!limits) return null;
  const type = file.type.toLowerCase();
  if (!type) {
    if (limits.blocked.includes('*') || limits.accepted.length > 0) return { reason: 'type' };
  } else if (listed(limits.blocked, type) || (limits.accepted.length > 0 && !listed(limits.accepted, type))) {
    return { reason: 'type' };
  }
  if (limits.maxBytes !== null && file.size > limits.maxBytes) return { reason: 'size', maxBytes: limits.maxBytes };
  return null;
}

/**
 * Reads the limits. 7.0+ filters `settings.public` by `_id`; older lines ignore `_id` (answering their first page
 * of all public settings) and take a JSON `query` instead, which 7.0 dropped. The `_id` form goes first and the
 * answer is checked, so neither line is guessed from its version.
 */
export async function readUploadLimits(rest: RestClient): Promise<UploadLimits | null> {
  const byId = uploadLimitsFrom(await rest.get('settings.public', { _id: IDS.join(',') }));
  if (byId) return byId;
  return uploadLimitsFrom(await rest.get('settings.public', { query: JSON.stringify({ _id: { $in: IDS } }) }));
}
