// The invites port on Redis: one key per invite (expiring when it is forgotten) and a sorted set of the open ones.
import type { AccountId } from '../../domain/roles.js';
import type { Invite, RedeemResult } from '../../domain/invite.js';
import type { Invites } from '../ports/invites.js';
import { isInvite } from '../record-shapes.js';
import { checkedInstant, compareInvitesNewestFirst, inviteKeepMs, inviteRecord } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisInvites implements Invites {
  constructor(private readonly ctx: RedisContext) {}

  async create(invite: Invite): Promise<void> {
    const record = inviteRecord(invite);
    const created = await this.ctx.scripts.dondocCreateInvite(
      this.ctx.keys.invite(record.id),
      this.ctx.keys.openInvites(),
      JSON.stringify(record),
      Math.ceil(inviteKeepMs(record)),
      record.createdAt,
      record.id,
    );
    if (Number(created) !== 1) throw new Error(`an invite with id ${record.id} already exists`);
  }

  async get(id: string): Promise<Invite | undefined> {
    const key = this.ctx.keys.invite(id);
    return this.ctx.parse(await this.ctx.redis.get(key), isInvite, key);
  }

  async redeem(id: string, account: AccountId, at: number): Promise<RedeemResult> {
    checkedInstant(at, 'the redemption time');
    const key = this.ctx.keys.invite(id);
    const [status, json] = await this.ctx.scripts.dondocRedeemInvite(key, this.ctx.keys.openInvites(), id, at, JSON.stringify(account));
    if (status === 'corrupt') {
      // Nobody can redeem what cannot be read; it counts as unknown.
      this.ctx.logger?.warn({ key, sample: json?.slice(0, 120) }, 'an invite in Redis is corrupt; refused to redeem it');
      return { ok: false, reason: 'unknown' };
    }
    const invite = this.ctx.parse(json, isInvite, key);
    if (status === 'ok' && invite) return { ok: true, invite };
    if ((status === 'used' || status === 'revoked' || status === 'expired') && invite) return { ok: false, reason: status, invite };
    return { ok: false, reason: 'unknown' };
  }

  async revoke(id: string, by: AccountId, at: number): Promise<boolean> {
    checkedInstant(at, 'the revocation time');
    const key = this.ctx.keys.invite(id);
    const [status, json] = await this.ctx.scripts.dondocRevokeInvite(key, this.ctx.keys.openInvites(), id, at, JSON.stringify(by));
    if (status === 'corrupt')
      this.ctx.logger?.warn({ key, sample: json?.slice(0, 120) }, 'an invite in Redis is corrupt; refused to revoke it');
    return status === 'ok';
  }

  async listOpen(): Promise<Invite[]> {
    const openKey = this.ctx.keys.openInvites();
    const ids = await this.ctx.redis.zrange(openKey, 0, '-1');
    if (ids.length === 0) return [];
    const keys = ids.map((id) => this.ctx.keys.invite(id));
    const jsons = await this.ctx.redis.mget(...keys);
    const invites: Invite[] = [];
    const gone: number[] = [];
    jsons.forEach((json, i) => {
      if (json === null) {
        gone.push(i);
        return;
      }
      const invite = this.ctx.parse(json, isInvite, keys[i]!);
      if (invite && invite.usedAt === undefined && invite.revokedAt === undefined) invites.push(invite);
    });
    if (gone.length > 0) {
      // Their retention ran out, so Redis dropped them: take them off the index too.
      await this.ctx.scripts.dondocPurgeOpenInvites(1 + gone.length, openKey, ...gone.map((i) => keys[i]!), ...gone.map((i) => ids[i]!));
    }
    return invites.sort(compareInvitesNewestFirst);
  }
}
