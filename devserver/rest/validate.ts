/** Body/query validation with the error text of Rocket.Chat's ajv validators (SPEC §2.4, R15). */
import { MeteorError } from '../errors';

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';
/** `{name: type}`; a trailing `?` on the type makes the field optional. */
export type Schema = Record<string, `${FieldType}` | `${FieldType}?`>;

function typeOf(value: unknown): FieldType | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as FieldType;
}

/** Throws `invalid-params` ("must have required property 'x'", "must be string") unless `input` fits. */
export function validate<T>(input: Record<string, unknown>, schema: Schema): T {
  for (const [key, spec] of Object.entries(schema)) {
    const optional = spec.endsWith('?');
    const type = spec.replace('?', '') as FieldType;
    const value = input[key];
    if (value === undefined) {
      if (optional) continue;
      throw new MeteorError('invalid-params', `must have required property '${key}'`);
    }
    if (typeOf(value) !== type) throw new MeteorError('invalid-params', `must be ${type}`);
  }
  return input as T;
}

/** Query parameters as a plain object of strings. */
export function queryObject(query: URLSearchParams): Record<string, unknown> {
  return Object.fromEntries(query.entries());
}
