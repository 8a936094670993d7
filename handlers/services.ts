import type { Identity } from '../src/domain/roles.js';
import type { Incoming } from '../src/messaging/incoming.js';
import type { Reply } from '../src/messaging/reply.js';
import type { Texts } from '../src/texts/index.js';
import type { ChatBinding } from '../src/domain/chat-binding.js';
import type { Services } from '../src/ports/services.js';

export type { Services };

/** Everything one handler call gets. */
export interface HandlerContext {
  incoming: Incoming;
  identity: Identity;
  /** What the group this came from is bound to, if it is a bound group. */
  binding?: ChatBinding;
  /** The text after the command, trimmed. */
  args: string;
  services: Services;
  texts: Texts;
  language: 'vi' | 'en';
}

export type Handler = (ctx: HandlerContext) => Promise<Reply[]>;
