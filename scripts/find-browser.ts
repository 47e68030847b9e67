/** Finds a browser binary the way every script and test here does: an env override, known paths, PATH, downloads. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where to look for one browser. */
export interface BrowserSpec {
  /** The env variable that names the binary explicitly (e.g. CHROMIUM_PATH). */
  envVar: string;
  /** Absolute paths checked before PATH (where the system package puts its launcher). */
  wellKnown: readonly string[];
  /** Names searched for on PATH, in order of preference. */
  names: readonly string[];
}

/** Overrides for tests; the defaults are the real environment. */
export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  wellKnown?: readonly string[];
  /** Paths of browsers a previous provisioning run downloaded, checked after PATH. */
  downloaded?: readonly string[];
}

/** True for an existing regular file this process may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser's binary: the env override if set, then the well-known paths, then each name on PATH (by name
 * preference, then PATH order), then the downloaded copies; null when none exists. An env override that is not an
 * executable file throws rather than being skipped, so a typo never silently picks another browser.
 */
export function findBrowser(
  spec: BrowserSpec,
  options: FindOptions & { downloaded: readonly string[] },
): string | null {
  const env = options.env ?? process.env;
  const explicit = env[spec.envVar]?.trim();
  if (explicit) {
    if (isExecutableFile(explicit)) return explicit;
    throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
  }
  for (const path of options.wellKnown ?? spec.wellKnown) {
    if (isExecutableFile(path)) return path;
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of spec.names) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutableFile(path)) return path;
    }
  }
  return options.downloaded.find(isExecutableFile) ?? null;
}
