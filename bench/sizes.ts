/**
 * Download sizes: each file gzipped at level 9 on its own (every file is its own transfer), summed, in kB
 * (1 000 bytes). Ours from the build's module graph, the official widget from its npm build.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { moduleGraph, type ReadFile } from './module-graph';
import { rcWidgetDir, rcWidgetFirstOpen } from './rc-widget';

const KB = 1000;

/** gzip -9 size of one file, in bytes. */
function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function gzipKb(dir: string, files: string[]): number {
  return files.reduce((sum, file) => sum + gzipBytes(join(dir, file)), 0) / KB;
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** Reads build files by root-relative path. */
function reader(dir: string): ReadFile {
  return (path) => {
    const full = join(dir, path);
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : null;
  };
}

/** The newest `*-chrome.zip` that `wxt zip` left next to the build directory. */
function chromeZip(extensionDir: string): string {
  const outDir = dirname(extensionDir);
  const zips = readdirSync(outDir)
    .filter((name) => name.endsWith('-chrome.zip'))
    .map((name) => join(outDir, name))
    .toSorted((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const zip = zips[0];
  if (!zip) throw new Error(`no *-chrome.zip in ${outDir}: run \`npx wxt zip\` (npm run bench does)`);
  // A zip older than the build would describe another build.
  if (statSync(zip).mtimeMs < statSync(join(extensionDir, 'manifest.json')).mtimeMs) {
    throw new Error(`${zip} is older than the build in ${extensionDir}: run \`npx wxt zip\` again`);
  }
  return zip;
}

export interface SizeReport {
  figures: Record<string, number>;
  /** What was counted, for the console. */
  files: Record<string, string[]>;
}

/** Measures every `size.*` figure of the built extension in `extensionDir` (e.g. `.output/chrome-mv3`). */
export function measureSizes(extensionDir: string): SizeReport {
  const read = reader(extensionDir);
  const manifest = JSON.parse(read('manifest.json') ?? 'null') as {
    background?: { service_worker?: string };
  } | null;
  const worker = manifest?.background?.service_worker;
  if (!worker) throw new Error(`${extensionDir}/manifest.json has no background.service_worker`);

  const popup = moduleGraph(['popup.html'], read);
  const sidepanel = moduleGraph(['sidepanel.html'], read);
  const background = moduleGraph([worker], read);
  const rcDir = rcWidgetDir();
  const rcFiles = rcWidgetFirstOpen(rcDir);

  const popupKb = gzipKb(extensionDir, popup.eager);
  const rcKb = gzipKb(rcDir, rcFiles);
  return {
    figures: {
      'size.popup_js_gzip_kb': round(popupKb),
      'size.lazy_js_gzip_kb': round(gzipKb(extensionDir, popup.lazy)),
      'size.sidepanel_js_gzip_kb': round(gzipKb(extensionDir, sidepanel.eager)),
      'size.background_js_gzip_kb': round(gzipKb(extensionDir, background.eager)),
      'size.zip_kb': round(statSync(chromeZip(extensionDir)).size / KB),
      'size.rc_widget_gzip_kb': round(rcKb),
      'size.ratio_vs_rc_widget': round(popupKb / rcKb, 3),
    },
    files: {
      popup: popup.eager,
      'popup (lazy)': popup.lazy,
      sidepanel: sidepanel.eager,
      background: background.eager,
      'official widget': rcFiles,
    },
  };
}
