import { identityFrom, type Identity } from '../src/domain/roles.js';
import type { ChatBinding } from '../src/domain/chat-binding.js';
import { findAgency } from '../src/domain/plan.js';
import { replyLanguage, type Incoming } from '../src/messaging/incoming.js';
import { reply, type Reply } from '../src/messaging/reply.js';
import { textsFor, type Texts } from '../src/texts/index.js';
import { HandlerError } from '../src/errors.js';
import { mayUse } from './access.js';
import type { CommandInfo, Router as PortRouter } from '../src/ports/router.js';
import { auditHandler } from './audit/audit-command.js';
import { adHocChoiceAsCommand, adHocHandler } from './ad-hoc.js';
import { deadlinesHandler } from './deadlines.js';
import { delegateHandler } from './delegate.js';
import { directoryHandler } from './directory.js';
import { createHelpHandler } from './help.js';
import { inviteHandler } from './invites/invite-command.js';
import { linkHandler } from './link-chat.js';
import { registerHandler } from './invites/register-command.js';
import { revokeHandler } from './revoke.js';
import type { Handler, Services } from './services.js';
import { startHandler } from './start.js';
import { unlinkHandler } from './unlink-chat.js';
import { whoamiHandler } from './whoami.js';
import { webHandler } from './web.js';
import { touchContact } from './touch-contact.js';
import { statusHandler } from './status.js';
import { summaryHandler } from './summary.js';
import { exportHandler } from './export.js';
import { remindNowHandler } from './remind-now.js';
import { choiceAsCommand } from './status-choices.js';
import { suggestCommand } from './command-suggest.js';
import { roleSwitchAsCommand } from './role-switch.js';
import { parseApproveChoice, pause, type ReportConversation } from '../src/domain/report/conversation.js';
import { looksLikeQuickForm } from '../src/domain/report/quick-form.js';
import { approveChoice, approveHandler, returnHandler } from './report/approve.js';
import { returnChoiceAsCommand } from './report/sign-off.js';
import { cancelHandler, reportHandler } from './report/commands.js';
import { askAgain, continueReport, lapsedReply, setAside } from './report/flow.js';
import type { ReportTurn } from './report/turn.js';
import { saveConversation, type ConversationLookup } from './report/session.js';
import { startIntakeReads, type IntakeReads } from './intake-reads.js';

/** One row of the command table. */
export interface CommandSpec extends CommandInfo {
  handler: Handler;
}

/** Longest message the bot reads; anything longer is sent back to be shortened. */
export const MAX_INPUT_LENGTH = 4000;

export interface RouterOptions {
  /** Extra lines at the end of /trogiup (the playground's own commands). */
  extraHelp?: () => string;
}

/** Turns any Incoming into replies: parses the command, checks who may use it where, and runs it. */
export interface Router extends PortRouter {
  readonly commands: readonly CommandSpec[];
}

/**
 * The whole product at a glance: every command, who may use it and where. Authorization is
 * enforced below, once, for every row; `test/handlers/authorization-matrix.test.ts` walks it.
 */
export function commandTable(extraHelp?: () => string): CommandSpec[] {
  const table: CommandSpec[] = [
    { name: 'start', aliases: [], access: 'anyone', chats: 'any', summary: 'start', handler: startHandler },
    {
      name: 'trogiup',
      aliases: ['help'],
      access: 'anyone',
      chats: 'any',
      summary: 'help',
      handler: createHelpHandler(() => table, extraHelp),
    },
    { name: 'dangky', aliases: ['register'], access: 'anyone', chats: 'any', summary: 'register', handler: registerHandler },
    { name: 'kyhan', aliases: ['deadlines'], access: 'member', chats: 'any', summary: 'deadlines', handler: deadlinesHandler },
    { name: 'baocao', aliases: ['report'], access: 'agency', chats: 'any', summary: 'report', handler: reportHandler },
    { name: 'huy', aliases: ['cancel'], access: 'agency', chats: 'any', summary: 'cancel', handler: cancelHandler },
    { name: 'duyet', aliases: ['approve'], access: 'head', chats: 'any', summary: 'approve', handler: approveHandler },
    { name: 'tralai', aliases: ['sendback'], access: 'head', chats: 'any', summary: 'sendBack', handler: returnHandler },
    // The code is the credential (as for /dangky): a second account or a group is not registered yet.
    // Issuing a code needs a role; that check is in the handler.
    { name: 'lienket', aliases: ['link'], access: 'anyone', chats: 'any', summary: 'link', handler: linkHandler },
    { name: 'uyquyen', aliases: ['delegate'], access: 'head', chats: 'private', summary: 'delegate', handler: delegateHandler },
    { name: 'coquan', aliases: ['agencies'], access: 'member', chats: 'private', summary: 'directory', handler: directoryHandler },
    { name: 'moi', aliases: ['invite'], access: 'coordinator', chats: 'private', summary: 'invite', handler: inviteHandler },
    { name: 'thuhoi', aliases: ['revoke'], access: 'admin', chats: 'private', summary: 'revoke', handler: revokeHandler },
    { name: 'huylienket', aliases: ['unlink'], access: 'admin', chats: 'any', summary: 'unlink', handler: unlinkHandler },
    { name: 'nhatky', aliases: ['audit'], access: 'admin', chats: 'private', summary: 'audit', handler: auditHandler },
    { name: 'dotxuat', aliases: ['adhoc'], access: 'coordinator', chats: 'private', summary: 'adHoc', handler: adHocHandler },
    { name: 'status', aliases: ['tinhhinh'], access: 'coordinator', chats: 'coordination', summary: 'status', handler: statusHandler },
    { name: 'tonghop', aliases: ['summary'], access: 'coordinator', chats: 'coordination', summary: 'summary', handler: summaryHandler },
    { name: 'xuat', aliases: ['export'], access: 'coordinator', chats: 'coordination', summary: 'export', handler: exportHandler },
    { name: 'nhac', aliases: ['remind'], access: 'coordinator', chats: 'coordination', summary: 'remindNow', handler: remindNowHandler },
    { name: 'toi', aliases: ['whoami'], access: 'anyone', chats: 'any', summary: 'whoami', handler: whoamiHandler },
    // A sign-in link is a credential: only in private, only for people holding a role.
    { name: 'web', aliases: ['dashboard'], access: 'member', chats: 'private', summary: 'web', handler: webHandler },
  ];
  return table;
}

/** Commands that end a report conversation rather than interrupt it. */
const CANCEL_COMMANDS: ReadonlySet<string> = new Set(['huy', 'cancel']);
/** Commands that only look things up: usable mid-report, which keeps the draft for later. */
const LOOK_UP_COMMANDS: ReadonlySet<string> = new Set(['kyhan', 'deadlines', 'status', 'tinhhinh', 'trogiup', 'help', 'toi', 'whoami']);
/** Commands that (re)start the report: mid-report they offer "tiếp tục" / "làm lại". */
const REPORT_COMMANDS: ReadonlySet<string> = new Set(['baocao', 'report']);

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/** Splits `/cmd@Bot args` into its parts, or undefined when the text is not a command. */
export function parseCommand(text: string): { name: string; botName?: string; args: string } | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return undefined;
  return { name: (m[1] ?? '').toLowerCase(), ...(m[2] ? { botName: m[2] } : {}), args: (m[3] ?? '').trim() };
}

/**
 * In an agency's group a person acts only for that agency: their other agencies are set aside, so
 * nothing of another agency is shown or done there.
 */
export function scopeToChat(identity: Identity, binding: ChatBinding | undefined): Identity {
  if (!binding || binding.target.kind !== 'agency') return identity;
  const agencyId = binding.target.agencyId;
  return { ...identity, agencies: identity.agencies.filter((a) => a.agencyId === agencyId) };
}

export function createRouter(services: Services, options: RouterOptions = {}): Router {
  const commands = commandTable(options.extraHelp);
  const byName = new Map<string, CommandSpec>();
  for (const c of commands) for (const n of [c.name, ...c.aliases]) byName.set(n, c);

  async function identify(incoming: Incoming, reads: IntakeReads): Promise<Identity> {
    return identityFrom(incoming.sender.account, incoming.sender.name, await reads.grants, services.adminIds);
  }

  /** Why this person may not run this command here, or undefined when they may. */
  function refusal(
    spec: CommandSpec,
    identity: Identity,
    scoped: Identity,
    binding: ChatBinding | undefined,
    inGroup: boolean,
    texts: Texts,
  ): string | undefined {
    if (!mayUse(identity, spec.access)) {
      if (!mayUse(identity, 'member')) return texts.notRegistered;
      const needed = spec.access === 'anyone' || spec.access === 'member' ? 'member' : spec.access === 'agency' ? 'head' : spec.access;
      return texts.forbidden(texts.roleNames[needed]);
    }
    if (spec.chats === 'coordination' && inGroup && binding?.target.kind !== 'coordinator') return texts.progress.coordinationOnly;
    if (!inGroup || spec.access === 'anyone' || spec.access === 'coordinator' || spec.access === 'admin') return undefined;
    if (scoped.isCoordinator || scoped.isAdmin) return undefined;
    // Agency commands in a group need the group bound to the person's own agency.
    if (!binding) return spec.name === 'lienket' ? undefined : texts.groupNotBound;
    if (binding.target.kind === 'coordinator' || !mayUse(scoped, spec.access)) {
      const name =
        binding.target.kind === 'agency'
          ? (findAgency(services.plan, binding.target.agencyId)?.name ?? binding.target.agencyId)
          : texts.roleNames.coordinator;
      return texts.notInThisGroup(name);
    }
    return undefined;
  }

  /** The sender as they act here: in an agency's group, for that agency only. */
  async function scopedIdentity(
    incoming: Incoming,
    reads: IntakeReads,
  ): Promise<{ identity: Identity; scoped: Identity; binding: ChatBinding | undefined }> {
    const identity = await identify(incoming, reads);
    const binding = await reads.binding;
    return { identity, scoped: scopeToChat(identity, binding), binding };
  }

  async function reportTurn(incoming: Incoming, texts: Texts, reads: IntakeReads): Promise<ReportTurn> {
    return { services, incoming, texts, identity: (await scopedIdentity(incoming, reads)).scoped };
  }

  /**
   * A message while the sender has a report conversation open in this chat: answers, options and
   * anything unreadable go to the conversation (which explains and asks again); a command other
   * than /huy is not run but explained. Undefined for /huy, which the command table runs.
   */
  async function inConversation(
    incoming: Incoming,
    texts: Texts,
    key: string,
    state: ReportConversation,
    command: ReturnType<typeof parseCommand>,
    reads: IntakeReads,
  ): Promise<Reply[] | undefined> {
    if (command && (CANCEL_COMMANDS.has(command.name) || LOOK_UP_COMMANDS.has(command.name))) return undefined;
    const turn = await reportTurn(incoming, texts, reads);
    const ask = (explanation: string) => askAgain(turn, key, state, explanation);
    const content = incoming.content;
    if (incoming.edited) return ask(texts.edited);
    if (content.type === 'unsupported') return ask(texts.report.onlyText);
    if (content.type === 'choice') {
      const approval = parseApproveChoice(content.value);
      if (approval) return [...(await approveChoice(turn, approval)), ...(await ask(texts.report.inProgress))];
      return continueReport(turn, key, state, { type: 'choice', id: content.value });
    }
    if ([...content.text].length > MAX_INPUT_LENGTH) return ask(texts.tooLong(MAX_INPUT_LENGTH));
    if (command && REPORT_COMMANDS.has(command.name)) {
      // "/baocao 4: xong" mid-report adds to the draft, also after a pause (the whole report sent
      // again once told to resend it); a bare /baocao offers to go on or start over.
      if (command.args && looksLikeQuickForm(command.args)) return continueReport(turn, key, state, { type: 'text', text: command.args });
      return setAside(turn, key, state);
    }
    if (command) return ask(texts.report.inProgress);
    return continueReport(turn, key, state, { type: 'text', text: content.text });
  }

  async function route(incoming: Incoming, texts: Texts, reads: IntakeReads, skipConversation = false): Promise<Reply[]> {
    // Buttons of /status (`st:…`) run as the command they stand for, with that command's authorization.
    const asCommand =
      incoming.content.type === 'choice'
        ? (choiceAsCommand(incoming.content.value) ??
          roleSwitchAsCommand(incoming.content.value) ??
          returnChoiceAsCommand(incoming.content.value) ??
          adHocChoiceAsCommand(incoming.content.value))
        : undefined;
    if (asCommand) return route({ ...incoming, content: { type: 'text', text: asCommand } }, texts, reads);
    const inGroup = incoming.chat.kind === 'group';
    const command = incoming.content.type === 'text' ? parseCommand(incoming.content.text) : undefined;
    if (command?.botName && services.botUsername && command.botName.toLowerCase() !== services.botUsername.toLowerCase()) return [];

    // A report conversation open for this person in this chat takes their messages first.
    const conversation: ConversationLookup = skipConversation ? { kind: 'none', key: '' } : await reads.conversation;
    if (conversation.kind === 'open') {
      let handled: Reply[] | undefined;
      try {
        handled = await inConversation(incoming, texts, conversation.key, conversation.state, command, reads);
      } catch (err) {
        throw new HandlerError('baocao', err);
      }
      if (handled) return handled;
      if (command && LOOK_UP_COMMANDS.has(command.name)) {
        // Looked up mid-report: answered as usual, and the draft is set aside for "tiếp tục".
        const looked = await route(
          { ...incoming, content: { type: 'text', text: `/${command.name}${command.args ? ` ${command.args}` : ''}` } },
          texts,
          reads,
          true,
        );
        await saveConversation(services, conversation.key, pause(conversation.state), false);
        return [...looked, reply(texts.report.keptOpen)];
      }
    }

    // In groups the bot stays quiet about anything not addressed to it, so it never spams.
    if (incoming.edited) return inGroup ? [] : [reply(texts.edited)];
    if (incoming.content.type === 'unsupported') return inGroup ? [] : [reply(texts.unsupported)];
    if (incoming.content.type === 'choice') {
      const approval = parseApproveChoice(incoming.content.value);
      if (approval) {
        const turn = await reportTurn(incoming, texts, reads);
        if (!mayUse(turn.identity, 'member')) return [reply(texts.notRegistered)];
        try {
          return await approveChoice(turn, approval);
        } catch (err) {
          throw new HandlerError('duyet', err);
        }
      }
      if (conversation.kind === 'lapsed')
        return lapsedReply(await reportTurn(incoming, texts, reads), conversation.key, conversation.until);
      return [reply(texts.staleChoice)];
    }

    const text = incoming.content.text;
    if (!command) {
      if (conversation.kind === 'lapsed')
        return lapsedReply(await reportTurn(incoming, texts, reads), conversation.key, conversation.until);
      if (inGroup) return [];
      if ([...text].length > MAX_INPUT_LENGTH) return [reply(texts.tooLong(MAX_INPUT_LENGTH))];
      // A report pasted without the command: say how to send it (nothing is filed from a guess).
      return [reply(looksLikeQuickForm(text) ? texts.quickFormWithoutCommand : texts.plainTextHint)];
    }
    if ([...text].length > MAX_INPUT_LENGTH) return [reply(texts.tooLong(MAX_INPUT_LENGTH))];

    const spec = byName.get(command.name);
    if (!spec) {
      if (inGroup && !command.botName) return [];
      const meant = suggestCommand(command.name, [...byName.keys()], command.args.split(/\s+/)[0]);
      return [reply(meant ? texts.didYouMean(command.name, meant) : texts.unknownCommand(command.name))];
    }

    if (spec.chats === 'private' && inGroup) return [reply(texts.privateOnly)];
    if (spec.chats === 'group' && !inGroup) return [reply(texts.groupOnly)];

    const { identity, scoped, binding } = await scopedIdentity(incoming, reads);
    const refused = refusal(spec, identity, scoped, binding, inGroup, texts);
    if (refused) return [reply(refused)];
    try {
      return await spec.handler({
        incoming,
        identity: scoped,
        ...(binding ? { binding } : {}),
        args: command.args,
        services,
        texts,
        language: replyLanguage(incoming),
      });
    } catch (err) {
      throw new HandlerError(spec.name, err);
    }
  }

  return {
    commands,
    async handle(incoming) {
      const texts = textsFor(replyLanguage(incoming));
      try {
        const reads = startIntakeReads(services, incoming);
        if (incoming.chat.kind === 'private') await touchContact(services, incoming, reads);
        return await route(incoming, texts, reads);
      } catch (err) {
        services.logger.error(
          {
            err,
            command: err instanceof HandlerError ? err.command : undefined,
            platform: incoming.platform,
            updateId: incoming.updateId,
            chat: incoming.chat.kind,
            content: incoming.content.type,
          },
          'handler failed',
        );
        return [reply(texts.internalError)];
      }
    },
  };
}
