import type { ChatBinding } from '../src/domain/chat-binding.js';
import type { Contact } from '../src/domain/contact.js';
import type { RoleGrant } from '../src/domain/roles.js';
import type { Incoming } from '../src/messaging/incoming.js';
import { findConversation, type ConversationLookup } from './report/session.js';
import { started } from './read-once.js';
import type { Services } from './services.js';

/**
 * What the router needs of the store for any message, asked for all at once when the message's turn
 * comes, so that on Redis the reads share one round trip (the client pipelines commands issued
 * together) instead of following one another: the sender's roles, their contact (private chats:
 * whether they can be written to), the report conversation open in this chat, and the group's
 * binding. Read at the start of the chat's turn — never earlier, since the chat's previous message
 * may change the conversation.
 */
export interface IntakeReads {
  grants: Promise<RoleGrant[]>;
  /** Undefined in a group (contacts are kept from private chats only). */
  contact: Promise<Contact | undefined> | undefined;
  conversation: Promise<ConversationLookup>;
  /** Undefined in a private chat. */
  binding: Promise<ChatBinding | undefined> | undefined;
}

export function startIntakeReads(services: Services, incoming: Incoming): IntakeReads {
  const { store } = services;
  // A message may need only some of them (a group's chatter needs none): `started`, so a failed read
  // nobody awaits is not an unhandled rejection. Whoever awaits one still gets its failure.
  const contact = incoming.chat.kind === 'private' ? started(store.contacts.get(incoming.sender.account)) : undefined;
  const binding = incoming.chat.kind === 'group' ? started(store.chats.get(incoming.platform, incoming.chat.id)) : undefined;
  return {
    grants: started(store.people.rolesOf(incoming.sender.account)),
    contact,
    conversation: started(findConversation(services, incoming)),
    binding,
  };
}
