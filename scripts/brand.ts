/**
 * Branded builds: one `brand.json` (name, short name, description, SVG icon, accent colour, desk address, default
 * locale, Firefox add-on id) turns the stock extension into an organization's own. `LQS_BRAND=brands/example wxt
 * zip` reads it through wxt.config.ts. Every field is checked here so a typo fails the build with its name, never
 * ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isLoopbackHost } from '../lib/cleartext';

/** The locale folders the extension ships (lib/ui/i18n.ts LOCALES). */
const SHIPPED_LOCALES = ['en', 'pt_BR', 'de'];
/** Icon sizes the manifest and the stores use. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

export interface Brand {
  /** The folder brand.json is in; the icon path is relative to it. */
  dir: string;
  /** A file-name-safe id for output folders and zips: the brand folder's name. */
  slug: string;
  name: string;
  shortName: string;
  description: string;
  /** Absolute path of the SVG icon. */
  icon: string;
  colors: { accent: string };
  deskUrl: string;
  /** False: the build keeps the visitor on `deskUrl` (no other desks, no switcher). Optional, default true. */
  allowOtherDesks: boolean;
  defaultLocale: string;
  firefoxId: string;
}

/**
 * Refuses a baked-in desk that would talk in clear text: https:// everywhere, http:// only to this machine
 * (development). Returns the address's origin. `source` names where the address came from, for the error.
 */
export function checkDeskUrl(url: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${source}: "${url}" is not a web address`);
  }
  if (parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed.origin;
  if (parsed.protocol === 'http:') {
    throw new Error(
      `${source}: ${url} would send visitors' messages unencrypted; use https:// (http:// is only for localhost)`,
    );
  }
  throw new Error(`${source}: ${url} must be an https:// address`);
}

function field(raw: Record<string, unknown>, key: string, file: string, max = 200): string {
  const value = raw[key];
  if (typeof value !== 'string' || !value.trim()) throw new Error(`${file}: "${key}" must be a non-empty string`);
  if (value.length > max) throw new Error(`${file}: "${key}" is longer than ${max} characters`);
  return value.trim();
}

/** Reads and checks `<dir>/brand.json`; throws with the file and field named on any mistake. */
export function readBrand(dir: string): Brand {
  const root = resolve(dir);
  const file = join(root, 'brand.json');
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
  if (!raw || typeof raw !== 'object') throw new Error(`${file}: must hold a JSON object`);
  // Chrome's store limits: name 75 characters, short name 12, description 132.
  const name = field(raw, 'name', file, 75);
  const shortName = field(raw, 'shortName', file, 12);
  const description = field(raw, 'description', file, 132);
  const icon = join(root, field(raw, 'icon', file));
  if (!icon.endsWith('.svg') || !existsSync(icon)) throw new Error(`${file}: "icon" must name an SVG file beside it`);
  const colors = (raw.colors ?? {}) as Record<string, unknown>;
  const accent = field(colors, 'accent', `${file} colors`);
  if (!/^#[0-9a-f]{6}$/i.test(accent)) throw new Error(`${file}: colors.accent must be a #rrggbb colour`);
  const deskUrl = field(raw, 'deskUrl', file, 2048);
  checkDeskUrl(deskUrl, `${file} deskUrl`);
  if (raw.allowOtherDesks !== undefined && typeof raw.allowOtherDesks !== 'boolean') {
    throw new Error(`${file}: allowOtherDesks must be true or false`);
  }
  const allowOtherDesks = raw.allowOtherDesks !== false;
  const defaultLocale = field(raw, 'defaultLocale', file);
  if (!SHIPPED_LOCALES.includes(defaultLocale)) {
    throw new Error(`${file}: defaultLocale must be one of ${SHIPPED_LOCALES.join(', ')}`);
  }
  const firefoxId = field(raw, 'firefoxId', file);
  // AMO accepts an e-mail-like id or a {GUID}.
  if (!/^[\w.+-]+@[\w.-]+$|^\{[0-9a-f-]{36}\}$/i.test(firefoxId)) {
    throw new Error(`${file}: firefoxId must look like name@example.com or a {GUID}`);
  }
  const slug = root.split(/[\\/]/).at(-1) ?? 'brand';
  return {
    dir: root,
    slug,
    name,
    shortName,
    description,
    icon,
    colors: { accent },
    deskUrl,
    allowOtherDesks,
    defaultLocale,
    firefoxId,
  };
}

/**
 * The brand's texts in one shipped locale file: name, short name and description replace the stock ones (the
 * manifest and every page read them through `__MSG_…__` and `t()`), the rest stays translated.
 */
export function brandedMessages(messages: Record<string, { message: string }>, brand: Brand): string {
  return `${JSON.stringify(
    {
      ...messages,
      extName: { ...messages.extName, message: brand.name },
      extShortName: { message: brand.shortName },
      extDescription: { ...messages.extDescription, message: brand.description },
    },
    null,
    2,
  )}\n`;
}
