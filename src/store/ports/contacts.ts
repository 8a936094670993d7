import type { Contact } from '../../domain/contact.js';
import type { AccountId } from '../../domain/roles.js';

/** Whether the bot can write to a person first, and where. */
export interface Contacts {
  get(account: AccountId): Promise<Contact | undefined>;
  /** Stores a contact, replacing the account's earlier one as a whole (no merging of fields). */
  put(contact: Contact): Promise<void>;
  /** Contacts of many accounts in one round trip; unknown accounts are absent from the map. */
  getMany(accounts: readonly AccountId[]): Promise<Map<AccountId, Contact>>;
}
