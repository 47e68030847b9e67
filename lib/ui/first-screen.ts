/** The chat page's side of the stored first screen (lib/first-screen.ts): loaded with the page, off its eager chunk. */
import { readFirstScreen } from '../first-screen-shape';
import type { ChatModel } from './chat-model';

/** Shows the stored first screen (`stored`: the key's value, as read), if one is there and sound, until the worker's snapshot replaces it. */
export async function showFirstScreen(model: Pick<ChatModel, 'preview'>, stored: Promise<unknown>): Promise<void> {
  const snapshot = readFirstScreen(await stored.catch(() => null));
  if (snapshot) model.preview(snapshot);
}
