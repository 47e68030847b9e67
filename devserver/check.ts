/**
 * A small imitation of Meteor's `check()`/`Match` (SPEC §1.8): a failed check throws `MatchError`, which DDP
 * reports as `400 Match failed`. Plain-object patterns are exact, as in Meteor: extra keys fail.
 */
import { MatchError } from './errors';

export type Pattern =
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | ObjectConstructor
  | { kind: 'any' }
  | { kind: 'maybe'; of: Pattern }
  | { kind: 'optional'; of: Pattern }
  | { kind: 'including'; of: Record<string, Pattern> }
  | { kind: 'oneOf'; of: Pattern[] }
  | [Pattern]
  | { [key: string]: Pattern };

export const Match = {
  Any: { kind: 'any' } as const,
  Maybe: (of: Pattern): Pattern => ({ kind: 'maybe', of }),
  Optional: (of: Pattern): Pattern => ({ kind: 'optional', of }),
  ObjectIncluding: (of: Record<string, Pattern>): Pattern => ({ kind: 'including', of }),
  OneOf: (...of: Pattern[]): Pattern => ({ kind: 'oneOf', of }),
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function matches(value: unknown, pattern: Pattern): boolean {
  if (pattern === String) return typeof value === 'string';
  if (pattern === Number) return typeof value === 'number' && !Number.isNaN(value);
  if (pattern === Boolean) return typeof value === 'boolean';
  if (pattern === Object) return isPlainObject(value);
  if (Array.isArray(pattern)) {
    const [item] = pattern;
    return Array.isArray(value) && item !== undefined && value.every((v) => matches(v, item));
  }
  if (typeof pattern === 'function') return false;
  if ('kind' in pattern && typeof pattern.kind === 'string') {
    const p = pattern as Exclude<Pattern, Record<string, Pattern>>;
    if (typeof p === 'function' || Array.isArray(p)) return false;
    switch (p.kind) {
      case 'any':
        return true;
      case 'maybe':
      case 'optional':
        return value === undefined || (p.kind === 'maybe' && value === null) || matches(value, p.of);
      case 'oneOf':
        return p.of.some((option) => matches(value, option));
      case 'including':
        return isPlainObject(value) && fieldsMatch(value, p.of, false);
    }
  }
  return isPlainObject(value) && fieldsMatch(value, pattern as Record<string, Pattern>, true);
}

function isOptional(pattern: Pattern): boolean {
  return (
    typeof pattern === 'object' && !Array.isArray(pattern) && (pattern.kind === 'optional' || pattern.kind === 'maybe')
  );
}

function fieldsMatch(value: Record<string, unknown>, shape: Record<string, Pattern>, exact: boolean): boolean {
  for (const [key, sub] of Object.entries(shape)) {
    if (!(key in value) || value[key] === undefined) {
      if (!isOptional(sub)) return false;
      continue;
    }
    if (!matches(value[key], sub)) return false;
  }
  return !exact || Object.keys(value).every((key) => key in shape);
}

/** Throws `MatchError` unless `value` matches `pattern`; narrows the value's type for the caller. */
export function check<T>(value: unknown, pattern: Pattern): asserts value is T {
  if (!matches(value, pattern)) throw new MatchError('Match failed');
}
