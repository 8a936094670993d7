import type { VirtualClock } from '../../domain/clock.js';
import { formatInstantVi } from '../../texts/when.js';
import type { ChatAddress, DeliveryResult, Messenger } from '../../messaging/delivery.js';
import type { Reply } from '../../messaging/reply.js';
import { saveAttachments } from './save-attachments.js';

/**
 * Messages the bot sends on its own (reminders, notices) in the playground: printed with whom they
 * go to and when, in the transcript's order. Every playground chat accepts messages.
 */
export function createPlaygroundMessenger(
  clock: VirtualClock,
  exportDir?: string,
): Messenger & { attach(write: (text: string) => void): void } {
  let write: (text: string) => void = () => {};
  return {
    platform: 'playground',
    attach(w) {
      write = w;
    },
    async send(to: ChatAddress, reply: Reply): Promise<DeliveryResult> {
      write(`\n📨 ${formatInstantVi(clock.now())} → ${to.chatId}\n${reply.text}`);
      for (const line of saveAttachments(reply.attachments, exportDir)) write(line);
      return { ok: true };
    },
  };
}
