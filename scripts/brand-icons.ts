/**
 * Renders a brand's SVG icon to the PNG sizes the manifest names, with resvg compiled to WebAssembly (shipped in
 * the npm package: no native tool, no network).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

let ready: Promise<void> | null = null;

function init(): Promise<void> {
  const require = createRequire(import.meta.url);
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return ready;
}

/** Writes `<outDir>/<size>.png` for each size and returns the paths by size. */
export async function renderIcons(
  svgPath: string,
  sizes: readonly number[],
  outDir: string,
): Promise<Map<number, string>> {
  await init();
  const svg = readFileSync(svgPath, 'utf8');
  mkdirSync(outDir, { recursive: true });
  const written = new Map<number, string>();
  for (const size of sizes) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
    const path = join(outDir, `${size}.png`);
    writeFileSync(path, png);
    written.set(size, path);
  }
  return written;
}
