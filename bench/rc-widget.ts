/**
 * What the official widget (`@rocket.chat/livechat`, webpack build) makes a visitor's browser download when it
 * opens: the loader a site embeds, the scripts of the widget's `index.html`, and the chunks (JS and CSS) its entry
 * requests unconditionally at boot. The route screens it loads later on demand are left out, so the figure errs
 * on the small side for the official widget.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { htmlAssets } from './module-graph';

/** The script a site embeds to get the widget (it creates the widget's iframe). */
const LOADER = 'rocketchat-livechat.min.js';

/** The widget's build directory inside node_modules. */
export function rcWidgetDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@rocket.chat/livechat/package.json')), 'build');
}

/** Chunk ids the webpack entry loads before its first render: `Promise.all([r.e(4),r.e(5)])` and the like. */
export function bootChunkIds(entryCode: string): number[] {
  // The runtime defines `a.e=function…`; only calls with a literal id are requests.
  return [...new Set([...entryCode.matchAll(/\b[\w$]\.e\((\d+)\)/g)].map((m) => Number(m[1])))];
}

/** Webpack's public path (`a.p="livechat/"`): how `index.html` and the runtime prefix file names. */
export function publicPath(entryCode: string): string {
  return /\b[\w$]\.p\s*=\s*"([^"]*)"/.exec(entryCode)?.[1] ?? '';
}

/**
 * The files of the first open, relative to the build directory.
 * @throws {Error} when the build no longer has the shape this reads (so the figure is never silently wrong).
 */
export function rcWidgetFirstOpen(dir = rcWidgetDir()): string[] {
  const files = readdirSync(dir);
  const scripts = htmlAssets(readFileSync(join(dir, 'index.html'), 'utf8'));
  const entryName = scripts.at(-1);
  if (!entryName) throw new Error(`${dir}/index.html names no script`);
  const prefix = publicPath(readFileSync(join(dir, entryName.replace(/^.*\//, '')), 'utf8'));
  const strip = (url: string): string => (prefix && url.startsWith(prefix) ? url.slice(prefix.length) : url);
  const entry = strip(entryName);
  const boot = bootChunkIds(readFileSync(join(dir, entry), 'utf8'));
  if (boot.length === 0) throw new Error(`${entry} requests no chunk at boot: the widget's build changed shape`);
  const chunks = boot.flatMap((id) => {
    const own = files.filter((name) => new RegExp(`^${id}\\.chunk\\.[0-9a-f]+\\.(js|css)$`).test(name));
    if (!own.some((name) => name.endsWith('.js'))) throw new Error(`chunk ${id} of ${entry} is not in ${dir}`);
    return own.toSorted();
  });
  const all = [LOADER, ...scripts.map(strip), ...chunks];
  for (const name of all) if (!files.includes(name)) throw new Error(`${name} is not in ${dir}`);
  return all;
}
