/**
 * The DDP stream figures alone, for comparing builds of `lib/ddp` on a shared machine: every build's client (as the
 * worker runs it and reviving), the official client and the parse-only contender of `bench/ddp.ts` run in one
 * process on the same frames, in an order that rotates round by round. Each round's ratios are taken in wall time,
 * as `npm run bench` does, and in process CPU time, which other processes on the machine disturb much less; the
 * medians over the rounds are printed with the load average.
 *
 *   npx tsx bench/ddp-ab.ts [--rounds N] LABEL=DIR ...    (DIR holds a copy of lib/ddp, e.g. /tmp/x/ddp)
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { createDdpClient } from '../lib/ddp';
import { ours, parseOnly, startServer, streamFrames, theirs, type Contender } from './ddp';
import { median } from './stats';

const FRAMES = 100_000;
const load = (): string =>
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
const WARMUP_FRAMES = 20_000;

interface Timing {
  wall: number;
  cpu: number;
}

function timed(c: Contender, frames: string[], count: number): Timing {
  const before = c.received();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) c.deliver(frames[i % frames.length] as string);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (c.received() - before !== count) throw new Error(`dispatched ${c.received() - before} of ${count} frames`);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt === -1 ? 9 : Number(args.splice(roundsAt, 2)[1]);
const builds = args.map((arg) => {
  const [label, dir] = arg.split('=') as [string, string | undefined];
  if (!dir || !Number.isInteger(rounds) || rounds < 1) {
    throw new Error('usage: npx tsx bench/ddp-ab.ts [--rounds N] LABEL=DIR ...');
  }
  return { label, dir: resolve(dir) };
});
if (builds.length === 0) throw new Error('usage: npx tsx bench/ddp-ab.ts [--rounds N] LABEL=DIR ...');

const server = await startServer();
const frames = streamFrames(FRAMES);
const contenders: { name: string; c: Contender }[] = [];
for (const { label, dir } of builds) {
  const mod = (await import(pathToFileURL(`${dir}/index.ts`).href)) as { createDdpClient: typeof createDdpClient };
  contenders.push({ name: `${label} plain`, c: await ours(server.url, false, mod.createDdpClient) });
  contenders.push({ name: `${label} revived`, c: await ours(server.url, true, mod.createDdpClient) });
}
contenders.push({ name: 'parse-only', c: parseOnly() });
const official = await theirs(server.url);
for (const { c } of [...contenders, { c: official }]) timed(c, frames, WARMUP_FRAMES);

const wallRatios = new Map<string, number[]>();
const cpuRatios = new Map<string, number[]>();
const cpuNs = new Map<string, number[]>();
const push = (m: Map<string, number[]>, k: string, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
console.log(
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
for (let round = 0; round < rounds; round++) {
  const order = [...contenders.slice(round % contenders.length), ...contenders.slice(0, round % contenders.length)];
  const base = timed(official, frames, FRAMES);
  push(cpuNs, 'official', (base.cpu * 1e6) / FRAMES);
  for (const { name, c } of order) {
    const t = timed(c, frames, FRAMES);
    push(wallRatios, name, base.wall / t.wall);
    push(cpuRatios, name, base.cpu / t.cpu);
    push(cpuNs, name, (t.cpu * 1e6) / FRAMES);
  }
}
const ratio = (m: Map<string, number[]>, name: string): number => {
  const samples = m.get(name);
  return samples === undefined ? 1 : Number(median(samples).toFixed(3));
};
console.table(
  [...cpuNs].map(([name, ns]) => ({
    contender: name,
    'ratio (wall)': ratio(wallRatios, name),
    'ratio (CPU)': ratio(cpuRatios, name),
    'CPU ns a frame': Math.round(median(ns)),
  })),
);
console.log(load());
for (const { c } of [...contenders, { c: official }]) c.close();
await server.close();
