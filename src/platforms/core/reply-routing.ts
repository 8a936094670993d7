import { PLATFORMS, type Platform } from '../../domain/roles.js';
import type { Logger } from '../../logging/logger.js';
import type { ChatAddress, Deliver } from '../../messaging/delivery.js';
import type { Reply } from '../../messaging/reply.js';

export interface RoutedReplies {
  /** The replies said in the chat the update came from, in order: the platform renders and sends them. */
  here: Reply[];
  /** The replies addressed elsewhere (`Reply.to`), already handed to the Deliver; settle once each is done. */
  elsewhere: Promise<void>[];
}

/**
 * Splits a handler's replies between the chat the update came from and other chats (a coordinators'
 * group, a person on another platform): the others go through the Deliver at once, a failure logged
 * (the update's own chat is not told: its reply stands). A reply without `to.platform` stays on the
 * update's platform. Written once for every platform, so a reply reaches the same chat on each.
 */
export function routeReplies(replies: readonly Reply[], from: ChatAddress, deliver: Deliver, logger: Logger): RoutedReplies {
  const here: Reply[] = [];
  const elsewhere: Promise<void>[] = [];
  for (const r of replies) {
    const target = r.to;
    const platform = (target?.platform ?? from.platform) as Platform;
    if (!target || (target.chatId === from.chatId && platform === from.platform)) {
      here.push(r);
      continue;
    }
    if (!PLATFORMS.includes(platform)) {
      logger.error({ platform: target.platform }, `${from.platform}: reply addressed to an unknown platform`);
      continue;
    }
    elsewhere.push(
      deliver({ platform, chatId: target.chatId }, r).then((result) => {
        if (!result.ok)
          logger.warn(
            { to: `${platform}:${target.chatId}`, reason: result.reason },
            `${from.platform}: reply to another chat not delivered`,
          );
      }),
    );
  }
  return { here, elsewhere };
}
