/** Serves the agent console, one self-contained HTML page read once from disk. */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

let page: string | undefined;

export function serveConsole(res: ServerResponse): void {
  page ??= readFileSync(new URL('./agent.html', import.meta.url), 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(page);
}
