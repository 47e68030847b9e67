/**
 * "Download conversation" from the chat's menu: the current conversation as a file the visitor keeps (HTML or
 * plain text, lib/export/conversation.ts), made here from what the chat holds and handed to the browser through
 * a Blob URL and `<a download>` (no `downloads` permission). Loaded on first use.
 */
import type { ChatMessage } from '../lib/livechat/types';
import {
  conversationHtml,
  conversationText,
  exportFileName,
  type ConversationExport,
} from '../lib/export/conversation';
import type { ChatModel } from '../lib/ui/chat-model';
import { accentPair } from '../lib/accent';
import { formatFull } from '../lib/ui/format';
import { locale, t } from '../lib/ui/i18n';
import { systemText } from '../lib/ui/system-text';

/** The export of `messages` with this chat's language, desk name and colours. */
export function exportInput(model: ChatModel, messages: readonly ChatMessage[], now = Date.now()): ConversationExport {
  const config = model.config.peek();
  const title = config?.title || t('defaultTitle');
  const server = model.serverUrl.peek() ?? '';
  const visitorIds = new Set(messages.filter((m) => m.from === 'visitor').map((m) => m.author.id));
  const agentHidden = config?.agentHiddenInfo === true;
  return {
    desk: { title, ...accentPair(config?.color) },
    messages,
    labels: {
      heading: t('exportHeading', title),
      subtitle: t('exportSubtitle', formatFull(now), server),
      you: t('you'),
      agent: t('someAgent'),
      edited: t('edited'),
    },
    systemLine: (message) => {
      const line = systemText(message, { agentHidden, hiddenTypes: config?.hiddenSystemMessages, visitorIds });
      return line && (line.detail ? `${line.text} — ${line.detail}` : line.text);
    },
    formatTime: formatFull,
    lang: locale.peek().replace('_', '-'),
  };
}

/** Hands the file to the browser's download. */
export function saveFile(body: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the Blob by then; the URL would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads a conversation (default: the chat's current one) as `html` or `text`. */
export function downloadConversation(
  model: ChatModel,
  format: 'html' | 'text',
  messages: readonly ChatMessage[] = model.messages.peek(),
): void {
  const now = Date.now();
  const input = exportInput(model, messages, now);
  if (format === 'html') saveFile(conversationHtml(input), exportFileName(input.desk.title, now, 'html'), 'text/html');
  else saveFile(conversationText(input), exportFileName(input.desk.title, now, 'txt'), 'text/plain');
}
