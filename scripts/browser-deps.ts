/** The real machine behind provisioning: apt-get, Playwright's and Mozilla's downloads, the finders. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findChromium } from './chromium';
import { DOWNLOAD_DIR, DOWNLOADED_FIREFOX, findFirefox, firefoxMajor } from './firefox';
import type { BrowserName, ProvisionDeps } from './provision';

const require = createRequire(import.meta.url);

function run(command: string, args: string[]): Promise<boolean> {
  console.log(`$ ${command} ${args.join(' ')}`);
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.log(`${command}: ${error.message}`);
      resolve(false);
    });
    child.on('exit', (code) => resolve(code === 0));
  });
}

/** Mozilla's current Firefox ESR into DOWNLOAD_DIR; its binary is recorded where findFirefox looks. */
async function downloadFirefox(): Promise<boolean> {
  // Loaded only here: most runs find a browser and never pay for the download tool.
  const { Browser, detectBrowserPlatform, install, resolveBuildId } = await import('@puppeteer/browsers');
  const platform = detectBrowserPlatform();
  if (!platform) return false;
  try {
    const buildId = await resolveBuildId(Browser.FIREFOX, platform, 'esr');
    console.log(`Downloading Firefox ${buildId} into ${DOWNLOAD_DIR}`);
    const installed = await install({ browser: Browser.FIREFOX, buildId, cacheDir: DOWNLOAD_DIR });
    mkdirSync(DOWNLOAD_DIR, { recursive: true });
    writeFileSync(DOWNLOADED_FIREFOX, installed.executablePath);
    return true;
  } catch (error) {
    console.log(`Firefox download failed: ${(error as Error).message}`);
    return false;
  }
}

/** Provisioning's dependencies on this machine. */
export function machineDeps(): ProvisionDeps {
  return {
    find: (name: BrowserName) => (name === 'chromium' ? findChromium() : findFirefox()),
    firefoxMajor,
    osRelease: () => (existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : ''),
    isRoot: process.getuid?.() === 0,
    hasAptLists: () => {
      try {
        return readdirSync('/var/lib/apt/lists').some((file) => file.includes('_Packages'));
      } catch {
        return false;
      }
    },
    run,
    download: (name) =>
      name === 'chromium'
        ? run(process.execPath, [
            join(dirname(require.resolve('playwright-core/package.json')), 'cli.js'),
            'install',
            'chromium',
          ])
        : downloadFirefox(),
    log: (line) => console.log(line),
  };
}
