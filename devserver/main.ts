/**
 * CLI: `tsx devserver/main.ts [--port N] [--profile legacy|v6|v7|v8] [--no-rate-limits] [--auto-assign] [--community]`.
 * Environment: DEVSERVER_PORT, DEVSERVER_PROFILE. Stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startDevServer } from './server';
import { PROFILES, type Profile } from './types';

function fail(message: string): never {
  console.error(`devserver: ${message}`);
  console.error(
    'usage: devserver [--port N] [--profile legacy|v6|v7|v8] [--no-rate-limits] [--auto-assign] [--community]',
  );
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        profile: { type: 'string' },
        'no-rate-limits': { type: 'boolean', default: false },
        'auto-assign': { type: 'boolean', default: false },
        community: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) fail('help');
  const portText = values.port ?? process.env.DEVSERVER_PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port ${portText}`);
  const profile = values.profile ?? process.env.DEVSERVER_PROFILE ?? 'legacy';
  if (!(PROFILES as readonly string[]).includes(profile))
    fail(`invalid profile ${profile} (use ${PROFILES.join(', ')})`);

  const server = await startDevServer({
    port,
    profile: profile as Profile,
    rateLimits: !values['no-rate-limits'],
    autoAssign: values['auto-assign'],
    ...(values.community ? { framing: 'meteor' as const } : {}),
  });
  console.log(
    `Rocket.Chat Livechat stand-in (profile ${server.profile}${values['auto-assign'] ? ', auto-assign' : ''})`,
  );
  console.log(`  DDP:           ${server.ddpUrl}`);
  console.log(`  REST:          ${server.url}/api/v1/livechat/`);
  console.log(`  Agent console: ${server.url}/agent`);
  console.log(`  Control API:   ${server.url}/control/state`);
  if (values['no-rate-limits']) console.log('  Rate limits:   off');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  fail(code === 'EADDRINUSE' ? 'port already in use (try --port 0)' : err instanceof Error ? err.message : String(err));
});
