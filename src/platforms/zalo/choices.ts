import type { Choice } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';

/** How long offered options can be answered by number. */
export const CHOICES_TTL_MS = 24 * 60 * 60 * 1000;

const key = (chatId: string) => `zalo-choices:${chatId}`;

/**
 * The options last offered in a chat, kept in the store (any instance may take the answer), so a
 * typed `2` or the option's text maps back to the option's id.
 */
export interface ChoiceMemory {
  get(chatId: string): Promise<Choice[] | undefined>;
  /** Remembers `choices`, or forgets the old ones when there are none (numbers answer the latest question only). */
  set(chatId: string, choices: readonly Choice[] | undefined): Promise<void>;
}

export function createChoiceMemory(store: Store, ttlMs = CHOICES_TTL_MS): ChoiceMemory {
  return {
    async get(chatId) {
      const state = await store.conversations.get<{ choices: Choice[] }>(key(chatId));
      return state?.choices;
    },
    async set(chatId, choices) {
      if (choices && choices.length > 0)
        await store.conversations.put(key(chatId), { choices: choices.map((c) => ({ id: c.id, label: c.label })) }, ttlMs);
      else await store.conversations.delete(key(chatId));
    },
  };
}
