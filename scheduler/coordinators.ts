import type { ChatAddress } from '../src/messaging/delivery.js';
import { privateChatOf } from '../src/messaging/targets.js';
import type { Store } from '../src/store/store.js';

/**
 * Where coordinators are told things (escalations, summaries, unreachable people): the chats
 * bound to the coordinators, else each coordinator privately (Zalo bots cannot join groups).
 */
export async function coordinatorTargets(store: Pick<Store, 'chats' | 'people'>): Promise<ChatAddress[]> {
  const chats = (await store.chats.list()).filter((b) => b.target.kind === 'coordinator');
  if (chats.length > 0) return chats.map((c) => ({ platform: c.platform, chatId: c.chatId }));
  return (await store.people.holdersOf('coordinator')).map((g) => privateChatOf(g.account));
}
