import type { WorkerDeps } from '../../../lib/background/worker';

/**
 * The worker's dependencies that the worker tests all fill in the same way: REST that answers 404, timers on the
 * real clock with a fixed `now`, a fixed new token, toolbar and notification APIs that do nothing, and no
 * keep-alive. A test spreads this first and then passes what it looks at.
 */
export function quietWorkerDeps() {
  return {
    fetch: async () => new Response('', { status: 404 }),
    clock: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: () => {}, now: () => 5000 },
    newToken: () => 'fresh-token',
    apis: {
      notifications: { create: async (id: string) => id, clear: async () => true },
      action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
    },
    iconUrl: 'icon.png',
    keepAlive: () => {},
  } satisfies Partial<WorkerDeps>;
}
