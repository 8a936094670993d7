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
  didYouMean: (typed, meant) => `There is no /${typed} command. Did you mean /${meant}?`,
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
  quickFormWithoutCommand:
    'This message looks like a report but has no command. Please send it again with /report at the start, e.g. /report 1 done, 2 in progress 40%. Send /help to see the commands.',
  staleChoice: 'This option has expired. Please send the command again.',
  choiceNotYours: (name: string) => `This button is for ${name}.`,
  internalError:
    'Sorry, something went wrong with this request. Reports that got a receipt (BC-…) are all kept; please send it again in a few minutes.',
  notProcessed: 'Sorry, Đôn Đốc is briefly unavailable and could not handle this message. Please send it again in a few minutes.',

  whoami: (name, account, roles) =>
    [`${name} (${account})`, roles.length > 0 ? `Roles:\n${roles.map((r) => `• ${r}`).join('\n')}` : 'No roles yet.'].join('\n'),
  roleLine: {
    admin: 'Administrator',
    coordinator: 'Coordinator (Department of Home Affairs)',
    head: (agency) => `Head — ${agency}`,
    deputy: (agency) => `Deputy — ${agency}`,
  },

  deadlinesNone: 'No reporting period is open or coming up.',
  deadlinesFor: (office) => `To the ${office}.\nCurrent reporting periods:`,
  deadlinesAll: 'Current reporting periods:',
  periodBlock: (p) =>
    [
      `📌 ${p.campaign} — ${p.period.name}`,
      `   Code: ${p.period.id}`,
      `   Basis: ${p.legalBasis}`,
      `   Data from ${formatDate(p.period.cutoff.from)} to ${formatDate(p.period.cutoff.to)}`,
      `   Due: ${formatDateWithWeekdayEn(p.period.deadline)}`,
    ].join('\n'),
  daysLeft: (days, workingDays, phase, opensOn) =>
    phase === 'upcoming'
      ? `   Reports accepted from ${formatDate(opensOn)} (${days} days to the deadline)`
      : days > 0
        ? `   ${days} day${days === 1 ? '' : 's'} left (${workingDays} working)`
        : days === 0
          ? '   Due today'
          : `   Overdue by ${-days} day${days === -1 ? '' : 's'}`,
  reportedAt: (at, late, revision, revisedAfterDeadlineAt) =>
    `   ✅ Reported at ${formatDateTime(at)}${late ? ' (late)' : ' (on time)'}${revision > 1 ? `, revision ${revision}` : ''}${revisedAfterDeadlineAt !== undefined ? `; amended after the deadline at ${formatDateTime(revisedAfterDeadlineAt)}` : ''}`,
  notReported: '   ⏳ Not reported yet — use /report',
  periodTally: (reported, total) => `   Reported: ${reported} of ${total} agencies`,

  notInThisGroup: (agency) => `In this group, commands are only for the registered staff of ${agency}.`,
  groupNotBound:
    'This group is not linked to an agency yet. The head sends /link in a private chat with the bot to get a code, then /link CODE in the group.',

  roleTitle: {
    head: (agency) => `head of ${agency}`,
    deputy: (agency) => `deputy reporting for ${agency}`,
    coordinator: 'coordinator of the Department of Home Affairs',
  },
  registerUsage: 'Please add the invite code: /register CODE (given by the Department of Home Affairs).',
  registered: (role, agencyName) =>
    [
      `Registered. You are recorded as ${role}.`,
      agencyName
        ? `Đôn Đốc will remind you of ${agencyName}'s deadlines in this chat. Send /deadlines for the periods, /report to report progress.`
        : "Send /deadlines for the periods and the agencies' reporting.",
    ].join('\n'),
  roleSwitchAsk: (current, offered) =>
    [
      `You are registered as ${current}; this code invites the ${offered}.`,
      'One person holds one role in an agency. Do you want to switch to the new role?',
      'Press the button below to switch; to keep your current role, do nothing: the code is not used.',
    ].join('\n'),
  roleSwitchChoice: (title) => `Switch to ${title}`,
  alreadyHolds: (role) => `You are already ${role}; the invite was not used and can be given to someone else.`,
  codeUnknown: 'This invite code is not valid. Please check it (codes are case-sensitive) or contact the Department of Home Affairs.',
  codeUsed: 'This invite code has already been used. Each code works once; ask the Department of Home Affairs for a new one.',
  codeExpired: 'This invite code has expired. Ask the Department of Home Affairs for a new one.',
  codeRevoked: 'This invite code has been withdrawn. Ask the Department of Home Affairs for a new one.',
  codeThrottled: (minutes) => `Too many wrong codes. Please try again in ${minutes} minutes.`,
  codeIsForGroup: "This code links a group: add Đôn Đốc to the agency's group, then send /link CODE in that group.",
  codeIsPersonal: 'This is a personal invite: send /register CODE in a private chat with the bot.',
  codeLeaked:
    'Personal invite codes must not be posted in groups. For safety this code has been cancelled. Ask for a new one and send /register CODE in a private chat with the bot.',

  inviteUsage: [
    'Usage:',
    '/invite <agency id> — invite the head, e.g. /invite so-y-te',
    '/invite <agency id> pho — invite a deputy who reports',
    "/invite <agency id> nhom — a code to link the agency's group",
    '/invite dieuphoi — invite a coordinator',
    '/invite huy <first 4 characters> — withdraw an unused code',
  ].join('\n'),
  inviteNoAgency: (text) => `No agency "${text}". Use the agency id; see /agencies.`,
  inviteWhichAgency: (lines) => `Several agencies match; please give the id:\n${lines.join('\n')}`,
  inviteUnknownRole: (text) => `Unknown role "${text}". Use: thutruong, pho, nhom (or /invite dieuphoi).`,
  inviteCreated: (p) =>
    [
      `Invite for ${p.who}:`,
      p.code,
      `Expires: ${p.expires}. The code works once.`,
      p.deepLink ? `Telegram: open ${p.deepLink}` : undefined,
      `Or send the bot (Telegram or Zalo): /register ${p.code}`,
      'Please pass the code privately to the person invited; do not post it in a group.',
    ]
      .filter(Boolean)
      .join('\n'),
  groupCodeCreated: (p) =>
    [
      `Group link code for ${p.target}:`,
      p.code,
      `Expires: ${p.expires}. The code works once.`,
      `Add Đôn Đốc to the group, then send in the group: /link ${p.code}`,
    ].join('\n'),
  openInvitesHeader: 'Unused invites:',
  openInviteLine: (p) => `• ${p.hint}… — ${p.who} — ${p.expired ? 'expired' : `until ${p.expires}`}`,
  noOpenInvites: 'No invite is waiting to be used.',
  inviteRevoked: (hint) => `Invite ${hint}… withdrawn.`,
  inviteRevokeNotFound: (hint) => `No unused invite starts with "${hint}".`,
  inviteRevokeAmbiguous: (hint) => `Several invites start with "${hint}"; give more characters or the whole code.`,
  groupInviteWho: (agency) => `the group of ${agency}`,
  coordinatorChatWho: "the coordinators' group",

  accountLinkCode: (code, expires) =>
    [
      'Code to link your second account (Zalo or Telegram):',
      code,
      `Expires: ${expires}. Open Đôn Đốc in the other app and send: /link ${code}`,
      'That account will hold the same roles as this one. Do not pass the code on.',
    ].join('\n'),
  accountLinked: (roles) =>
    `Accounts linked. This account holds the same roles: ${roles.join('; ')}. Reminders and reports work in both apps.`,
  accountLinkSameAccount: 'This code was made from this very account. Send /link CODE from the other app (Zalo or Telegram).',
  accountLinkNoRoles: 'The account that made the code no longer holds any role to link.',
  accountLinkIsForLink: 'This code links accounts: send /link CODE in a private chat with the bot in the other app.',
  linkUsageGroup: 'Please add the code: /link CODE. The head gets a code by sending /link in a private chat with the bot.',
  linkChooseAgency: (ids) => `You belong to several agencies; please say which: ${ids.map((id) => `/link ${id}`).join(', ')}`,
  linkNotAllowed: "This code is not for you: only the invited agency's staff (or a coordinator) can link the group.",
  rebindCoordinatorGroupAdminOnly: "This is the Department of Home Affairs' coordinators' group; only an administrator can link it again.",
  rebindOtherAgencyGroup:
    "This group is linked to another agency; only that agency's staff, a coordinator or an administrator can link it again.",
  tooManyOpenCodes: (limit) =>
    `You have ${limit} unused codes. Please use or cancel old ones (/invite revoke ABCD) before creating a new one.`,
  sendingTooFast: 'You are sending too fast; please wait a few minutes and send again.',
  hourlyQuotaReached: (limit) => `You have taken ${limit} logged actions in the past hour. Please try again in a few minutes.`,
  linkedAgencyGroup: (p) =>
    [
      `This group is now linked to ${p.agency}.`,
      'Đôn Đốc will post here: deadline reminders while the agency has not reported (office hours, working days).',
      p.people.length > 0
        ? `People who may report for the agency here: ${p.people.join(', ')}.`
        : 'No head or deputy has registered yet; coordinators issue invites with /invite.',
      'Other members of the group can read but not report.',
    ].join('\n'),
  linkedCoordinatorGroup: [
    "This group is now the coordinators' group of the Department of Home Affairs.",
    'Đôn Đốc will post here: summaries at each deadline and the agencies that have not reported or reported late.',
    'Only registered coordinators can use the summary commands here.',
  ].join('\n'),
  unlinked: (what) => `Unlinked ${what}. Đôn Đốc will no longer post there.`,
  unlinkNothing: 'No such linked group.',
  unlinkUsage: 'Usage: send /unlink in the group to unlink, or /unlink <agency id> | dieuphoi in a private chat.',

  directoryHeader: (bound, total) => `Agency directory: ${bound} of ${total} have someone registered.`,
  directoryNobodyHeader: 'Nobody registered yet:',
  directoryBoundHeader: 'With registered staff:',
  directoryAgency: (name, id) => `▪ ${name} (${id})`,
  directoryPerson: (n, role, name, unreachable) =>
    `   ${n}. ${role === 'head' ? 'Head' : 'Deputy'}: ${name}${unreachable ? ' ⚠️ bot cannot message yet' : ''}`,
  directoryGroup: (title) => `   Group: ${title}`,
  directoryDelegation: (to, from, until) => `   Delegation: ${to} for ${from} until ${until}`,
  unnamedPerson: '(name unknown)',
  directoryCoordinators: (names) => `Coordinators: ${names.length > 0 ? names.join(', ') : 'none yet'}`,
  directoryCoordinatorChats: (titles) => `Coordinators' group: ${titles.length > 0 ? titles.join(', ') : 'not linked'}`,
  directoryUnreachable: (names) => `⚠️ The bot cannot message privately: ${names.join(', ')}. Ask them to open Đôn Đốc and send /start.`,
  directoryNotFound: (text) => `No agency "${text}".`,

  delegateUsage: (deputies) =>
    [
      'Usage: /delegate <deputy number> <from> <to>, e.g. /delegate 1 20/06/2025 30/06/2025',
      'End a delegation: /delegate huy',
      deputies.length > 0
        ? `Registered deputies:\n${deputies.map((d, i) => `  ${i + 1}. ${d}`).join('\n')}`
        : 'No deputy is registered; coordinators invite one with /invite <agency id> pho.',
    ].join('\n'),
  delegateCurrent: (to, from, until) => `Delegated to ${to} from ${from} until ${until}.`,
  delegateNoDeputy: (text) => `There is no deputy number "${text}". Send /delegate to see the list.`,
  delegateBadDates:
    'Invalid dates. Please write day/month/year, e.g. 20/06/2025 30/06/2025; the end may not be before the start or before today.',
  delegateTooLong: (maxDays) => `A delegation lasts at most ${maxDays} days.`,
  delegateSet: (to, from, until) =>
    `Delegated to ${to} from ${from} until ${until}. Meanwhile reminders go to the deputy and the deputy's report counts as the agency's. The delegation ends by itself after ${until}.`,
  delegateNotice: (from, agency, start, until) =>
    `${from} has delegated reporting for ${agency} to you from ${start} until ${until}. Đôn Đốc will send the deadline reminders to you during that time.`,
  delegateCleared: 'Delegation ended.',
  delegateNone: 'There is no delegation.',

  revokeUsage: 'Usage: /revoke <agency id> <number> (see the numbers with /agencies <agency id>), or /revoke dieuphoi <number>.',
  revokeNotFound: 'Nobody to revoke there. See the list with /agencies <agency id>.',
  revoked: (who, role) => `Revoked the ${role} role of ${who}.`,
  auditHeader: (n) => `The last ${n} changes:`,
  auditEmpty: 'The audit log is empty.',
  auditLine: (at, actor, action, subject, detail) => `${at} · ${actor} · ${action} · ${subject}${detail ? ` — ${detail}` : ''}`,

  adHocUsage: [
    'Usage: /adhoc <deadline> <agencies> | <what is asked>',
    'E.g.: /adhoc 20/06/2025 so-y-te, xa-muong-kim | Quick report on commendations',
    'Write "tatca" instead of the list to ask every agency.',
  ].join('\n'),
  adHocNone: 'No ad-hoc report request is open.',
  adHocListHeader: 'Open ad-hoc report requests:',
  adHocListLine: (p) => `• ${p.title} — due ${p.deadline} — reported ${p.reported}/${p.total}`,
  adHocBadDeadline: 'Invalid deadline: write day/month/year, not before today, e.g. 20/06/2025.',
  adHocNoTitle: 'Please write what is asked after "|".',
  adHocUnknownAgencies: (names) => `Unknown agencies: ${names.join(', ')}. Use agency ids (see /agencies).`,
  adHocAsk: (p) =>
    [
      `Send the ad-hoc request "${p.title}" to ${p.count} agencies?`,
      p.outside ? `It is outside office hours: the notices will go at ${p.when}, unless you pick "Send now".` : 'Please confirm to send.',
    ].join('\n'),
  adHocConfirmChoice: (count) => `Send to ${count} agencies`,
  adHocQueued: (when) => `It is outside office hours: the notices to the agencies will go at ${when}.`,
  adHocNothingPending: 'No ad-hoc request is waiting for confirmation. Please send /dotxuat again.',
  adHocCreated: (p) =>
    [
      `Ad-hoc report request created: ${p.title}.`,
      `Due: ${p.deadline}${p.moved ? ' (moved to the next working day)' : ''}.`,
      `Agencies asked (${p.agencies.length}): ${p.agencies.join(', ')}.`,
      'Đôn Đốc has notified them and will remind those who have not reported.',
    ].join('\n'),
  adHocNotice: (p) =>
    [p.greeting, `${p.from} asks for an ad-hoc report: ${p.title}.`, `Due: ${p.deadline}.`, 'Report with /report.'].join('\n'),

  report: {
    statusNames: { done: 'Done', 'in-progress': 'In progress', 'not-started': 'Not started' },
    noOpenPeriod: (agency) => `No reporting period is taking reports from ${agency} now. Send /deadlines to see the periods.`,
    opensLater: (period, opensOn) => `The period ${period} takes reports from ${opensOn}.`,
    chooseAgency: (n) => `Which agency are you reporting for? Pick a button, or type its number${n ? ` (1 to ${n})` : ''}.`,
    choosePeriod: (n) =>
      `Several reporting periods are open. Which one are you reporting for? Pick a button, or type its number (1 to ${n}).`,
    periodOption: (period, deadline) => `${period} (due ${deadline})`,
    intro: (p) =>
      [
        p.name ? `Dear ${p.name},` : undefined,
        `Please report on ${p.campaign} (${p.legalBasis}) for ${p.agency}, period ${p.period}; due ${p.deadline}.`,
        `The report has ${p.items} items. Send /cancel at any time; if you have to stop half way, your answers are kept until ${p.keepUntil}.`,
      ]
        .filter(Boolean)
        .join('\n'),
    recordedItems: (itemNos) => `Recorded item${itemNos.length === 1 ? '' : 's'} ${itemNos.join(', ')}.`,
    amendingQuick: (revision, at) =>
      `Your agency reported (revision ${revision}) at ${at}. This report will replace it (earlier ones are kept); items not in your message stay as they were.`,
    amending: (revision, at) =>
      `Your agency reported (revision ${revision}) at ${at}. This report will replace it (earlier revisions are kept). Type "skip" to keep an earlier answer.`,
    itemHeader: (index, total, short) => `Item ${index}/${total}: ${short}`,
    askStatus: 'Status? Pick a button, or type: done, in progress, not started (or 1, 2, 3).',
    askPercent: 'How far along is it, in percent? Type a number from 0 to 100, e.g. 80 or 72.5.',
    askQuantity: (label, unit) => `${label} (unit: ${unit})? Type a whole number, e.g. 12, "sl 12" or "12 ${unit}"; 0 if none yet.`,
    askNote: (max) => `A short note on the result (at most ${max} characters), or type "none".`,
    keepHint: (previous) => `Last time: ${previous}. Type "skip" to keep it.`,
    choiceKeep: 'Keep as before',
    choiceNoNote: 'No note',
    answerLine: (p) =>
      `${p.no}. ${p.short}: ${p.status}${p.percent !== undefined ? ` ${p.percent}%` : ''}${p.quantity !== undefined ? `; ${p.quantity} ${p.unit ?? ''}`.trimEnd() : ''}${p.note ? `; note: ${p.note}` : ''}`,
    reviewLine: (p) =>
      `${p.no}. ${p.short}: ${p.status} ${p.percent}%${p.quantity !== undefined ? `; count: ${p.quantity} ${p.unit ?? ''}`.trimEnd() : ''}${p.note ? `; note: ${p.note}` : '; no note'}`,
    quickFormRead: 'This is how Đôn Đốc read your message (not saved yet):',
    quickFormUnclear: (no, short, typed, why) => `${no}. ${short}: UNCLEAR — "${typed}": ${why}`,
    quickFormOpen: (no, short, asked) => `${no}. ${short}: ${asked}`,
    quickFormNotGiven: 'not in the message, will be asked',
    quickFormKept: 'kept from the last report',
    quickFormStray: (typed, why) => `Unclear: "${typed}" — ${why}`,
    quickFormAskNext: 'Please answer the unclear or missing items below; nothing has been saved yet.',
    draftSoFar: (p) =>
      [
        p.status ?? 'status: will be asked',
        p.percent !== undefined ? `${p.percent}%` : p.status === 'In progress' ? 'percentage: will be asked' : undefined,
        p.quantity !== undefined
          ? `count: ${p.quantity} ${p.unit ?? ''}`.trimEnd()
          : p.unit !== undefined
            ? 'count: will be asked'
            : undefined,
        p.note ? `note: ${p.note}` : undefined,
      ]
        .filter(Boolean)
        .join('; '),
    notAnswered: (no, short) => `${no}. ${short}: (not answered)`,
    reviewHeader: (agency, period) => `Please check the report of ${agency}, period ${period}:`,
    reviewFooter: 'Pick "Confirm" to send, "Edit item N" to change an item, or "Cancel". You may also type: confirm, edit 3, cancel.',
    askDifficulties: (max) => `Difficulties met (optional, at most ${max} characters). Type "none" or pick "Skip" if there are none.`,
    askProposals: (max) => `Proposals to the province (optional, at most ${max} characters). Type "none" or pick "Skip" if there are none.`,
    choiceSkipRemark: 'Skip',
    reviewRemarks: (p) =>
      [
        `Difficulties: ${p.difficulties || 'none'}`,
        `Proposals: ${p.proposals || 'none'}`,
        '(To change them, type "kho khan: …" or "kien nghi: …".)',
      ].join('\n'),
    choiceConfirm: 'Confirm',
    choiceEdit: (no) => `Edit item ${no}`,
    choiceCancel: 'Cancel',
    receipt: (p) =>
      [
        p.draft ? "📝 Đôn Đốc saved the report as a draft awaiting the head's approval." : '✅ Đôn Đốc has received the report.',
        `Agency: ${p.agency}`,
        `Period: ${p.period} (${p.campaign})`,
        `Received: ${p.at}`,
        p.revisedAfterDeadline
          ? `${p.late ? 'Late' : 'On time'} (first report at ${p.firstAt ?? ''}; due ${p.deadline}). This one amends it after the deadline, at ${p.at}.${p.notified ? ' The Department of Home Affairs has been told.' : ''}`
          : p.firstAt && p.firstAt !== p.at && !p.draft
            ? `${p.late ? 'Late' : 'On time'} (first report at ${p.firstAt}; due ${p.deadline}).`
            : p.late
              ? `Late: the deadline was ${p.deadline}.${p.notified ? ' The Department of Home Affairs has been told.' : ''}`
              : `On time (due ${p.deadline}).`,
        `Reference: ${p.reference}${p.revision > 1 ? ` (revision ${p.revision})` : ''}`,
        p.draft ? 'A draft does not count as reported until the head approves it.' : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
    noHeadToApprove: 'No head of this agency is registered with Đôn Đốc to approve it; please contact the Department of Home Affairs.',
    alreadyReceived: 'This report was already received; it was not sent twice.',
    conflict: (p) =>
      [
        `While you were reporting, ${p.name} sent the report of ${p.agency} (revision ${p.revision}, at ${p.at}):`,
        ...p.lines,
        'Your report was not saved, so as not to overwrite it. Please review below: "Confirm" to send yours in its place, "Edit item N", or "Cancel".',
      ].join('\n'),
    busy: 'Someone else from your agency is sending a report right now. Please wait a moment, then pick "Confirm" again.',
    cancelled: 'The report session is cancelled; nothing was saved.',
    nothingToCancel: 'No report session is open.',
    lapsed: (until) =>
      `Your unfinished report was kept until ${until}; it has lapsed and was not saved. Please send /report to start again.`,
    resumeOffer: (p) =>
      `You have an unfinished report (${p.answered}/${p.total} items answered${p.at ? `, last at ${p.at}` : ''}). Choose "Continue" to go on, "Start over" to answer again from the first item, or type: continue, restart, cancel.`,
    choiceResume: 'Continue',
    choiceRestart: 'Start over',
    keptOpen: 'Your unfinished report is kept; type "continue" to go on.',
    inProgress:
      'You are in the middle of a report. Please answer the question below, or send /cancel to end the session before using another command.',
    notAllowedAnymore: (agency) => `You no longer report for ${agency}; the report session is cancelled.`,
    onlyText: 'Đôn Đốc can only read text.',
    forPerson: (name) => `${name}:`,
    problem: (p) => {
      switch (p.kind) {
        case 'empty':
          return 'The message is empty.';
        case 'not-understood':
          return 'Đôn Đốc did not understand this answer.';
        case 'confirm-too-early':
          return 'The report is not finished yet, so it cannot be confirmed. Please answer the question below.';
        case 'percent-not-number':
          return 'The percentage must be a number from 0 to 100, e.g. 80.';
        case 'percent-not-whole':
          return 'Please give the percentage as a whole number, e.g. 80.';
        case 'percent-negative':
          return 'The percentage cannot be negative; please give a number from 0 to 100.';
        case 'percent-over':
          return `${p.value}% is more than 100%; please give a number from 0 to 100.`;
        case 'status-conflict':
          return `"Done" goes with 100% and "not started" with 0%; ${p.percent}% does not match. Please answer again.`;
        case 'quantity-not-number':
          return 'The count must be a whole number, e.g. 12.';
        case 'quantity-negative':
          return 'The count cannot be negative.';
        case 'quantity-not-whole':
          return 'The count must be a whole number.';
        case 'quantity-too-large':
          return 'The count is too large; please check it.';
        case 'quantity-not-asked':
          return `Item ${p.itemNo} has no count.`;
        case 'note-too-long':
          return `The note is ${p.length} characters, over the limit of ${p.max}. Please shorten it and send it again (Đôn Đốc never cuts it).`;
        case 'nothing-to-keep':
          return 'There is no earlier answer to keep; please answer the question.';
        case 'unknown-item':
          return `There is no item ${p.itemNo}; the report has items 1 to ${p.max}.`;
        case 'duplicate-item':
          return `Item ${p.itemNo} is given twice.`;
        case 'no-item-number':
          return `The line "${p.line}" does not start with an item number.`;
        case 'stray-number':
          return `"${p.text}" stands alone: item ${p.text} with no answer, or a slip? Đôn Đốc will ask that item again.`;
        case 'leftover':
          return `"${p.text}" is not clear (neither a percentage, a count nor a note).`;
        case 'two-statuses':
          return 'Two different statuses are given for one item.';
        case 'percent-in-note':
          return `It is not clear whether "${p.text}" is the progress percentage.`;
        case 'choice-out-of-range':
          return p.percent === undefined
            ? `Please choose from 1 to ${p.max}.`
            : `Please choose a status from 1 to ${p.max}; if ${p.percent} is the percent done, type "${p.percent}%".`;
        case 'resume-choice':
          return 'Please choose "Continue" or "Start over".';
        case 'item-in-note':
          return `It is not clear whether "${p.text}" is a note or also holds the answer for item ${p.itemNo}.`;
      }
    },
    approvalNotice: (p) =>
      [
        `To the head of ${p.agency},`,
        `${p.deputy} (deputy) sent the report for ${p.period} (${p.campaign}) for your approval:`,
        ...p.lines,
        `Draft reference: ${p.reference}.`,
        'Pick "Approve" or send /approve to approve it. To change it, send /report and report again yourself.',
      ].join('\n'),
    choiceApprove: 'Approve',
    choiceReturn: 'Send back',
    draftChanges: (revision, lines) =>
      lines.length > 0
        ? [`Changes since the counting report (revision ${revision}):`, ...lines].join('\n')
        : `No changes since the counting report (revision ${revision}).`,
    draftChangeLine: (before, after) => `• Before: ${before}\n  Now: ${after}`,
    draftFirst: "This is the agency's first report for the period.",
    draftAsk: 'Pick "Approve", or "Send back" (with a reason) for the deputy to fix it.',
    returnUsage: 'Send the reason after the command, e.g. /sendback Please add the figures for item 4.',
    returnWhich: (ids) => `Several drafts are waiting; name the agency: ${ids.map((id) => `/tralai ${id} <reason>`).join(', ')}`,
    returned: (p) => `The draft report of ${p.agency} for ${p.period} was sent back to ${p.deputy}. Reason: ${p.reason}`,
    returnedNotice: (p) =>
      [
        `${p.head} sent back the draft report of ${p.agency} for ${p.period} (reference ${p.reference}).`,
        `Reason: ${p.reason}`,
        'Please fix it and send it again with /report.',
      ].join('\n'),
    deputyReported: (p) =>
      [
        `To the ${p.headOffice},`,
        `${p.deputy} (${p.deputyTitle}) sent the report of ${p.agency} for ${p.period} (${p.campaign}) at ${p.at}; it counts as the agency's report:`,
        ...p.lines,
        `Reference: ${p.reference} (revision ${p.revision}).`,
      ].join('\n'),
    draftWaiting: (deputy) => `   📝 A draft by ${deputy} waits for the head's approval — send /approve to see it.`,
    approved: (p) =>
      [
        `✅ Approved the report of ${p.agency}, period ${p.period}.`,
        `It counts from ${p.at}${p.late ? ` — late (due ${p.deadline})${p.notified ? '; the Department of Home Affairs has been told' : ''}.` : ` — on time (due ${p.deadline}).`}`,
        `Reference: ${p.reference} (revision ${p.revision})`,
      ].join('\n'),
    approvedNotice: (p) => `${p.head}, head of ${p.agency}, approved the report for ${p.period}. Reference: ${p.reference}.`,
    nothingToApprove: 'No report is waiting for your approval.',
    alreadyApproved: (reference) => `This report is already approved (reference ${reference}).`,
    newerDraft: (revision) => `There is a newer draft of this report (revision ${revision}); please approve that one.`,
    chooseDraft: 'Several reports are waiting for approval; please pick one:',
    draftOption: (agency, period) => `${agency} — ${period}`,
    revisionNotice: (p) =>
      [
        `${p.agency} amended its report for ${p.period} (${p.campaign}) after the deadline, at ${p.at}, by ${p.by}; deadline: ${p.deadline}.`,
        `First report at ${p.firstAt} — ${p.firstLate ? 'late' : 'on time'}; the agency's on-time/late standing does not change.`,
        `Reference: ${p.reference} (revision ${p.revision}).`,
      ].join('\n'),
    lateNotice: (p) =>
      [
        'To the Department of Home Affairs,',
        `${p.agency} sent a late report for ${p.period} (${p.campaign}) at ${p.at}, by ${p.by}; it was due ${p.deadline}.`,
        `Reference: ${p.reference} (revision ${p.revision}).`,
      ].join('\n'),
  },

  reminderDraftPending: "A deputy's draft report waits for approval: send /approve to see and approve it.",
  reminderGreeting: {
    head: (office) => `To the ${office},`,
    deputy: (office) => `To the ${office},`,
    delegate: (office, headOffice) => `To the ${office} (reporting for the ${headOffice} by delegation),`,
    group: (agency) => `To ${agency},`,
  },
  reminderAsk: (campaign, legalBasis, period) => `Please report on ${campaign} (${legalBasis}) for the period ${period}.`,
  reminderAskAdHoc: (title) => `Please send the ad-hoc report: ${title}.`,
  reminderDue: (deadline, workingDaysLeft) =>
    workingDaysLeft > 0
      ? `Due: ${deadline} — ${workingDaysLeft} working day${workingDaysLeft === 1 ? '' : 's'} left.`
      : `Due: ${deadline} — today is the deadline.`,
  reminderOverdue: (deadline, workingDaysLate) =>
    `Overdue by ${workingDaysLate} working day${workingDaysLate === 1 ? '' : 's'} (due ${deadline}). Please report soon.`,
  reminderHow: "Report with /report (in a private chat with the bot or in the agency's group).",
  reminderDraft: (answered, total) =>
    `You have an unfinished report (${answered}/${total} items answered): send /report and choose "Continue" to finish it.`,
  escalation: (p) =>
    [
      'To the Department of Home Affairs,',
      `The period ${p.period} (${p.campaign}) is ${p.workingDaysLate} working days overdue (due ${p.deadline}).`,
      `${p.missing} of ${p.total} agencies have not reported:`,
      `• Reminded, not sent: ${p.reminded.length}`,
      `• Nobody registered to remind: ${p.unregistered}${p.unregistered > 0 ? ' — please invite their heads (/moi <agency id>)' : ''}`,
      ...(p.notReached > 0 ? [`• Registered, no reminder reached yet: ${p.notReached}`] : []),
      ...(p.reminded.length > 0
        ? [
            '',
            `Reminded, not sent (${p.reminded.length}):`,
            ...p.reminded.map((r) => (r.times > 0 ? `• ${r.name} — reminded ${r.times} times` : `• ${r.name}`)),
          ]
        : []),
      ...(p.unregistered > 0 ? ['', `Nobody registered (${p.unregistered}): ${p.unregisteredNames.join('; ')}`] : []),
      ...(p.notReached > 0 ? ['', `Registered, no reminder reached yet (${p.notReached}): ${p.notReachedNames.join('; ')}`] : []),
    ].join('\n'),
  unreachableNotice: (p) =>
    [
      `Could not deliver a private reminder to ${p.who} (${p.agency}): ${p.reason}.`,
      p.fellBackToGroup
        ? "The reminder was posted in the agency's group."
        : 'The agency has no linked group; please contact them directly.',
    ].join(' '),
  unreachableReason: {
    blocked: 'they blocked the bot',
    'not-found': 'they never opened a chat with the bot',
    other: 'delivery failed',
  },
  nextReminder: (when) => `   Next reminder: ${when}`,

  progress: {
    day: (date) => formatDateWithWeekdayEn(date),
    instant: (ms) => formatDateTime(ms),
    number: (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
    percent: (p) => `${Math.round(p * 10) / 10}%`,
    statusNames: { done: 'done', 'in-progress': 'in progress', 'not-started': 'not started' },
    noOpenPeriod: 'No reporting period is open or just past its deadline.',
    coordinationOnly:
      "This command works in a private chat with the bot or in the coordinators' group, so that agencies' information is not shown in one agency's group.",
    periodHeader: (campaign, period) => `📊 ${campaign} — ${period}`,
    deadlineLine: (deadline, days, workingDays) =>
      days > 0
        ? `Due: ${deadline} — ${days} day${days === 1 ? '' : 's'} left (${workingDays} working).`
        : days === 0
          ? `Due: ${deadline} — today is the deadline.`
          : `Due: ${deadline} — ${-days} day${days === -1 ? '' : 's'} overdue (${Math.max(1, -workingDays)} working).`,
    tally: (p) => `${p.reported} of ${p.total} agencies reported: ${p.onTime} on time, ${p.late} late; ${p.missing} not yet.`,
    missingHeader: (n, page, pages) => `⏳ Not reported (${n})${pages > 1 ? ` — page ${page}/${pages}` : ''}:`,
    missingLine: (p) =>
      [
        `${p.no}. ${p.agency} — ${p.heads.length > 0 ? `head: ${p.heads.join(', ')}` : 'no head registered'}`,
        p.unreachable.length > 0 ? ` (the bot cannot message ${p.unreachable.join(', ')} privately)` : '',
        p.draft ? " · a draft awaits the head's approval" : '',
      ].join(''),
    lateHeader: (n) => `⚠️ Reported late (${n}):`,
    lateLine: (agency, at, revisedAt) => `• ${agency} — sent ${at}${revisedAt ? `; amended after the deadline ${revisedAt}` : ''}`,
    onTimeLine: (n) => `✅ On time: ${n} agencies.`,
    revisedHeader: (n) => `✏️ On time, amended after the deadline (${n}):`,
    revisedLine: (agency, firstAt, revisedAt) => `• ${agency} — reported ${firstAt}; amended after the deadline ${revisedAt}`,
    more: (n) => `… and ${n} more agencies.`,
    itemsHeader: (reported) => `By report item (${reported} agencies reported):`,
    itemLine: (p) =>
      `${p.no}. ${p.short}: done ${p.done} · in progress ${p.inProgress} · not started ${p.notStarted}${p.mean ? ` · mean ${p.mean}` : ''}${p.quantity ? ` · total ${p.quantity}` : ''}`,
    nextPage: 'Next page ▶',
    previousPage: '◀ Previous page',
    remindButton: (n) => `🔔 Remind the ${n} agencies now`,
    pageGone: 'That page is gone (the list of agencies not reported has changed). Send /status again.',
    statusUsage:
      'Usage: /status (every open period), /status <period id> [page N], /status <period id> anh (with a picture of the grid), or /status <agency id or name>.',
    notFound: (text) => `No reporting period or agency "${text}". See periods with /deadlines, agencies with /agencies.`,
    notYetOpen: (period, code, opensOn) => `The period ${period} (code ${code}) is not open yet; it opens on ${opensOn}.`,
    periodCode: (code) =>
      `Period code: ${code} (for /status, /summary, /export, /remind; the period's name works too, e.g. "6 thang", "ca nam").`,
    whichAgency: (lines) => `Several agencies match; please give the id:\n${lines.join('\n')}`,
    agencyHeader: (agency, period, campaign) => `📋 ${agency} — ${period} (${campaign})`,
    agencyNotReported: (heads, draft) =>
      [
        `⏳ Not reported yet.${draft ? " A draft awaits the head's approval." : ''}`,
        heads.length > 0 ? `Head: ${heads.join(', ')}` : 'No head registered.',
      ].join('\n'),
    agencyReported: (p) =>
      p.firstAt && p.revision > 1
        ? `${p.late ? '⚠️ Reported late' : '✅ On time'} — first report at ${p.firstAt}; counting: revision ${p.revision}, at ${p.at}${p.revisedAfterDeadline ? ' (amended after the deadline)' : ''}, by ${p.by}.`
        : `${p.late ? '⚠️ Reported late' : '✅ On time'} — revision ${p.revision}, at ${p.at}, by ${p.by}.`,
    answerLine: (p) =>
      `${p.no}. ${p.short}: ${p.status} (${p.percent}%)${p.quantity ? ` — ${p.quantity}` : ''}${p.note ? ` — ${p.note}` : ''}`,
    historyHeader: 'Revisions:',
    draftAmendment: "📝 An amendment (draft) awaits the head's approval; the report above still counts.",
    historyLine: (p) =>
      `• Revision ${p.revision}: ${p.at} — ${p.by}${p.late ? (p.amendment ? ' — amended after the deadline' : ' — late') : ''}${p.draft ? (p.returned ? ' — draft, sent back' : ' — draft') : ''}${p.approvedBy ? ` — approved by ${p.approvedBy}` : ''}`,
    agencyNoPeriod: (agency) => `${agency} has no open reporting period.`,

    summaryTitle: { weekly: 'WEEKLY DIGEST', deadline: 'SUMMARY AT THE DEADLINE', final: 'FINAL SUMMARY', 'on-demand': 'SUMMARY' },
    summaryHeader: (p) =>
      [
        `📊 ${p.title} — ${p.period}`,
        `${p.campaign}${p.legalBasis ? ` (${p.legalBasis})` : ''}`,
        `Figures as of ${p.asOf}; due ${p.deadline}.`,
      ].join('\n'),
    summaryMissing: (n, names) => `⏳ Not reported (${n}): ${names.join('; ')}`,
    summaryRevised: (n, names) => `✏️ Amended after the deadline (${n}): ${names.join('; ')}`,
    summaryRevisedName: (agency, late, at) => `${agency} (first report ${late ? 'late' : 'on time'}; amended ${at})`,
    summaryLate: (n, names) => `⚠️ Reported late (${n}): ${names.join('; ')}`,
    summaryNobodyMissing: '✅ Every agency has reported.',
    summaryMissingName: (agency, heads) => (heads.length > 0 ? `${agency} (head: ${heads.join(', ')})` : agency),
    missingSplit: (p) =>
      [
        `⏳ Not reported: ${p.missing} — reminded, not sent: ${p.reminded}; nobody registered: ${p.unregistered}`,
        p.notReached > 0 ? `; registered, no reminder reached yet: ${p.notReached}` : '',
        '.',
      ].join(''),
    summaryReminded: (n, names) => `🔔 Reminded, not sent (${n}): ${names.join('; ')}`,
    remindedName: (agency, times, heads) => `${agency} (reminded ${times} times${heads.length > 0 ? `; head: ${heads.join(', ')}` : ''})`,
    summaryUnregistered: (n, names) =>
      `👤 Nobody registered (${n}) — nobody to remind; please invite their heads (/moi <agency id>): ${names.join('; ')}`,
    summaryNotReached: (n, names) => `🕒 Registered, no reminder reached yet (${n}): ${names.join('; ')}`,
    statusReach: (p) => `Of these: nobody registered ${p.unregistered} (invite someone); someone to remind ${p.registered}.`,
    remindedSuffix: (times) => (times > 0 ? ` · reminded ${times} times` : ''),
    summaryFooter: 'Details: /status · Excel file and draft Word report: /export',
    chartCaption: (period) => `Progress chart — ${period}`,
    addendum: (p) =>
      [
        `📎 ADDENDUM to the summary of ${p.period} (${p.campaign})`,
        `${p.agency} reported${p.revision > 1 ? ` (revision ${p.revision})` : ''} at ${p.at}${p.workingDaysLate > 0 ? `, ${p.workingDaysLate} working days late` : ''}, after the final summary.`,
        p.mean ? `Its mean progress: ${p.mean}.` : undefined,
        ...p.quantities.map((q) => `• ${q}`),
        `${p.reported} of ${p.total} agencies have now reported.`,
      ]
        .filter((l) => l !== undefined)
        .join('\n'),
    quantityLine: (label, value, unit) => `${label}: ${value} ${unit}`,
    summaryUsage: 'Usage: /summary (every open period) or /summary <period id>.',

    exportReady: (p) =>
      [
        `Exported the Excel workbook (${p.periods} reporting periods, one row per agency × item) and the draft Word report for ${p.report} in the layout of Decree 30/2020/NĐ-CP (in Vietnamese).`,
        'The draft needs checking, a document number and a signature.',
      ].join('\n'),
    exportNothing: 'No reporting period has opened yet, so there is nothing to export.',
    exportUsage: 'Usage: /export (the latest period) or /export <period id>.',

    remindAsk: (p) =>
      [
        p.reachable === p.count
          ? `Remind the ${p.count} agencies that have not reported for ${p.period}?`
          : `Remind the ${p.reachable} agencies that have not reported for ${p.period}? The other ${p.count - p.reachable} of the ${p.count} still to report have nobody registered for reminders and no linked group, so they cannot be reminded (invite them with /moi <agency id>).`,
        p.outside
          ? `It is outside office hours: the reminders will go at ${p.when}, unless you pick "Send now".`
          : 'Please confirm to send.',
      ].join('\n'),
    remindConfirmChoice: (count) => `🔔 Remind ${count} agencies`,
    remindLaterChoice: (when) => `Send at ${when}`,
    remindSendNowChoice: 'Send now (out of hours)',
    remindQueued: (p) =>
      `It is outside office hours. The reminders to the ${p.count} agencies that have not reported for ${p.period} will go at ${p.when}. To send them now, pick "Send now".`,
    remindChoose: 'Remind the agencies that have not reported for which period?',
    remindOption: (period, missing) => `${period} (${missing} not reported)`,
    remindNobody: (period) => `${period}: every agency has reported; nobody to remind.`,
    remindNobodyReachable: (period, count) =>
      `${period}: ${count} agencies have not reported, but none of them has anyone registered for reminders or a linked group, so nobody can be reminded. Invite their heads with /moi <agency id>.`,
    remindNone: 'No open period has agencies still to report.',
    remindDone: (p) =>
      [
        p.agencies > 0
          ? `🔔 Reminded ${p.agencies} agencies that have not reported for ${p.period} (${p.people} private messages, ${p.groups} groups).`
          : `${p.period}: no new reminder was sent.`,
        p.already > 0 ? `${p.already} agencies were already reminded with /remind today and were not reminded again.` : undefined,
        p.unreachable.length > 0 ? `Could not remind (nobody registered, no linked group): ${p.unreachable.join(', ')}.` : undefined,
      ]
        .filter((l) => l !== undefined)
        .join('\n'),
  },

  commands: {
    start: 'Start and introduction',
    help: 'Commands and how to use them',
    deadlines: 'Reporting periods and deadlines',
    whoami: 'My account and roles',
    register: 'Register with an invite code',
    link: 'Link a group to an agency, or your second Zalo/Telegram account (/link taikhoan)',
    invite: 'Invite heads, deputies and coordinators',
    directory: 'Agencies, registered people and groups',
    delegate: 'Delegate reporting to a deputy while away',
    revoke: "Revoke a person's role",
    unlink: 'Unlink a group',
    audit: 'Audit log',
    adHoc: 'Ad-hoc report request',
    status: 'Who has reported, progress per item',
    summary: 'Post a summary now',
    export: 'Export the Excel workbook and the draft Word report',
    remindNow: 'Remind the agencies that have not reported, now',
    report: 'Report progress (step by step, or quickly in one message)',
    cancel: 'Cancel the report session in progress',
    approve: "Approve a deputy's report",
    sendBack: "Send a deputy's draft back, with a reason",
    web: 'A sign-in link to the web dashboard (/web dangxuat signs out)',
  },
  web: {
    link: (url, minutes) =>
      `Your sign-in link to the dashboard (single use, valid ${minutes} minutes, for you only — do not forward it):\n${url}`,
    throttled: 'You asked for several links in a short time. Please use the one you have, or try again in 15 minutes.',
    notServed: 'The dashboard is not enabled on this server. Please ask an administrator.',
    signedOut: 'All your dashboard sessions are signed out.',
    usage: 'Usage: /web for a sign-in link; /web dangxuat to sign out everywhere.',
  },
};
