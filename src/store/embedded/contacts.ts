// Whether the bot can write to a person first, one row per account in the `contacts` table.
import type { Contact } from '../../domain/contact.js';
import type { AccountId } from '../../domain/roles.js';
import type { Contacts } from '../ports/contacts.js';
import { isContact } from '../record-shapes.js';
import { contactRecord } from '../records.js';
import type { EmbeddedDatabase } from './database.js';

const CONTACT = 'SELECT record FROM contacts WHERE account = ?';

export class EmbeddedContacts implements Contacts {
  constructor(private readonly db: EmbeddedDatabase) {}

  async get(account: AccountId): Promise<Contact | undefined> {
    return this.db.read(() => this.db.one(isContact, CONTACT, account));
  }

  async put(contact: Contact): Promise<void> {
    const record = contactRecord(contact);
    this.db.write(() => {
      this.db.run('INSERT OR REPLACE INTO contacts (account, record) VALUES (?, ?)', record.account, JSON.stringify(record));
    });
  }

  async getMany(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>> {
    return this.db.read(() => {
      const contacts = new Map<AccountId, Contact>();
      for (const account of accounts) {
        const contact = this.db.one(isContact, CONTACT, account);
        if (contact) contacts.set(account, contact);
      }
      return contacts;
    });
  }
}
