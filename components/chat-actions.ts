import type { ActivePage, Capture } from '../lib/ui/active-page';

/** What the chat UI asks of the page that hosts it (the entrypoints implement these with `browser.*`). */
export interface ChatActions {
  openOptions(): void;
  /** Present only where a side panel exists (Chrome) and the host is not the side panel itself. */
  openSidePanel?: () => void;
  /** The page the visitor is on, for "Share this page"; absent where no browser tab can be read. */
  activePage?: () => Promise<ActivePage>;
  /** A picture of the page the visitor is on, for "Send a screenshot" (shown to them before anything is sent). */
  captureTab?: () => Promise<Capture>;
}
