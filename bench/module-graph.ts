/**
 * What a built page loads before it can run, read from the build itself rather than globbed (DECISIONS #6):
 * the HTML's scripts and stylesheets, then every chunk those scripts import statically, transitively. Chunks
 * reached only through `import()` (and the stylesheets Vite's preload helper names for them) are lazy.
 */
import { posix } from 'node:path';

/** Reads a build file by its path relative to the build root; returns null when it does not exist. */
export type ReadFile = (path: string) => string | null;

export interface ModuleGraph {
  /** Files loaded before the page is interactive, in discovery order. */
  eager: string[];
  /** Files loaded only on demand (dynamic imports and what they need that is not already eager). */
  lazy: string[];
}

const SCRIPT_SRC = /<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/gi;
const LINK = /<link\b[^>]*>/gi;
const ATTR = (name: string): RegExp => new RegExp(`\\b${name}=["']([^"']+)["']`, 'i');
/** `import{a as b}from"./x.js"`, `import * as x from './x.js'`, `import"./x.js"` — but not `import("./x.js")`. */
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'])([^"']+)\1/g;
const STATIC_REEXPORT = /\bexport\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(["'])([^"']+)\1/g;
const DYNAMIC_IMPORT = /\bimport\(\s*(["'])([^"']+)\1\s*\)/g;
/** Root-relative stylesheet names in string literals: how Vite's `__vite__mapDeps` lists a lazy chunk's CSS. */
const CSS_LITERAL = /(["'])((?:[\w.-]+\/)*[\w.-]+\.css)\1/g;

/** Resolves a URL as written in `from` (a root-relative file path) to a root-relative path; null for bare specifiers. */
export function resolveUrl(from: string, url: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  if (url.startsWith('/')) return posix.normalize(url.slice(1));
  if (url.startsWith('./') || url.startsWith('../')) return posix.normalize(posix.join(posix.dirname(from), url));
  return null;
}

function matches(pattern: RegExp, text: string, group: number): string[] {
  return [...text.matchAll(pattern)].map((m) => m[group] ?? '');
}

/** Scripts and stylesheets an HTML page names (`<script src>`, `<link rel=stylesheet|modulepreload>`). */
export function htmlAssets(html: string): string[] {
  const urls = matches(SCRIPT_SRC, html, 1);
  for (const link of html.match(LINK) ?? []) {
    const rel = ATTR('rel').exec(link)?.[1]?.toLowerCase();
    const href = ATTR('href').exec(link)?.[1];
    if (href && (rel === 'stylesheet' || rel === 'modulepreload')) urls.push(href);
  }
  return urls;
}

/** Static and dynamic import specifiers of a JS module, and stylesheet names it mentions. */
export function scanModule(code: string): { staticImports: string[]; dynamicImports: string[]; cssLiterals: string[] } {
  return {
    staticImports: [...matches(STATIC_IMPORT, code, 2), ...matches(STATIC_REEXPORT, code, 2)],
    dynamicImports: matches(DYNAMIC_IMPORT, code, 2),
    cssLiterals: matches(CSS_LITERAL, code, 2),
  };
}

/**
 * Walks the graph from entry files (root-relative: an HTML page, or a script such as `background.js`).
 * @throws {Error} when an entry or an imported file is missing from the build: a size must never silently shrink.
 */
export function moduleGraph(entries: string[], read: ReadFile): ModuleGraph {
  const eager: string[] = [];
  const lazy: string[] = [];
  const need = (path: string, by: string): string => {
    const text = read(path);
    if (text === null) throw new Error(`${by} loads ${path}, which is not in the build`);
    return text;
  };
  const lazyRoots: Array<{ path: string; by: string }> = [];
  const lazyCss: Array<{ path: string; by: string }> = [];

  const visit = (path: string, by: string, into: string[], seen: Set<string>): void => {
    if (seen.has(path)) return;
    const text = need(path, by);
    seen.add(path);
    into.push(path);
    if (!path.endsWith('.js') && !path.endsWith('.mjs')) return;
    const { staticImports, dynamicImports, cssLiterals } = scanModule(text);
    for (const spec of staticImports) {
      const target = resolveUrl(path, spec);
      if (target) visit(target, path, into, seen);
    }
    for (const spec of dynamicImports) {
      const target = resolveUrl(path, spec);
      if (target) lazyRoots.push({ path: target, by: path });
    }
    for (const css of cssLiterals) if (read(css) !== null) lazyCss.push({ path: css, by: path });
  };

  const eagerSeen = new Set<string>();
  for (const entry of entries) {
    if (!entry.endsWith('.html')) {
      visit(entry, 'the entry list', eager, eagerSeen);
      continue;
    }
    eagerSeen.add(entry);
    for (const url of htmlAssets(need(entry, 'the entry list'))) {
      const target = resolveUrl(entry, url);
      if (target) visit(target, entry, eager, eagerSeen);
    }
  }
  // Whatever the eager files already pulled in costs nothing more when a lazy chunk loads.
  const lazySeen = new Set(eagerSeen);
  for (let i = 0; i < lazyRoots.length; i++) {
    const root = lazyRoots[i];
    if (root) visit(root.path, root.by, lazy, lazySeen);
  }
  for (const css of lazyCss) visit(css.path, css.by, lazy, lazySeen);
  return { eager, lazy };
}
