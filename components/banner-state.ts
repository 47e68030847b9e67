/**
 * When the line above the log (`ChatBanner`, loaded when first shown) has something to say: decided here, eagerly,
 * for the chat view that loads it and for the banner itself.
 */
import type { ChatModel } from '../lib/ui/chat-model';

export type BannerModel = Pick<ChatModel, 'room' | 'agent' | 'queue' | 'lastError'>;

/** An open chat that waits in the queue or for an agent to join. */
export function waiting(model: BannerModel): boolean {
  return model.room.value?.open === true && (Boolean(model.queue.value) || !model.agent.value);
}

/** An error to show, or a chat waiting. */
export function bannerShown(model: BannerModel): boolean {
  return Boolean(model.lastError.value) || waiting(model);
}
