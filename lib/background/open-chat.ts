/**
 * Opens the chat for the visitor (after a notification click): the side panel where the browser lets us, else the
 * popup page in a small window of its own.
 */

/** The slice of the extension APIs needed to open the chat (satisfied by `browser` from `wxt/browser`). */
export interface OpenChatApis {
  runtime: { getURL(path: '/popup.html'): string };
  windows: {
    getLastFocused(): Promise<{ id?: number }>;
    create(options: { url: string; type: 'popup'; width: number; height: number; focused: boolean }): Promise<unknown>;
  };
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
}

/** Opens the side panel in the focused window, or falls back to a popup window. */
export async function openChat(apis: OpenChatApis): Promise<void> {
  try {
    const win = await apis.windows.getLastFocused();
    if (apis.sidePanel && win.id !== undefined) {
      await apis.sidePanel.open({ windowId: win.id });
      return;
    }
  } catch {
    // No user gesture (or no side panel): the popup window below still works.
  }
  await apis.windows.create({
    url: apis.runtime.getURL('/popup.html'),
    type: 'popup',
    width: 400,
    height: 600,
    focused: true,
  });
}
