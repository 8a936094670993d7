import { createInterface } from 'node:readline';
import type { VirtualClock } from '../../domain/clock.js';
import { localDateAt, parseLocalDateTime } from '../../domain/vietnam-time.js';
import type { Plan } from '../../domain/plan.js';
import { currentPeriods } from '../../domain/period.js';
import type { Incoming } from '../../messaging/incoming.js';
import type { Choice, Reply } from '../../messaging/reply.js';
import type { Store } from '../../store/store.js';
import { formatDateTime, formatDateWithWeekdayVi } from '../../texts/format.js';
import type { Router } from '../../ports/router.js';
import { parseDuration } from './duration.js';
import { adminPerson, findPerson, guestPerson, type PlaygroundPerson } from './identities.js';
import { playgroundTexts as pt } from './playground-texts.js';
import { saveAttachments } from './save-attachments.js';

/** Moves the virtual clock to `toMs`, running whatever falls due on the way (the scheduler). */
export type AdvanceHook = (toMs: number) => Promise<void>;

export interface PlaygroundOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  router: Router;
  store: Store;
  plan: Plan;
  clock: VirtualClock;
  /** Where the embedded store keeps its files, shown in the banner. */
  storeDescription: string;
  /** Echo each input line (when input is a pipe, so the transcript reads like a chat). */
  echo: boolean;
  /** Show a prompt (when input is a terminal). */
  prompt: boolean;
  onAdvance?: AdvanceHook;
  /** Lines printed after the banner. */
  notices?: readonly string[];
  /** Where files the bot sends (exports, charts) are written; default: a folder in the temp dir. */
  exportDir?: string;
  /** Receives the playground's writer, so messages the bot sends on its own print in order. */
  onOutput?: (write: (text: string) => void) => void;
}

/** The playground's own commands, listed at the end of /trogiup. */
export function playgroundHelp(): string {
  return pt.help;
}

/**
 * The local playground: one line in, the bot's replies out, on the real router and store with a
 * virtual clock. Resolves when the input ends and every reply has been printed.
 */
export async function runPlayground(options: PlaygroundOptions): Promise<void> {
  const { output, router, store, plan, clock } = options;
  let person: PlaygroundPerson = adminPerson();
  const GUEST = guestPerson().account;
  let pendingChoices: Choice[] = [];
  const granted = new Set<string>();

  const write = (text: string) => {
    output.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const printReplies = (replies: readonly Reply[]) => {
    for (const r of replies) {
      write(`\n${pt.botPrefix}${r.to ? pt.toChat(r.to.chatId) : ''}\n${r.text}`);
      for (const line of saveAttachments(r.attachments, options.exportDir)) write(line);
      if (r.choices && r.choices.length > 0) {
        write(r.choices.map((c, i) => `  [${i + 1}] ${c.label}`).join('\n'));
        write(pt.answerByNumber);
      }
      // Numbers answer the latest question only: a reply without options retires the old ones.
      if (!r.to) pendingChoices = r.choices ?? [];
    }
  };
  const timeLine = () => pt.now(formatDateTime(clock.now()), formatDateWithWeekdayVi(localDateAt(clock.now())));

  async function becomes(next: PlaygroundPerson): Promise<void> {
    if (!granted.has(next.account)) {
      const existing = await store.people.rolesOf(next.account);
      for (const g of next.grants) {
        if (!existing.some((e) => e.role === g.role && e.agencyId === g.agencyId))
          await store.people.grant({ ...g, grantedAt: clock.now() });
      }
      granted.add(next.account);
    }
    person = next;
    pendingChoices = [];
  }

  async function playgroundCommand(line: string): Promise<boolean> {
    const m = /^\/(as|advance|now|gio)(?:\s+([\s\S]*))?$/i.exec(line);
    if (!m) return false;
    const name = (m[1] ?? '').toLowerCase();
    const arg = (m[2] ?? '').trim();
    if (name === 'as') {
      if (!arg) {
        write(pt.asUsage);
        return true;
      }
      const found = findPerson(plan, arg);
      if ('person' in found) {
        await becomes(found.person);
        write(pt.nowTyping(person.label));
      } else if (found.candidates.length === 0) {
        write(pt.noSuchPerson(arg));
      } else {
        write(pt.whichAgency(found.candidates.slice(0, 12).map((a) => `${a.id} — ${a.name}`)));
      }
      return true;
    }
    if (name === 'now' || name === 'gio') {
      write(timeLine());
      return true;
    }
    // /advance: a span (3d, 2h) or an instant later than now.
    const span = parseDuration(arg);
    const target = span !== undefined ? clock.now() + span : parseLocalDateTime(arg);
    if (target === undefined) {
      write(pt.advanceUsage);
      return true;
    }
    if (target <= clock.now()) {
      write(pt.advanceBackwards);
      return true;
    }
    if (options.onAdvance) await options.onAdvance(target);
    else clock.set(target);
    write(timeLine());
    return true;
  }

  async function handleLine(line: string): Promise<void> {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    if (options.echo) write(`\n» ${line}   [${person.label}]`);
    if (await playgroundCommand(line.trim())) return;
    const n = /^\s*(\d{1,2})\s*$/.exec(line);
    const picked = n ? pendingChoices[Number(n[1]) - 1] : undefined;
    const incoming: Incoming = {
      platform: 'playground',
      chat: person.group ? { id: person.group.id, kind: 'group', title: person.group.title } : { id: person.account, kind: 'private' },
      sender: { account: person.account, name: person.name },
      content: picked ? { type: 'choice', value: picked.id } : { type: 'text', text: line },
      receivedAt: clock.now(),
    };
    printReplies(await router.handle(incoming));
    if (person.account === GUEST) await relabelGuest();
  }

  /** The guest who registers (/dangky) is shown from then on with the role they now hold. */
  async function relabelGuest(): Promise<void> {
    const grants = await store.people.rolesOf(person.account);
    const first = grants[0];
    if (!first) return;
    const agency = first.agencyId ? plan.agencies.find((a) => a.id === first.agencyId)?.name : undefined;
    const role = pt.roleLabel[first.role];
    person = { ...person, label: `${person.name.toLowerCase()} · ${agency ? `${agency} · ` : ''}${role}` };
  }

  options.onOutput?.(write);
  write(pt.banner(options.storeDescription, plan.province.name, timeLine(), person.label));
  for (const notice of options.notices ?? []) write(notice);
  if (currentPeriods(plan.periods, clock.now()).length === 0) {
    const next = [...plan.periods].sort((a, b) => a.opensOn.localeCompare(b.opensOn)).find((p) => p.deadline >= localDateAt(clock.now()));
    const suggestion = next ?? plan.periods[0];
    if (suggestion) write(pt.noCurrentPeriod(suggestion.name, `${suggestion.opensOn}T08:00`));
  }

  const lines = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
  const showPrompt = () => {
    if (options.prompt) output.write(`\n[${person.label}] › `);
  };
  showPrompt();
  // Lines are handled strictly one after another, as a person would type them. A line ending in
  // "\\" continues on the next one, so one message can hold several lines, as in a chat app
  // (a whole report in the quick form); the backslash itself is not part of the message.
  let continued = '';
  const handle = async (message: string) => {
    try {
      await handleLine(message);
    } catch (err) {
      write(pt.failed(err instanceof Error ? err.message : String(err)));
    }
  };
  for await (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (line.endsWith('\\')) {
      continued += `${line.slice(0, -1)}\n`;
      if (options.prompt) output.write('… ');
      continue;
    }
    await handle(continued + line);
    continued = '';
    showPrompt();
  }
  if (continued !== '') await handle(continued.replace(/\n$/, ''));
  if (options.prompt) output.write('\n');
}
