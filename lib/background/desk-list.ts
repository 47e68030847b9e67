/**
 * The desk list every chat UI's switcher shows (title, colour, unread count per desk) and the toolbar badge,
 * which counts the unread replies of every desk together. Both follow each change of a desk's description or
 * unread count, and only a real change.
 */
import type { DeskSummary } from '../messaging';
import type { DeskRuntime } from './desk-runtime';
import { createBadge, type BadgeApi } from './notifier';

export interface DeskListDeps {
  runtimes(): DeskRuntime[];
  /** Sends the new list to every open UI. */
  publish(desks: DeskSummary[]): void;
  action: BadgeApi;
  setTimeout(fn: () => void, ms: number): void;
}

/** Creates the list; `changed()` is called after anything that may change it. */
export function createDeskList(deps: DeskListDeps) {
  let last = '';
  const badge = createBadge(deps.action, deps.setTimeout);
  const summaries = (): DeskSummary[] =>
    deps.runtimes().map((runtime) => ({
      id: runtime.url,
      title: runtime.title(),
      colour: validColour(runtime.state.desk.config?.color),
      unread: runtime.state.desk.unread,
    }));
  return {
    summaries,
    changed(): void {
      const list = summaries();
      const text = JSON.stringify(list);
      if (text === last) return;
      last = text;
      deps.publish(list);
      badge.show(list.reduce((sum, desk) => sum + desk.unread, 0));
    },
  };
}

/** A desk's colour as the switcher may paint it: `#rgb` / `#rrggbb` only, anything else from the server is not. */
function validColour(colour: unknown): string | null {
  return typeof colour === 'string' && /^#(?:[0-9a-f]{3}){1,2}$/i.test(colour) ? colour : null;
}
