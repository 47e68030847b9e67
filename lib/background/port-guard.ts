/**
 * The port contract's gate: who may connect (only this extension's own pages) and what each request must carry.
 * Anything else — a content script, another extension, a request whose params have the wrong shape — is refused
 * before it reaches a handler.
 */
import type { Op } from '../messaging';

/** The part of `runtime.MessageSender` the check reads. */
export interface PortSender {
  id?: string;
  url?: string;
}

/**
 * True when the port was opened by one of this extension's own pages: same extension id, and a page URL under the
 * extension's own origin (`pageRoot` is `runtime.getURL('/')`). A content script of this extension would carry
 * the right id but a web page's URL, so it is refused too.
 */
export function isOwnPage(sender: PortSender | undefined, extensionId: string, pageRoot: string): boolean {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return false;
  try {
    return new URL(sender.url).origin === new URL(pageRoot).origin;
  } catch {
    return false;
  }
}

/** `count`: a non-negative safe integer (sizes, offsets). */
type Field = 'string' | 'string?' | 'boolean' | 'count' | 'pairs' | 'pairs?';
type Shape = Record<string, Field> | null;

/** `pairs`: an array of `{ key, value }` / `{ name, value }` objects of strings (custom fields, survey answers). */
const SHAPES: Record<Op, Shape> = {
  'chat/register': { name: 'string', email: 'string', department: 'string?', customFields: 'pairs?' },
  'chat/send': { text: 'string' },
  'chat/sharePage': { url: 'string', title: 'string' },
  'chat/retry': { messageId: 'string' },
  'chat/typing': { typing: 'boolean' },
  'chat/seen': null,
  'chat/resync': null,
  'chat/rest': null,
  'chat/loadOlder': null,
  'chat/close': null,
  'chat/new': null,
  'chat/survey': { answers: 'pairs' },
  'chat/transcript': { email: 'string' },
  'chat/offline': { name: 'string', email: 'string', message: 'string', department: 'string?' },
  'chat/department': { department: 'string' },
  'chat/edit': { messageId: 'string', text: 'string' },
  'chat/delete': { messageId: 'string' },
  'chat/uploadStart': { name: 'string', type: 'string', size: 'count', description: 'string?' },
  'chat/uploadChunk': { uploadId: 'string', offset: 'count', dataBase64: 'string' },
  'chat/uploadCancel': { uploadId: 'string' },
  'settings/reconnect': null,
  'history/list': null,
  'history/open': { roomId: 'string' },
  'history/loadOlder': { roomId: 'string' },
  'history/forget': { roomId: 'string' },
  'desk/focus': { desk: 'string' },
  'desk/forget': { desk: 'string' },
};

/** True when `op` is one of the protocol's operations (an own property: `constructor` is not one). */
export function isOp(op: string): op is Op {
  return Object.hasOwn(SHAPES, op);
}

/** Why the params do not fit the operation, or null when they do. */
export function paramsProblem(op: Op, params: unknown): string | null {
  const shape = SHAPES[op];
  if (shape === null) return params === null || params === undefined ? null : `${op} takes no parameters`;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return `${op} needs an object`;
  const given = params as Record<string, unknown>;
  for (const key of Object.keys(given)) if (!Object.hasOwn(shape, key)) return `${op} does not take “${key}”`;
  for (const [key, field] of Object.entries(shape)) {
    if (!fits(field, given[key])) return `${op}: “${key}” must be ${field.replace('?', ' (optional)')}`;
  }
  return null;
}

function fits(field: Field, value: unknown): boolean {
  if (field.endsWith('?') && value === undefined) return true;
  if (field.startsWith('string')) return typeof value === 'string';
  if (field === 'boolean') return typeof value === 'boolean';
  if (field === 'count') return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  return Array.isArray(value) && value.every(isPair);
}

function isPair(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entries = Object.entries(value);
  return entries.length === 2 && entries.every(([, v]) => typeof v === 'string');
}
