import type { ChatAddress, DeliveryResult, Messenger } from '../../src/messaging/delivery.js';
import type { Attachment, Reply } from '../../src/messaging/reply.js';
import type { Platform } from '../../src/domain/roles.js';

export interface SentMessage {
  to: ChatAddress;
  text: string;
  attachments?: Attachment[];
}

/** A messenger that records what it sends and refuses chats it is told to (blocked users, outages). */
export function createRecordingMessenger(platform: Platform = 'telegram') {
  const sent: SentMessage[] = [];
  const refusals = new Map<string, DeliveryResult>();
  const messenger: Messenger = {
    platform,
    async send(to: ChatAddress, reply: Reply): Promise<DeliveryResult> {
      const refusal = refusals.get(to.chatId);
      if (refusal) return refusal;
      sent.push({ to, text: reply.text, ...(reply.attachments ? { attachments: reply.attachments } : {}) });
      return { ok: true };
    },
  };
  return {
    messenger,
    sent,
    to: (chatId: string) => sent.filter((m) => m.to.chatId === chatId),
    refuse: (chatId: string, result: DeliveryResult) => refusals.set(chatId, result),
    accept: (chatId: string) => refusals.delete(chatId),
    clear: () => sent.splice(0, sent.length),
  };
}
