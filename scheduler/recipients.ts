import type { ChatBinding } from '../src/domain/chat-binding.js';
import { delegationHolds, type Delegation } from '../src/domain/delegation.js';
import type { LocalDate } from '../src/domain/local-date.js';
import type { AccountId, RoleGrant } from '../src/domain/roles.js';
import type { ReminderPolicy } from '../src/domain/reminders/index.js';

/** One person a reminder goes to privately, and in what capacity. */
export interface DmRecipient {
  account: AccountId;
  name: string;
  as: 'head' | 'deputy' | 'delegate';
}

/**
 * Who gets an agency's reminder: in private, the deputy a delegation names while it holds, else the
 * heads (else, when no head is registered, the deputies); and the agency's linked groups — each as
 * the plan's channels allow.
 */
export function reminderRecipients(input: {
  members: readonly RoleGrant[];
  delegation: Delegation | undefined;
  groups: readonly ChatBinding[];
  today: LocalDate;
  channels: ReminderPolicy['channels'];
}): { dms: DmRecipient[]; groups: ChatBinding[] } {
  const { members, delegation, groups, today, channels } = input;
  let dms: DmRecipient[] = [];
  if (channels.dm) {
    const holder = delegation && delegationHolds(delegation, today) ? members.find((m) => m.account === delegation.to && m.role === 'deputy') : undefined;
    if (holder) {
      dms = [{ account: holder.account, name: holder.name ?? holder.account, as: 'delegate' }];
    } else {
      const heads = members.filter((m) => m.role === 'head');
      const chosen = heads.length > 0 ? heads : members.filter((m) => m.role === 'deputy');
      dms = chosen.map((m) => ({ account: m.account, name: m.name ?? m.account, as: m.role === 'head' ? 'head' : 'deputy' }));
    }
  }
  return { dms, groups: channels.group ? [...groups] : [] };
}
