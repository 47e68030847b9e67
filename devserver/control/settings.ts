/** Validation of `POST /control/settings` bodies against the shape of the default settings. */
import { OperationError } from '../agents';
import { defaultSettings } from '../seed';
import type { Settings } from '../types';

const NULLABLE = new Set(['livechatLogo']);
const NUMBER_OR_FALSE = new Set(['limitTextLength']);

function typeOk(key: string, value: unknown, reference: unknown): boolean {
  if (NULLABLE.has(key) && value === null) return true;
  if (NUMBER_OR_FALSE.has(key)) return value === false || (typeof value === 'number' && value > 0);
  if (Array.isArray(reference)) return Array.isArray(value);
  if (reference === null) return typeof value === 'string' || value === null;
  return typeof value === typeof reference;
}

/** The shape Rocket.Chat's trigger editor saves (`ILivechatTrigger`); the contents are the client's to judge. */
function isTrigger(raw: unknown): boolean {
  const t = raw as Record<string, unknown> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t._id === 'string' &&
    typeof t.name === 'string' &&
    typeof t.enabled === 'boolean' &&
    typeof t.runOnce === 'boolean' &&
    Array.isArray(t.conditions) &&
    Array.isArray(t.actions)
  );
}

/** Returns the accepted partial settings or throws `OperationError` naming the bad key. */
export function parseSettings(partial: unknown): Partial<Settings> {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    throw new OperationError('settings body must be an object');
  }
  const reference = defaultSettings() as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in reference)) throw new OperationError(`unknown setting ${key}`);
    if (!typeOk(key, value, reference[key])) throw new OperationError(`setting ${key} has the wrong type`);
    if (key === 'triggers' && !(value as unknown[]).every(isTrigger)) {
      throw new OperationError('each trigger needs _id, name, enabled, runOnce, conditions [{name, value}], actions');
    }
  }
  return partial as Partial<Settings>;
}
