/** What the chat UI asks of the page that hosts it (the entrypoints implement these with `browser.*`). */
export interface ChatActions {
  openOptions(): void;
  /** Present only where a side panel exists (Chrome) and the host is not the side panel itself. */
  openSidePanel?: () => void;
}
