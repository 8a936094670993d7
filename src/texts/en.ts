import type { Texts } from './vi.js';
import { formatDate, formatDateTime, formatDateWithWeekdayEn } from './format.js';

/** English texts for people whose app is set to English; same keys as `vi`. */
export const en: Texts = {
  welcome: (name) =>
    `Welcome, ${name}.\nĐôn Đốc reminds agencies of reporting deadlines and collects their progress reports for the Provincial People's Committee (through the Department of Home Affairs).\nSend /help to see the commands.`,
  helpHeader: 'Commands you can use:',
  helpNotRegistered:
    'Your account is not registered with any agency yet. Ask the Department of Home Affairs for an invite code, then send /register CODE.',
  helpFooter: 'In groups a command may carry the bot name, e.g. /help@BotName.',
  unknownCommand: (command) => `There is no /${command} command. Send /help to see the commands.`,
  notRegistered: 'Your account is not registered yet. Ask the Department of Home Affairs for an invite code, then send /register CODE.',
  forbidden: (needed) => `This command is only for ${needed}.`,
  roleNames: {
    admin: 'administrators',
    coordinator: 'coordinators of the Department of Home Affairs',
    head: 'agency heads',
    deputy: 'deputies who report for their agency',
    member: 'people registered with an agency',
  },
  privateOnly: 'This command only works in a private chat with the bot, to keep the information private.',
  groupOnly: "This command only works in an agency's group.",
  unsupported: 'Sorry, Đôn Đốc can only read text messages. Please send text, or /help.',
  edited: 'Edited messages are not taken into account. Please send a new message instead.',
  tooLong: (max) => `The message is longer than ${max} characters and was not taken. Please shorten it and send it again.`,
  plainTextHint: 'Đôn Đốc did not understand this message. Send /help for the commands, or /report to report progress.',
  staleChoice: 'This option has expired. Please send the command again.',
  internalError: 'Sorry, something went wrong. Nothing you sent was lost; please try again in a few minutes.',

  whoami: (name, account, roles) =>
    [`${name} (${account})`, roles.length > 0 ? `Roles:\n${roles.map((r) => `• ${r}`).join('\n')}` : 'No roles yet.'].join('\n'),
  roleLine: {
    admin: 'Administrator',
    coordinator: 'Coordinator (Department of Home Affairs)',
    head: (agency) => `Head — ${agency}`,
    deputy: (agency) => `Deputy — ${agency}`,
  },

  deadlinesNone: 'No reporting period is open or coming up.',
  deadlinesFor: (agency) => `To the head of ${agency}.\nCurrent reporting periods:`,
  deadlinesAll: 'Current reporting periods:',
  periodBlock: (p) =>
    [
      `📌 ${p.campaign} — ${p.period.name}`,
      `   Basis: ${p.legalBasis}`,
      `   Data from ${formatDate(p.period.cutoff.from)} to ${formatDate(p.period.cutoff.to)}`,
      `   Due: ${formatDateWithWeekdayEn(p.period.deadline)}`,
    ].join('\n'),
  daysLeft: (days, phase, opensOn) =>
    phase === 'upcoming'
      ? `   Reports accepted from ${formatDate(opensOn)} (${days} days to the deadline)`
      : days > 0
        ? `   ${days} day${days === 1 ? '' : 's'} left`
        : days === 0
          ? '   Due today'
          : `   Overdue by ${-days} day${days === -1 ? '' : 's'}`,
  reportedAt: (at, late, revision) => `   ✅ Reported at ${formatDateTime(at)}${late ? ' (late)' : ''}${revision > 1 ? `, revision ${revision}` : ''}`,
  notReported: '   ⏳ Not reported yet — use /report',
  periodTally: (reported, total) => `   Reported: ${reported} of ${total} agencies`,

  commands: {
    start: 'Start and introduction',
    help: 'Commands and how to use them',
    deadlines: 'Reporting periods and deadlines',
    whoami: 'My account and roles',
  },
};
