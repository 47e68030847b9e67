/** Devserver profiles that `DEVSERVER_PROFILE` may name (the devserver's `startDevServer` contract). */
export const DEVSERVER_PROFILES = ['legacy', 'v6', 'v7', 'v8'] as const;
export type DevServerProfile = (typeof DEVSERVER_PROFILES)[number];

/** What `npm start` passes to `startDevServer`. */
export interface StartOptions {
  port: number;
  profile?: DevServerProfile;
}

export const DEFAULT_PORT = 3000;

function isProfile(value: string): value is DevServerProfile {
  return (DEVSERVER_PROFILES as readonly string[]).includes(value);
}

/**
 * Reads `DEVSERVER_PORT` (default 3000; 0 picks a free port) and `DEVSERVER_PROFILE` (default:
 * the devserver's own). Throws an Error that names the variable and the accepted values.
 */
export function readStartOptions(env: NodeJS.ProcessEnv): StartOptions {
  const rawPort = env.DEVSERVER_PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_PORT;
  if (rawPort && (!/^\d+$/.test(rawPort) || port > 65535)) {
    throw new Error(`DEVSERVER_PORT=${rawPort} is not a port number (0-65535)`);
  }
  const profile = env.DEVSERVER_PROFILE?.trim();
  if (!profile) return { port };
  if (!isProfile(profile)) {
    throw new Error(`DEVSERVER_PROFILE=${profile} is not one of ${DEVSERVER_PROFILES.join(', ')}`);
  }
  return { port, profile };
}
