import { reply } from '../src/messaging/reply.js';
import type { Handler } from './services.js';

/**
 * `/start`: the first message anyone sends (Telegram sends it when a chat is opened). Invite codes
 * in `/start CODE` deep links are redeemed by the registration handler once it exists.
 */
export const startHandler: Handler = async ({ identity, texts }) => {
  const parts = [texts.welcome(identity.name)];
  if (!identity.isAdmin && !identity.isCoordinator && identity.agencies.length === 0) parts.push(texts.helpNotRegistered);
  return [reply(parts.join('\n\n'))];
};
