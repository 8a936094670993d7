import type { ChatBinding } from '../src/domain/chat-binding.js';
import { delegationHolds, type Delegation } from '../src/domain/delegation.js';
import type { LocalDate } from '../src/domain/vietnam-time.js';
import type { AccountId, RoleGrant } from '../src/domain/roles.js';
import { DEFAULT_REMINDER_RECIPIENTS, type ReminderPolicy } from '../src/domain/reminders/index.js';

/** One person a reminder goes to privately, and in what capacity. */
export interface DmRecipient {
  account: AccountId;
  name: string;
  as: 'head' | 'deputy' | 'delegate';
}

/**
 * Who gets an agency's reminder, as the plan's `reminders.recipients` (default: heads and deputies)
 * and channels say: in private, the heads and the registered deputies; while a delegation holds, the
 * deputy it names stands in for the heads (greeted as the delegate). When the plan reminds heads
 * only and none is registered, the deputies are reminded instead, so the agency is not left
 * unreminded. The agency's linked groups get it when `channels.group` allows.
 * Every message promising reminders asks `remindsRole` / this function, so a promise is kept.
 */
export function reminderRecipients(input: {
  members: readonly RoleGrant[];
  delegation: Delegation | undefined;
  groups: readonly ChatBinding[];
  today: LocalDate;
  channels: ReminderPolicy['channels'];
  recipients?: ReminderPolicy['recipients'];
}): { dms: DmRecipient[]; groups: ChatBinding[] } {
  const { members, delegation, groups, today, channels } = input;
  const roles = input.recipients ?? DEFAULT_REMINDER_RECIPIENTS;
  const dms: DmRecipient[] = [];
  if (channels.dm) {
    const seen = new Set<string>();
    const add = (m: RoleGrant, as: DmRecipient['as']) => {
      if (seen.has(m.account)) return;
      seen.add(m.account);
      dms.push({ account: m.account, name: m.name ?? m.account, as });
    };
    const holder =
      delegation && delegationHolds(delegation, today)
        ? members.find((m) => m.account === delegation.to && m.role === 'deputy')
        : undefined;
    const heads = members.filter((m) => m.role === 'head');
    const deputies = members.filter((m) => m.role === 'deputy');
    if (holder) add(holder, 'delegate');
    else if (roles.includes('head')) for (const m of heads) add(m, 'head');
    const deputiesToo = roles.includes('deputy') || (!holder && heads.length === 0);
    if (deputiesToo) for (const m of deputies) add(m, 'deputy');
  }
  return { dms, groups: channels.group ? [...groups] : [] };
}

/** Whether this person is among those reminded for the agency (for /kyhan and promises). */
export function isReminded(recipients: { dms: readonly DmRecipient[] }, account: string): boolean {
  return recipients.dms.some((d) => d.account === account);
}
