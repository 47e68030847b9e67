import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** Where Debian's `apt-get install chromium` puts its launcher; checked before searching PATH. */
const WELL_KNOWN = ['/usr/bin/chromium'];
/** Browser names searched for on PATH, in order of preference. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Overrides for tests; the defaults are the real environment. */
export interface FindChromiumOptions {
  env?: NodeJS.ProcessEnv;
  wellKnown?: readonly string[];
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds a Chromium (or Chrome) binary: `CHROMIUM_PATH` if set, then /usr/bin/chromium, then
 * chromium, chromium-browser, google-chrome and google-chrome-stable on PATH.
 * Returns null when none is found. A `CHROMIUM_PATH` that is not an executable file throws
 * rather than being skipped, so a typo never silently picks another browser or skips a test.
 */
export function findChromium(options: FindChromiumOptions = {}): string | null {
  const env = options.env ?? process.env;
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) {
    if (isExecutableFile(explicit)) return explicit;
    throw new Error(`CHROMIUM_PATH=${explicit} is not an executable file`);
  }
  for (const path of options.wellKnown ?? WELL_KNOWN) {
    if (isExecutableFile(path)) return path;
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutableFile(path)) return path;
    }
  }
  return null;
}

/**
 * The standard Chromium arguments that load the unpacked extension in `extDir` (and no other
 * extension) into a quiet profile: no first-run UI, no sync, no background traffic to Google.
 * `--no-sandbox` is added when running as root, where Chromium refuses to start otherwise.
 * The profile directory is left to the caller (Playwright's launchPersistentContext rejects
 * `--user-data-dir` in args).
 */
export function extensionArgs(extDir: string, isRoot = process.getuid?.() === 0): string[] {
  const dir = resolve(extDir);
  return [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}
