/**
 * What the popup loads before it is interactive (issue 12), read from the build the other e2e suites use
 * (`wxt build` first): parts the first screen does not show stay out of it, and so does a polyfill Chromium's MV3
 * APIs do not need.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { moduleGraph, type ReadFile } from '../../bench/module-graph';

const BUILD = '.output/chrome-mv3';
const read: ReadFile = (path) => {
  const full = join(BUILD, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : null;
};
const text = (files: string[]): string => files.map((file) => read(file) ?? '').join('\n');

it('keeps the file preview out of the popup’s eager files, and loads it on demand', () => {
  const popup = moduleGraph(['popup.html'], read);
  expect(text(popup.eager)).not.toContain('lqs-file__thumb');
  expect(text(popup.lazy)).toContain('lqs-file__thumb');
});

it('ships no webextension-polyfill in the popup or the worker', () => {
  const manifest = JSON.parse(read('manifest.json') ?? 'null') as { background: { service_worker: string } };
  const files = [
    ...moduleGraph(['popup.html'], read).eager,
    ...moduleGraph([manifest.background.service_worker], read).eager,
  ];
  expect(text(files)).not.toContain('This script should only be loaded in a browser extension');
});
