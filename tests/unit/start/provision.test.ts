import { describe, expect, it } from 'vitest';
import { isDebianLike, provision, type BrowserName, type ProvisionDeps } from '../../../scripts/provision';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

interface Machine {
  installed: Partial<Record<BrowserName, string>>;
  firefoxVersion?: number;
  osRelease?: string;
  isRoot?: boolean;
  aptLists?: boolean;
  /** What apt-get install puts on the machine (nothing when the mirror fails). */
  aptGives?: Partial<Record<BrowserName, string>>;
  /** apt-get install fails until `apt-get update` ran this many times. */
  aptNeedsUpdates?: number;
  downloadGives?: Partial<Record<BrowserName, string>>;
}

/** A fake machine: records every command and download, and installs what apt or the download would. */
function fakeMachine(machine: Machine) {
  const commands: string[] = [];
  const log: string[] = [];
  let updates = 0;
  const installed = { ...machine.installed };
  let firefoxVersion = machine.firefoxVersion ?? 153;
  const deps: ProvisionDeps = {
    find: (name) => installed[name] ?? null,
    firefoxMajor: () => firefoxVersion,
    osRelease: () => machine.osRelease ?? DEBIAN,
    isRoot: machine.isRoot ?? true,
    hasAptLists: () => machine.aptLists ?? true,
    async run(command, args) {
      commands.push(`${command} ${args.join(' ')}`);
      if (args[0] === 'update') {
        updates += 1;
        return true;
      }
      if (updates < (machine.aptNeedsUpdates ?? 0)) return false;
      for (const [name, path] of Object.entries(machine.aptGives ?? {})) {
        if (args.includes(name === 'chromium' ? 'chromium' : 'firefox-esr')) {
          installed[name as BrowserName] = path;
          if (name === 'firefox') firefoxVersion = 153;
        }
      }
      return true;
    },
    async download(name) {
      commands.push(`download ${name}`);
      const path = machine.downloadGives?.[name];
      if (!path) return false;
      installed[name] = path;
      if (name === 'firefox') firefoxVersion = 153;
      return true;
    },
    log: (line) => log.push(line),
  };
  return { deps, commands, log };
}

const BOTH: BrowserName[] = ['chromium', 'firefox'];
const APT_BOTH = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };

describe('provision', () => {
  it('does nothing when both browsers are there', async () => {
    const { deps, commands } = fakeMachine({ installed: APT_BOTH });
    expect(await provision(BOTH, deps)).toEqual({ ok: true, paths: APT_BOTH });
    expect(commands).toEqual([]);
  });

  it('installs both with apt-get on Debian as root, updating the lists of a fresh machine first', async () => {
    const { deps, commands, log } = fakeMachine({ installed: {}, aptLists: false, aptGives: APT_BOTH });
    expect(await provision(BOTH, deps)).toEqual({ ok: true, paths: APT_BOTH });
    expect(commands).toEqual(['apt-get update', 'apt-get install -y chromium firefox-esr']);
    expect(log).toEqual(['Installing Chromium and Firefox ESR 142+ with apt-get']);
  });

  it('installs only what is missing, without an update when lists exist', async () => {
    const { deps, commands } = fakeMachine({
      installed: { chromium: '/usr/bin/chromium' },
      osRelease: UBUNTU,
      aptGives: APT_BOTH,
    });
    expect((await provision(BOTH, deps)).ok).toBe(true);
    expect(commands).toEqual(['apt-get install -y firefox-esr']);
  });

  it('refreshes stale lists once when apt-get install fails', async () => {
    const { deps, commands } = fakeMachine({ installed: {}, aptGives: APT_BOTH, aptNeedsUpdates: 1 });
    expect((await provision(BOTH, deps)).ok).toBe(true);
    expect(commands).toEqual([
      'apt-get install -y chromium firefox-esr',
      'apt-get update',
      'apt-get install -y chromium firefox-esr',
    ]);
  });

  it('upgrades a Firefox ESR too old for the manifest', async () => {
    const { deps, commands } = fakeMachine({ installed: APT_BOTH, firefoxVersion: 140, aptGives: APT_BOTH });
    expect((await provision(BOTH, deps)).ok).toBe(true);
    expect(commands).toEqual(['apt-get install -y firefox-esr']);
  });

  it("falls back to the vendors' downloads when not root, and when apt-get does not help", async () => {
    const downloadGives = { chromium: '/home/me/.cache/chrome', firefox: '/home/me/.cache/firefox' };
    const notRoot = fakeMachine({ installed: {}, isRoot: false, downloadGives });
    expect(await provision(BOTH, notRoot.deps)).toEqual({ ok: true, paths: downloadGives });
    expect(notRoot.commands).toEqual(['download chromium', 'download firefox']);

    const aptFails = fakeMachine({ installed: {}, osRelease: MINT, aptGives: {}, downloadGives });
    expect((await provision(BOTH, aptFails.deps)).ok).toBe(true);
    expect(aptFails.commands.at(-2)).toBe('download chromium');
  });

  it('downloads on other systems without trying apt-get', async () => {
    const { deps, commands } = fakeMachine({
      installed: {},
      osRelease: FEDORA,
      downloadGives: { chromium: '/c', firefox: '/f' },
    });
    expect((await provision(BOTH, deps)).ok).toBe(true);
    expect(commands).toEqual(['download chromium', 'download firefox']);
  });

  it('fails with one line naming what to install when nothing works, instead of skipping', async () => {
    const debian = fakeMachine({ installed: { chromium: '/usr/bin/chromium' }, isRoot: false });
    expect(await provision(BOTH, debian.deps)).toEqual({
      ok: false,
      message:
        'Firefox ESR 142+ is not installed: run `sudo apt-get install -y firefox-esr`, or point FIREFOX_PATH at one.',
    });
    const fedora = fakeMachine({ installed: {}, osRelease: FEDORA });
    const result = await provision(BOTH, fedora.deps);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Chromium is not installed; .*: install Chromium and Firefox ESR/);
    expect(!result.ok && result.message).not.toContain('\n');
  });

  it('asks only for the browsers it was given', async () => {
    const { deps, commands } = fakeMachine({ installed: { chromium: '/usr/bin/chromium' } });
    expect(await provision(['chromium'], deps)).toEqual({ ok: true, paths: { chromium: '/usr/bin/chromium' } });
    expect(commands).toEqual([]);
  });
});

describe('isDebianLike', () => {
  it('recognises Debian, Ubuntu and derivatives by ID or ID_LIKE', () => {
    expect([DEBIAN, UBUNTU, MINT, FEDORA, ''].map(isDebianLike)).toEqual([true, true, true, false, false]);
  });
});
