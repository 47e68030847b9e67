import { describe, expect, it } from 'vitest';
import { htmlAssets, moduleGraph, resolveUrl, scanModule } from '../../../bench/module-graph';

/** A build shaped like Vite's output for popup.html: entry, preloaded shared chunks, CSS, lazy chunks. */
const BUILD: Record<string, string> = {
  'popup.html': `<!DOCTYPE html><html><head>
    <script type="module" crossorigin src="/chunks/popup-A.js"></script>
    <link rel="modulepreload" crossorigin href="/chunks/theme-B.js">
    <link rel="stylesheet" crossorigin href="/assets/theme-C.css">
    <link rel="icon" href="/icon/16.png">
  </head><body><div id="app"></div></body></html>`,
  'chunks/popup-A.js': 'import{b as e}from"./theme-B.js";import{m as i}from"./mount-D.js";i(e);',
  'chunks/theme-B.js': 'const b=1;export{b};',
  'chunks/mount-D.js': [
    'import"./side-effect-E.js";export*from"./reexport-F.js";',
    'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["chunks/Markdown-G.js","chunks/theme-B.js","assets/markdown-H.css"])))=>i.map(i=>d[i]);',
    'const load=()=>__vitePreload(()=>import("./Markdown-G.js"),__vite__mapDeps([0,1,2]));',
    'const text="not/a/file.css";export{load as m};',
  ].join(''),
  'chunks/side-effect-E.js': 'console.log(1);',
  'chunks/reexport-F.js': 'export const f=1;',
  'chunks/Markdown-G.js':
    'import{b}from"./theme-B.js";import{p}from"./parser-I.js";export const M=()=>import("./emoji-J.js");',
  'chunks/parser-I.js': 'export const p=2;',
  'chunks/emoji-J.js': 'export const e=3;',
  'assets/theme-C.css': 'body{}',
  'assets/markdown-H.css': 'p{}',
  'background.js': '(function(){self.x=1})();',
};

const read = (path: string): string | null => BUILD[path] ?? null;
const noCss = (path: string): string | null => (path === 'assets/theme-C.css' ? null : read(path));
const noChunk = (path: string): string | null => (path === 'chunks/parser-I.js' ? null : read(path));

describe('moduleGraph', () => {
  it('counts the HTML’s scripts and stylesheets and every chunk they import statically, transitively', () => {
    const graph = moduleGraph(['popup.html'], read);
    expect(graph.eager).toEqual([
      'chunks/popup-A.js',
      'chunks/theme-B.js',
      'chunks/mount-D.js',
      'chunks/side-effect-E.js',
      'chunks/reexport-F.js',
      'assets/theme-C.css',
    ]);
  });

  it('reports dynamically imported chunks, what only they import, and their preload CSS as lazy', () => {
    const graph = moduleGraph(['popup.html'], read);
    expect(graph.lazy).toEqual([
      'chunks/Markdown-G.js',
      'chunks/parser-I.js',
      'chunks/emoji-J.js',
      'assets/markdown-H.css',
    ]);
    // The shared chunk is already loaded: a lazy chunk that imports it adds nothing.
    expect(graph.lazy).not.toContain('chunks/theme-B.js');
  });

  it('walks a script entry such as the background worker', () => {
    expect(moduleGraph(['background.js'], read)).toEqual({ eager: ['background.js'], lazy: [] });
  });

  it('fails loudly when the page names a file the build lacks', () => {
    expect(() => moduleGraph(['popup.html'], noCss)).toThrow(
      'popup.html loads assets/theme-C.css, which is not in the build',
    );
    expect(() => moduleGraph(['popup.html'], noChunk)).toThrow('chunks/Markdown-G.js loads chunks/parser-I.js');
    expect(() => moduleGraph(['missing.html'], read)).toThrow('missing.html');
  });
});

describe('the pieces', () => {
  it('reads scripts, stylesheets and module preloads from HTML, and nothing else', () => {
    expect(htmlAssets(BUILD['popup.html'] ?? '')).toEqual([
      '/chunks/popup-A.js',
      '/chunks/theme-B.js',
      '/assets/theme-C.css',
    ]);
  });

  it('tells static imports from dynamic ones', () => {
    const scan = scanModule(
      'import{a}from"./a.js";import * as b from \'./b.js\';const c=import("./c.js");export{d}from"./d.js";',
    );
    expect(scan.staticImports).toEqual(['./a.js', './b.js', './d.js']);
    expect(scan.dynamicImports).toEqual(['./c.js']);
  });

  it('resolves root-relative and relative URLs and ignores bare and absolute ones', () => {
    expect(resolveUrl('popup.html', '/chunks/a.js')).toBe('chunks/a.js');
    expect(resolveUrl('chunks/a.js', './b.js')).toBe('chunks/b.js');
    expect(resolveUrl('chunks/a.js', '../assets/c.css')).toBe('assets/c.css');
    expect(resolveUrl('chunks/a.js', 'preact')).toBeNull();
    expect(resolveUrl('popup.html', 'https://cdn.example.com/x.js')).toBeNull();
  });
});
