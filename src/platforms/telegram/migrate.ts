import type { Logger } from '../../logging/logger.js';
import type { Store } from '../../store/store.js';

/**
 * A group that became a supergroup has a new chat id; its binding (agency group or coordinators'
 * group) moves with it. Telegram tells us twice (a service message in the old and in the new chat,
 * and a 400 with `migrate_to_chat_id` when we post to the old id), so this is idempotent: once the
 * old id is unbound there is nothing left to move.
 */
export async function rebindMigratedChat(
  store: Store,
  logger: Logger,
  fromChatId: string,
  toChatId: string,
  at: number,
  owner = 'telegram',
): Promise<boolean> {
  // Both service messages may be handled at once (different chats): one of them moves the binding.
  if (!(await store.leases.claim(`tg-migrate:${fromChatId}`, owner, 60_000))) return false;
  const binding = await store.chats.get('telegram', fromChatId);
  if (!binding) return false;
  await store.chats.bind({ ...binding, chatId: toChatId });
  await store.chats.unbind('telegram', fromChatId);
  const target = binding.target.kind === 'agency' ? binding.target.agencyId : 'coordinator';
  await store.audit.append({
    at,
    actor: 'system',
    action: 'chat.bound',
    subject: `telegram:${toChatId}`,
    detail: `nhóm nâng cấp thành siêu nhóm (trước đây telegram:${fromChatId}) → ${target}`,
  });
  logger.info({ from: fromChatId, to: toChatId, target }, 'telegram: group migrated to a supergroup; binding moved');
  return true;
}
