/**
 * Makes sure the browsers the tests (and `npm start`) drive are installed, installing them the way the machine
 * does: apt-get on Debian/Ubuntu as root, otherwise the browser vendors' own downloads (Playwright's Chromium,
 * Mozilla's Firefox ESR through @puppeteer/browsers). What cannot be installed ends in one line saying what to
 * install, never in a silently skipped test.
 */
import { MIN_FIREFOX } from './firefox';

export type BrowserName = 'chromium' | 'firefox';

/** Everything provisioning touches, injected so the decisions are tested without a machine to change. */
export interface ProvisionDeps {
  /** The browser's binary, or null. */
  find(name: BrowserName): string | null;
  /** The Firefox binary's major version, or null if it cannot tell. */
  firefoxMajor(path: string): number | null;
  /** The text of /etc/os-release ('' when absent). */
  osRelease(): string;
  isRoot: boolean;
  /** Whether apt has package lists (a fresh container has none until `apt-get update`). */
  hasAptLists(): boolean;
  /** Runs a command with output shown; resolves true when it exits 0. */
  run(command: string, args: string[]): Promise<boolean>;
  /** Downloads the browser with its vendor's tool; resolves true when it worked. */
  download(name: BrowserName): Promise<boolean>;
  log(line: string): void;
}

export type ProvisionResult =
  { ok: true; paths: Partial<Record<BrowserName, string>> } | { ok: false; message: string };

const APT_PACKAGE: Record<BrowserName, string> = { chromium: 'chromium', firefox: 'firefox-esr' };
const LABEL: Record<BrowserName, string> = { chromium: 'Chromium', firefox: `Firefox ESR ${MIN_FIREFOX}+` };

/** True for Debian, Ubuntu and their derivatives (ID or ID_LIKE in os-release). */
export function isDebianLike(osRelease: string): boolean {
  return /^(ID|ID_LIKE)="?[^"\n]*\b(debian|ubuntu)\b/m.test(osRelease);
}

/** Why a browser is not usable yet, or null when it is (Firefox must be recent enough for the manifest). */
function problem(name: BrowserName, deps: ProvisionDeps): string | null {
  const path = deps.find(name);
  if (!path) return `${LABEL[name]} is not installed`;
  if (name !== 'firefox') return null;
  const major = deps.firefoxMajor(path);
  if (major === null) return `${path} does not report a Firefox version`;
  return major < MIN_FIREFOX ? `${path} is Firefox ${major}, older than ${MIN_FIREFOX}` : null;
}

function missing(wanted: readonly BrowserName[], deps: ProvisionDeps): BrowserName[] {
  return wanted.filter((name) => problem(name, deps) !== null);
}

async function aptInstall(names: BrowserName[], deps: ProvisionDeps): Promise<void> {
  const install = ['install', '-y', ...names.map((name) => APT_PACKAGE[name])];
  if (!deps.hasAptLists()) await deps.run('apt-get', ['update']);
  if (await deps.run('apt-get', install)) return;
  // Stale lists name versions the mirror no longer has: refresh them once and try again.
  if (await deps.run('apt-get', ['update'])) await deps.run('apt-get', install);
}

/**
 * Finds each wanted browser, installing what is missing or too old. Resolves with every browser's path, or with a
 * one-line message naming what is still missing and how to install it.
 */
export async function provision(wanted: readonly BrowserName[], deps: ProvisionDeps): Promise<ProvisionResult> {
  let todo = missing(wanted, deps);
  const debian = isDebianLike(deps.osRelease());
  if (todo.length > 0 && debian && deps.isRoot) {
    deps.log(`Installing ${todo.map((name) => LABEL[name]).join(' and ')} with apt-get`);
    await aptInstall(todo, deps);
    todo = missing(wanted, deps);
  }
  for (const name of todo) {
    deps.log(`Downloading ${LABEL[name]} (${problem(name, deps)})`);
    if (!(await deps.download(name))) deps.log(`Could not download ${LABEL[name]}`);
  }
  todo = missing(wanted, deps);
  if (todo.length > 0) {
    const why = todo.map((name) => problem(name, deps)).join('; ');
    const how = debian
      ? `run \`sudo apt-get install -y ${todo.map((name) => APT_PACKAGE[name]).join(' ')}\``
      : `install ${todo.map((name) => LABEL[name]).join(' and ')}`;
    const env = todo.map((name) => (name === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH')).join(' / ');
    return { ok: false, message: `${why}: ${how}, or point ${env} at one.` };
  }
  const paths: Partial<Record<BrowserName, string>> = {};
  for (const name of wanted) paths[name] = deps.find(name) ?? undefined;
  return { ok: true, paths };
}
