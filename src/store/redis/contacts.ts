// The contacts port on Redis: one hash of Contact JSON by account.
import type { Contact } from '../../domain/contact.js';
import type { AccountId } from '../../domain/roles.js';
import type { Contacts } from '../ports/contacts.js';
import { isContact } from '../record-shapes.js';
import { contactRecord } from '../records.js';
import type { RedisContext } from './context.js';

export class RedisContacts implements Contacts {
  constructor(private readonly ctx: RedisContext) {}

  async get(account: AccountId): Promise<Contact | undefined> {
    const key = this.ctx.keys.contacts();
    return this.ctx.parse(await this.ctx.redis.hget(key, account), isContact, `${key} ${account}`);
  }

  async put(contact: Contact): Promise<void> {
    const record = contactRecord(contact);
    await this.ctx.redis.hset(this.ctx.keys.contacts(), record.account, JSON.stringify(record));
  }

  async getMany(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>> {
    this.ctx.assertOpen();
    const contacts = new Map<AccountId, Contact>();
    if (accounts.length === 0) return contacts; // HMGET needs at least one field
    const key = this.ctx.keys.contacts();
    const jsons = await this.ctx.redis.hmget(key, ...accounts);
    jsons.forEach((json, i) => {
      const account = accounts[i]!;
      const contact = this.ctx.parse(json, isContact, `${key} ${account}`);
      if (contact) contacts.set(account, contact);
    });
    return contacts;
  }
}
