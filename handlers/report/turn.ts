import type { Campaign } from '../../src/domain/campaign.js';
import type { Period } from '../../src/domain/period.js';
import { findCampaign } from '../../src/domain/plan.js';
import type { ReportConversation } from '../../src/domain/report/conversation.js';
import type { Identity } from '../../src/domain/roles.js';
import type { Incoming } from '../../src/messaging/incoming.js';
import type { Reply } from '../../src/messaging/reply.js';
import type { Texts } from '../../src/texts/index.js';
import type { Services } from '../services.js';
import { questionReply } from './render.js';
import { saveConversation } from './session.js';

/** One message's worth of context for the report conversation. */
export interface ReportTurn {
  services: Services;
  incoming: Incoming;
  texts: Texts;
  /** The sender, scoped to the group's agency when in a group. */
  identity: Identity;
}

/**
 * Replies to the person in the chat they wrote from; in a group each is prefixed with their name,
 * since several people may be reporting there at once.
 */
export function toPerson(turn: ReportTurn, replies: readonly Reply[]): Reply[] {
  if (turn.incoming.chat.kind !== 'group') return [...replies];
  return replies.map((r) => (r.to ? r : { ...r, text: `${turn.texts.report.forPerson(turn.incoming.sender.name)}\n${r.text}` }));
}

export function roleFor(identity: Identity, agencyId: string): 'head' | 'deputy' | undefined {
  const roles = identity.agencies.filter((a) => a.agencyId === agencyId).map((a) => a.role);
  return roles.includes('head') ? 'head' : roles[0];
}

export async function periodAndCampaign(
  services: Services,
  state: Pick<ReportConversation, 'periodId'>,
): Promise<{ period?: Period; campaign?: Campaign }> {
  const period = state.periodId ? await services.periods.find(state.periodId) : undefined;
  const campaign = period ? findCampaign(services.plan, period.campaignId) : undefined;
  return { ...(period ? { period } : {}), ...(campaign ? { campaign } : {}) };
}

/** Saves a state after the confirm step and asks its question again, with what to say first. */
export async function showAgain(turn: ReportTurn, key: string, state: ReportConversation, before: readonly Reply[]): Promise<Reply[]> {
  const saved = await saveConversation(turn.services, key, state);
  const { campaign } = await periodAndCampaign(turn.services, saved);
  return [...before, await questionReply(turn.services, turn.texts, saved, campaign, turn.incoming.chat.kind === 'group')];
}
