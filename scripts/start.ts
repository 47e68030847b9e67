/**
 * `npm start`: the devserver, an extension build pointed at it, and Chromium with that build
 * loaded, showing the agent console in a tab and the chat in a popup-sized window. Ctrl-C (or closing Chromium) stops it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '../devserver/index';
import { machineDeps } from './browser-deps';
import { extensionArgs } from './chromium';
import { openWindow, readDevToolsPort, waitForExtensionId } from './devtools';
import { provision } from './provision';
import { readStartOptions } from './start-options';

const root = fileURLToPath(new URL('..', import.meta.url));
const extDir = join(root, '.output', 'chrome-mv3');
const profileDir = join(root, '.tmp', 'chromium-profile');
const logFile = join(root, '.tmp', 'chromium.log');
const STARTUP_TIMEOUT_MS = 30_000;
/** The toolbar popup's 380×560 (components/chat.css) plus a window's frame: the chat as a visitor meets it. */
const POPUP_SIZE = { width: 400, height: 660 };

const children = new Set<ChildProcess>();
let server: { close(): unknown } | undefined;
let stopping = false;

/** Stops the children, then the devserver; a second Ctrl-C while this runs exits at once. */
async function stop(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }),
  );
  await server?.close();
  process.exit(code);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  children.add(child);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${basename(command)} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function launchChromium(chromium: string, agentUrl: string): Promise<void> {
  mkdirSync(profileDir, { recursive: true });
  rmSync(join(profileDir, 'DevToolsActivePort'), { force: true });
  const log = openSync(logFile, 'w');
  const args = [...extensionArgs(extDir), `--user-data-dir=${profileDir}`, '--remote-debugging-port=0'];
  const child = spawn(chromium, [...args, agentUrl], { stdio: ['ignore', log, log] });
  closeSync(log);
  children.add(child);
  const gone = new AbortController();
  child.on('error', (error) => {
    gone.abort();
    console.error(`Could not start ${chromium}: ${error.message}`);
    void stop(1);
  });
  child.on('exit', (code, signal) => {
    gone.abort();
    if (stopping) return;
    console.log(`Chromium exited (${signal ?? `exit ${code}`}, log: ${logFile}); stopping.`);
    void stop(code === 0 ? 0 : 1);
  });

  const port = await readDevToolsPort(profileDir, STARTUP_TIMEOUT_MS, gone.signal);
  if (gone.signal.aborted) return;
  if (port === null) {
    console.log(`Chromium gave no DevTools port (log: ${logFile}); open the popup from the toolbar.`);
    return;
  }
  const id = await waitForExtensionId(port, STARTUP_TIMEOUT_MS, gone.signal);
  if (gone.signal.aborted) return;
  if (id === null) {
    console.log(`Chromium is up, but the extension's worker was not seen (log: ${logFile}).`);
    return;
  }
  const popup = `chrome-extension://${id}/popup.html`;
  try {
    await openWindow(port, popup, POPUP_SIZE);
  } catch (error) {
    console.log(`${(error as Error).message}; open ${popup} by hand.`);
  }
  console.log(`Chromium is up with the extension ${id}. Ctrl-C stops everything.`);
}

async function main(): Promise<void> {
  const options = readStartOptions(process.env);
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  // Without a display no browser is launched, so none is installed either.
  const browser = hasDisplay ? await provision(['chromium'], machineDeps()) : null;
  const chromium = browser?.ok ? (browser.paths.chromium ?? null) : null;

  const devserver = await startDevServer(options);
  server = devserver;
  const agentUrl = `${devserver.url}/agent`;
  console.log(`devserver (profile ${devserver.profile}) listening at ${devserver.url}`);

  await run(join(root, 'node_modules', '.bin', 'wxt'), ['build'], {
    ...process.env,
    LQS_SERVER_URL: devserver.url,
  });
  if (stopping) return;

  if (chromium) return launchChromium(chromium, agentUrl);
  if (browser && !browser.ok) {
    console.log(`${browser.message} Or load the folder below as an unpacked extension in any Chrome.`);
  } else {
    console.log('No display (DISPLAY and WAYLAND_DISPLAY are unset), so Chromium is not launched.');
  }
  console.log(`Agent console:      ${agentUrl}`);
  console.log(`Unpacked extension: ${relative(process.cwd(), extDir) || extDir}`);
  console.log('The devserver keeps running; Ctrl-C stops it.');
}

// Stopping on request is a clean exit, so npm reports no failure.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

main().catch((error: unknown) => {
  // A failure caused by Ctrl-C (the build killed, say) is not news.
  if (stopping) return;
  const message = error instanceof Error ? error.message : String(error);
  const inUse = (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
  console.error(`npm start: ${message}${inUse ? ' (set DEVSERVER_PORT to another port)' : ''}`);
  void stop(1);
});
