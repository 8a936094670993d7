// Invite codes, in the `invites` table, each row kept until its forget_at.
import type { Invite, RedeemResult } from '../../domain/invite.js';
import type { AccountId } from '../../domain/roles.js';
import type { Invites } from '../ports/invites.js';
import { isInvite } from '../record-shapes.js';
import { checkedInstant, compareInvitesNewestFirst, inviteIsOpen, inviteKeepMs, inviteRecord, redeemOutcome } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

const KEPT_INVITE = 'SELECT record FROM invites WHERE id = ? AND forget_at > ?';

export class EmbeddedInvites implements Invites {
  constructor(private readonly db: EmbeddedDatabase) {}

  async create(invite: Invite): Promise<void> {
    const record = inviteRecord(invite);
    this.db.write(() => {
      const now = this.db.clock.now();
      // The row, not its record: a kept invite that cannot be read still holds its id, as in Redis.
      if (this.db.get(KEPT_INVITE, record.id, now)) throw new Error(`an invite with id ${record.id} already exists`);
      this.db.run(
        'INSERT OR REPLACE INTO invites (id, record, forget_at) VALUES (?, ?, ?)',
        record.id,
        JSON.stringify(record),
        now + inviteKeepMs(record),
      );
    });
  }

  async get(id: string): Promise<Invite | undefined> {
    return this.db.read(() => keptInvite(this.db, id, this.db.clock.now()));
  }

  async redeem(id: string, account: AccountId, at: number): Promise<RedeemResult> {
    checkedInstant(at, 'the redemption time');
    return this.db.write(() => {
      // A corrupt invite reads as absent: nobody can redeem what cannot be read, so it is unknown.
      const outcome = redeemOutcome(keptInvite(this.db, id, this.db.clock.now()), account, at);
      if (outcome.ok) updateInvite(this.db, outcome.invite);
      return outcome;
    });
  }

  async revoke(id: string, by: AccountId, at: number): Promise<boolean> {
    checkedInstant(at, 'the revocation time');
    return this.db.write(() => {
      const invite = keptInvite(this.db, id, this.db.clock.now());
      if (!invite || !inviteIsOpen(invite)) return false;
      updateInvite(this.db, { ...invite, revokedAt: at, revokedBy: by });
      return true;
    });
  }

  async listOpen(): Promise<Invite[]> {
    return this.db.read(() =>
      this.db
        .all(isInvite, 'SELECT record FROM invites WHERE forget_at > ?', this.db.clock.now())
        .filter(inviteIsOpen)
        .sort(compareInvitesNewestFirst),
    );
  }
}

function keptInvite(db: EmbeddedDatabase, id: string, now: number): Invite | undefined {
  return db.one(isInvite, KEPT_INVITE, id, now);
}

/** A redeemed or revoked invite keeps the day the store forgets it. */
function updateInvite(db: EmbeddedDatabase, invite: Invite): void {
  db.run('UPDATE invites SET record = ? WHERE id = ?', JSON.stringify(invite), invite.id);
}
