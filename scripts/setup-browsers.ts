/**
 * `tsx scripts/setup-browsers.ts chromium firefox`: finds or installs the named browsers (see provision.ts) before
 * the tests run; exits 1 with one line saying what to install when it cannot.
 */
import { machineDeps } from './browser-deps';
import { provision, type BrowserName } from './provision';

const wanted = process.argv.slice(2).filter((arg): arg is BrowserName => arg === 'chromium' || arg === 'firefox');
const result = await provision(wanted.length > 0 ? wanted : ['chromium', 'firefox'], machineDeps());
if (result.ok) {
  console.log(
    Object.entries(result.paths)
      .map(([name, path]) => `${name}: ${path}`)
      .join(', '),
  );
} else {
  console.error(`Browsers missing. ${result.message}`);
  process.exit(1);
}
