/**
 * An organization's policy reaches the extension in real Chromium: a `3rdparty` extension policy in
 * /etc/chromium/policies/managed (Linux Chromium's policy folder, read at launch, headless too) sets the desk, locked,
 * and the visitor's name and e-mail, locked. The chat connects to that desk with nothing configured, and the options
 * page says what the organization set instead of offering it. The policy names only this test's copy of the build
 * (an extension id is the hash of its folder), so no other browser on the machine sees it.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver/index';
import { latestRoom, register, roomCount } from './flows';
import { EXTENSION_DIR, launchExtension, type Extension } from './harness';

const POLICY_DIR = '/etc/chromium/policies/managed';
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log(`managed.test.ts skipped: writing a Chromium policy to ${POLICY_DIR} needs root`);

/** Chromium's id for an unpacked extension: the SHA-256 of its absolute path, first 32 hex digits as a–p. */
function unpackedId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

describe.skipIf(!isRoot)('a managed deployment in Chromium', () => {
  let server: DevServer;
  let ext: Extension;
  let dir: string;
  let policyFile: string;

  beforeAll(async () => {
    server = await startDevServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'lqs-managed-'));
    const copy = join(dir, 'extension');
    cpSync(EXTENSION_DIR, copy, { recursive: true });
    mkdirSync(POLICY_DIR, { recursive: true });
    policyFile = join(POLICY_DIR, `lqs-e2e-${process.pid}.json`);
    const policy = {
      deskUrl: server.url,
      allowOtherDesks: false,
      visitorName: 'Ana Staff',
      visitorEmail: 'ana.staff@example.com',
      visitorLocked: true,
    };
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [unpackedId(copy)]: policy } } }));
    ext = await launchExtension(join(dir, 'profile'), copy);
  });

  afterAll(async () => {
    await ext?.close();
    if (policyFile) rmSync(policyFile, { force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  it('connects the chat to the desk the policy sets, with nothing configured', async () => {
    const popup = await ext.open('popup');
    await register(popup);
    await popup.getByRole('textbox', { name: 'Message' }).fill('hello from a managed browser');
    await popup.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect.poll(() => roomCount(server), { timeout: 15_000 }).toBe(1);
    expect(latestRoom(server).messages.some((m) => m.msg === 'hello from a managed browser')).toBe(true);
    await popup.close();
  });

  it('says on the options page what the organization set, and hides the locked fields', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.id}/options.html`);
    await expect
      .poll(() => page.getByRole('note').innerText(), { timeout: 10_000 })
      .toBe('Set by your organization: the support desk, your name and e-mail.');
    expect(await page.getByLabel('Support desk address').count()).toBe(0);
    expect(await page.getByLabel('Your name').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(1);
    await page.close();
  });
});
