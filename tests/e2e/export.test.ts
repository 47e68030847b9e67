/**
 * Issue 11 §3: the visitor downloads the current conversation from the chat's menu, as a web page and as text,
 * made in the popup from what the extension holds (a Blob URL and `<a download>`, no `downloads` permission).
 * Each file has every message once, in order, and the web page loads and runs nothing.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { send, serverTexts, startConversation, type Opened } from './flows';

const LINES = ['hello', 'my order <b>#4821</b> is late', 'let me check', 'it ships today', 'thanks!'];

async function download(popup: Page, item: string): Promise<{ name: string; body: string }> {
  await popup.getByRole('button', { name: 'Chat options' }).click();
  const [file] = await Promise.all([
    popup.waitForEvent('download', { timeout: 15_000 }),
    popup.getByRole('menuitem', { name: item }).click(),
  ]);
  return { name: file.suggestedFilename(), body: await readFile((await file.path()) ?? '', 'utf8') };
}

const positions = (body: string, lines: string[]) => lines.map((line) => body.indexOf(line));

describe('a copy of the conversation', () => {
  const opened: Opened = {};
  afterEach(async () => {
    await opened.ext?.close();
    await opened.server?.close();
  });

  it('downloads from the popup as a web page and as text, every message once and in order', async () => {
    const { server, rid, popup } = await startConversation(opened, {
      profile: 'v8',
      settings: { title: 'Acme Support', color: '#4f46e5' },
    });
    await send(popup, LINES[1]!);
    await expect.poll(() => serverTexts(server, rid).includes(LINES[1]!), { timeout: 15_000 }).toBe(true);
    server.control.say(rid, { text: LINES[2]! });
    server.control.say(rid, { text: LINES[3]! });
    await expect.poll(() => popup.getByText(LINES[3]!).count(), { timeout: 15_000 }).toBe(1);
    await send(popup, LINES[4]!);
    await expect.poll(() => serverTexts(server, rid).includes(LINES[4]!), { timeout: 15_000 }).toBe(true);

    const page = await download(popup, 'Download conversation (web page)');
    expect(page.name).toMatch(/^acme-support-\d{4}-\d{2}-\d{2}-\d{4}\.html$/);
    const escaped = LINES.map((line) => line.replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
    const at = positions(page.body, escaped);
    expect(at.every((index) => index > 0)).toBe(true);
    expect(at).toEqual(at.toSorted((a, b) => a - b));
    for (const line of escaped) expect(page.body.split(line)).toHaveLength(2);
    expect(page.body).toContain('Maria Souza');
    expect(page.body).toContain('#4f46e5');
    expect(page.body).not.toMatch(/<script|<img|<b>#4821/i);

    const text = await download(popup, 'Download conversation (text)');
    expect(text.name).toMatch(/\.txt$/);
    const inText = positions(text.body, LINES);
    expect(inText.every((index) => index > 0)).toBe(true);
    expect(inText).toEqual(inText.toSorted((a, b) => a - b));
    for (const line of LINES) expect(text.body.split(line)).toHaveLength(2);
  });
});
