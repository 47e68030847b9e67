/** Defensive readers for untrusted server JSON: each returns a safe value of the asked type, never throws. */
import { stripBidi } from '../bidi';

export type Obj = Record<string, unknown>;

/** The value as a plain object, or `{}`. */
export function obj(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

/** The value as an array, or `[]`. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The value as a string, or `''`. Bidi embedding, override and isolate controls are removed on arrival, so no
 * name, title or text the server sends can reorder itself on screen (`gnp.exe` shown as `exe.png`).
 */
export function str(value: unknown): string {
  return typeof value === 'string' ? stripBidi(value) : '';
}

/** The value as a boolean, or `fallback`. */
export function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** The string items of an array, or `fallback` when the value is not an array. */
export function strings(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map(stripBidi) : fallback;
}
