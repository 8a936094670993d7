import type { Period } from '../domain/period.js';
import { formatDate, formatDateTime, formatDateWithWeekdayVi } from './format.js';

/**
 * Every message the bot sends, in Vietnamese — the language of the people it serves. Polite,
 * short, in the register of official correspondence. `en.ts` must have the same keys.
 */
export const vi = {
  welcome: (name: string) =>
    `Kính chào đồng chí ${name}.\nĐôn Đốc là trợ lý nhắc hạn và nhận báo cáo tiến độ gửi UBND tỉnh (qua Sở Nội vụ).\nGõ /trogiup để xem các lệnh.`,
  helpHeader: 'Các lệnh đồng chí có thể dùng:',
  helpNotRegistered:
    'Tài khoản của đồng chí chưa được đăng ký với cơ quan, đơn vị nào. Đề nghị liên hệ Sở Nội vụ để nhận mã mời, sau đó gửi /dangky MÃ.',
  helpFooter: 'Trong nhóm, lệnh có thể kèm tên bot, ví dụ /trogiup@TenBot.',
  unknownCommand: (command: string) => `Lệnh /${command} không có. Đề nghị gõ /trogiup để xem các lệnh.`,
  notRegistered:
    'Tài khoản của đồng chí chưa được đăng ký. Đề nghị liên hệ Sở Nội vụ để nhận mã mời, sau đó gửi /dangky MÃ.',
  forbidden: (needed: string) => `Lệnh này chỉ dành cho ${needed}.`,
  roleNames: {
    admin: 'quản trị viên',
    coordinator: 'cán bộ điều phối của Sở Nội vụ',
    head: 'thủ trưởng cơ quan, đơn vị',
    deputy: 'cấp phó được giao báo cáo',
    member: 'cán bộ đã đăng ký với một cơ quan, đơn vị',
  },
  privateOnly: 'Lệnh này chỉ dùng trong tin nhắn riêng với bot, để bảo mật thông tin.',
  groupOnly: 'Lệnh này chỉ dùng trong nhóm của cơ quan, đơn vị.',
  unsupported: 'Xin lỗi, Đôn Đốc chỉ đọc được tin nhắn chữ. Đề nghị gửi lại bằng chữ, hoặc gõ /trogiup.',
  edited: 'Tin nhắn đã sửa không được ghi nhận. Nếu cần thay đổi, đề nghị gửi tin nhắn mới.',
  tooLong: (max: number) => `Tin nhắn dài quá ${max} ký tự nên chưa được ghi nhận. Đề nghị rút gọn rồi gửi lại.`,
  plainTextHint: 'Đôn Đốc chưa hiểu tin nhắn này. Đề nghị gõ /trogiup để xem các lệnh, hoặc /baocao để báo cáo tiến độ.',
  staleChoice: 'Lựa chọn này đã hết hiệu lực. Đề nghị gõ lại lệnh.',
  internalError: 'Xin lỗi, đã có lỗi khi xử lý yêu cầu. Dữ liệu đã gửi không bị mất; đề nghị thử lại sau ít phút.',

  whoami: (name: string, account: string, roles: readonly string[]) =>
    [`Đồng chí ${name} (${account})`, roles.length > 0 ? `Vai trò:\n${roles.map((r) => `• ${r}`).join('\n')}` : 'Chưa có vai trò nào.'].join('\n'),
  roleLine: {
    admin: 'Quản trị viên',
    coordinator: 'Cán bộ điều phối (Sở Nội vụ)',
    head: (agency: string) => `Thủ trưởng — ${agency}`,
    deputy: (agency: string) => `Cấp phó — ${agency}`,
  },

  deadlinesNone: 'Hiện không có kỳ báo cáo nào đang mở hoặc sắp đến hạn.',
  deadlinesFor: (agency: string) => `Kính gửi Thủ trưởng ${agency}.\nCác kỳ báo cáo hiện tại:`,
  deadlinesAll: 'Các kỳ báo cáo hiện tại:',
  periodBlock: (p: { period: Period; campaign: string; legalBasis: string }) =>
    [
      `📌 ${capitalise(p.campaign)} — ${p.period.name}`,
      `   Căn cứ: ${p.legalBasis}`,
      `   Số liệu tính từ ${formatDate(p.period.cutoff.from)} đến ${formatDate(p.period.cutoff.to)}`,
      `   Hạn gửi: ${formatDateWithWeekdayVi(p.period.deadline)}`,
    ].join('\n'),
  daysLeft: (days: number, workingDays: number, phase: 'upcoming' | 'open' | 'overdue', opensOn: string) =>
    phase === 'upcoming'
      ? `   Bắt đầu nhận báo cáo từ ${formatDate(opensOn)} (còn ${days} ngày đến hạn)`
      : days > 0
        ? `   Còn ${days} ngày đến hạn (${workingDays} ngày làm việc)`
        : days === 0
          ? '   Hôm nay là hạn cuối'
          : `   Đã quá hạn ${-days} ngày`,
  reportedAt: (at: number, late: boolean, revision: number) =>
    `   ✅ Đã báo cáo lúc ${formatDateTime(at)}${late ? ' (muộn)' : ''}${revision > 1 ? `, lần ${revision}` : ''}`,
  notReported: '   ⏳ Chưa báo cáo — gửi bằng lệnh /baocao',
  periodTally: (reported: number, total: number) => `   Đã báo cáo: ${reported}/${total} cơ quan, đơn vị`,

  notInThisGroup: (agency: string) => `Trong nhóm này, lệnh chỉ dành cho cán bộ đã đăng ký của ${agency}.`,
  groupNotBound:
    'Nhóm này chưa được liên kết với cơ quan, đơn vị nào. Thủ trưởng gửi /lienket trong tin nhắn riêng với bot để lấy mã, rồi gửi /lienket MÃ trong nhóm.',

  // ── Registration and invites ────────────────────────────────────────────────────────────
  roleTitle: {
    head: (agency: string) => `Thủ trưởng ${agency}`,
    deputy: (agency: string) => `cấp phó được giao báo cáo của ${agency}`,
    coordinator: 'cán bộ điều phối của Sở Nội vụ',
  },
  registerUsage: 'Đề nghị gửi kèm mã mời: /dangky MÃ (mã do Sở Nội vụ cấp).',
  registered: (role: string, agencyName: string | undefined) =>
    [
      `Đăng ký thành công. Đồng chí được ghi nhận là ${role}.`,
      agencyName
        ? `Đôn Đốc sẽ nhắc hạn báo cáo của ${agencyName} qua tin nhắn này. Gõ /kyhan để xem các kỳ báo cáo, /baocao để báo cáo tiến độ.`
        : 'Gõ /kyhan để xem các kỳ báo cáo và tình hình báo cáo của các cơ quan, đơn vị.',
    ].join('\n'),
  alreadyHolds: (role: string) => `Đồng chí đã là ${role}; mã mời chưa bị sử dụng và có thể chuyển cho người khác.`,
  codeUnknown: 'Mã mời không đúng. Đề nghị kiểm tra lại mã (phân biệt chữ hoa, chữ thường) hoặc liên hệ Sở Nội vụ.',
  codeUsed: 'Mã mời này đã được sử dụng. Mỗi mã chỉ dùng một lần; đề nghị liên hệ Sở Nội vụ để nhận mã mới.',
  codeExpired: 'Mã mời này đã hết hạn. Đề nghị liên hệ Sở Nội vụ để nhận mã mới.',
  codeRevoked: 'Mã mời này đã bị thu hồi. Đề nghị liên hệ Sở Nội vụ để nhận mã mới.',
  codeThrottled: (minutes: number) => `Đồng chí đã nhập sai mã nhiều lần. Đề nghị thử lại sau ${minutes} phút.`,
  codeIsForGroup: 'Mã này dùng để liên kết nhóm: thêm Đôn Đốc vào nhóm của cơ quan, rồi gửi /lienket MÃ trong nhóm đó.',
  codeIsPersonal: 'Mã này là mã mời cá nhân: đề nghị gửi /dangky MÃ trong tin nhắn riêng với bot.',
  codeLeaked:
    'Mã mời cá nhân không được gửi vào nhóm. Để bảo mật, mã này đã bị hủy. Đề nghị xin mã mới và gửi /dangky MÃ trong tin nhắn riêng với bot.',

  inviteUsage: [
    'Cách dùng:',
    '/moi <mã cơ quan> — mời thủ trưởng, ví dụ /moi so-y-te',
    '/moi <mã cơ quan> pho — mời cấp phó được giao báo cáo',
    '/moi <mã cơ quan> nhom — mã để liên kết nhóm của cơ quan',
    '/moi dieuphoi — mời cán bộ điều phối của Sở Nội vụ',
    '/moi huy <4 ký tự đầu của mã> — thu hồi mã chưa dùng',
  ].join('\n'),
  inviteNoAgency: (text: string) => `Không tìm thấy cơ quan "${text}". Đề nghị dùng mã cơ quan, xem bằng /coquan.`,
  inviteWhichAgency: (lines: readonly string[]) => `Có nhiều cơ quan khớp, đề nghị ghi rõ mã:\n${lines.join('\n')}`,
  inviteUnknownRole: (text: string) => `Không rõ vai trò "${text}". Dùng: thutruong, pho, nhom (hoặc /moi dieuphoi).`,
  inviteCreated: (p: { who: string; code: string; expires: string; deepLink?: string }) =>
    [
      `Mã mời cho ${p.who}:`,
      p.code,
      `Hết hạn: ${p.expires}. Mã chỉ dùng được một lần.`,
      p.deepLink ? `Telegram: mở ${p.deepLink}` : undefined,
      `Hoặc gửi cho bot (Telegram hoặc Zalo): /dangky ${p.code}`,
      'Đề nghị chuyển mã riêng cho người được mời, không đăng vào nhóm.',
    ]
      .filter(Boolean)
      .join('\n'),
  groupCodeCreated: (p: { target: string; code: string; expires: string }) =>
    [
      `Mã liên kết nhóm cho ${p.target}:`,
      p.code,
      `Hết hạn: ${p.expires}. Mã chỉ dùng được một lần.`,
      `Cách dùng: thêm Đôn Đốc vào nhóm, rồi gửi trong nhóm: /lienket ${p.code}`,
    ].join('\n'),
  openInvitesHeader: 'Mã mời chưa sử dụng:',
  openInviteLine: (p: { hint: string; who: string; expires: string; expired: boolean }) =>
    `• ${p.hint}… — ${p.who} — ${p.expired ? 'đã hết hạn' : `hạn ${p.expires}`}`,
  noOpenInvites: 'Không có mã mời nào đang chờ sử dụng.',
  inviteRevoked: (hint: string) => `Đã thu hồi mã ${hint}….`,
  inviteRevokeNotFound: (hint: string) => `Không tìm thấy mã chưa dùng bắt đầu bằng "${hint}".`,
  inviteRevokeAmbiguous: (hint: string) => `Có nhiều mã bắt đầu bằng "${hint}"; đề nghị ghi thêm ký tự hoặc cả mã.`,
  groupInviteWho: (agency: string) => `nhóm của ${agency}`,
  coordinatorChatWho: 'nhóm điều phối của Sở Nội vụ',

  // ── Linking group chats ─────────────────────────────────────────────────────────────────
  linkUsageGroup: 'Đề nghị gửi kèm mã: /lienket MÃ. Thủ trưởng lấy mã bằng lệnh /lienket trong tin nhắn riêng với bot.',
  linkChooseAgency: (ids: readonly string[]) => `Đồng chí thuộc nhiều cơ quan; đề nghị ghi rõ: ${ids.map((id) => `/lienket ${id}`).join(', ')}`,
  linkNotAllowed: 'Mã này không dành cho đồng chí: chỉ cán bộ của cơ quan được mời (hoặc cán bộ điều phối) mới liên kết được nhóm.',
  linkedAgencyGroup: (p: { agency: string; people: readonly string[] }) =>
    [
      `Nhóm này đã được liên kết với ${p.agency}.`,
      'Đôn Đốc sẽ đăng vào nhóm: lời nhắc hạn báo cáo khi cơ quan chưa báo cáo (trong giờ hành chính, ngày làm việc).',
      p.people.length > 0
        ? `Người được báo cáo thay mặt cơ quan trong nhóm: ${p.people.join(', ')}.`
        : 'Hiện chưa có thủ trưởng hoặc cấp phó nào đăng ký; Sở Nội vụ cấp mã mời bằng /moi.',
      'Các thành viên khác trong nhóm chỉ xem, không báo cáo được.',
    ].join('\n'),
  linkedCoordinatorGroup: [
    'Nhóm này đã được đặt làm nhóm điều phối của Sở Nội vụ.',
    'Đôn Đốc sẽ đăng vào nhóm: báo cáo tổng hợp khi đến hạn, danh sách cơ quan chưa báo cáo hoặc báo cáo muộn.',
    'Chỉ cán bộ điều phối đã đăng ký mới dùng được các lệnh tổng hợp trong nhóm.',
  ].join('\n'),
  unlinked: (what: string) => `Đã hủy liên kết ${what}. Đôn Đốc sẽ không đăng vào đó nữa.`,
  unlinkNothing: 'Không có nhóm nào được liên kết như vậy.',
  unlinkUsage: 'Cách dùng: gửi /huylienket trong nhóm cần hủy, hoặc /huylienket <mã cơ quan> | dieuphoi trong tin nhắn riêng.',

  // ── Directory ────────────────────────────────────────────────────────────────────────────
  directoryHeader: (bound: number, total: number) => `Danh bạ cơ quan, đơn vị: ${bound}/${total} đã có người đăng ký.`,
  directoryNobodyHeader: 'Chưa có ai đăng ký:',
  directoryBoundHeader: 'Đã có người đăng ký:',
  directoryAgency: (name: string, id: string) => `▪ ${name} (${id})`,
  directoryPerson: (n: number, role: 'head' | 'deputy', name: string, unreachable: boolean) =>
    `   ${n}. ${role === 'head' ? 'Thủ trưởng' : 'Cấp phó'}: ${name}${unreachable ? ' ⚠️ bot chưa nhắn được' : ''}`,
  directoryGroup: (title: string) => `   Nhóm: ${title}`,
  directoryDelegation: (to: string, from: string, until: string) => `   Ủy quyền: ${to} thay ${from} đến ${until}`,
  directoryCoordinators: (names: readonly string[]) => `Cán bộ điều phối: ${names.length > 0 ? names.join(', ') : 'chưa có'}`,
  directoryCoordinatorChats: (titles: readonly string[]) => `Nhóm điều phối: ${titles.length > 0 ? titles.join(', ') : 'chưa liên kết'}`,
  directoryUnreachable: (names: readonly string[]) =>
    `⚠️ Bot chưa nhắn riêng được cho: ${names.join(', ')}. Đề nghị các đồng chí này mở Đôn Đốc và gửi /start.`,
  directoryNotFound: (text: string) => `Không tìm thấy cơ quan "${text}".`,

  // ── Delegation ───────────────────────────────────────────────────────────────────────────
  delegateUsage: (deputies: readonly string[]) =>
    [
      'Cách dùng: /uyquyen <số thứ tự cấp phó> <từ ngày> <đến ngày>, ví dụ /uyquyen 1 20/06/2025 30/06/2025',
      'Hủy ủy quyền: /uyquyen huy',
      deputies.length > 0 ? `Cấp phó đã đăng ký:\n${deputies.map((d, i) => `  ${i + 1}. ${d}`).join('\n')}` : 'Cơ quan chưa có cấp phó nào đăng ký; Sở Nội vụ cấp mã mời bằng /moi <mã cơ quan> pho.',
    ].join('\n'),
  delegateCurrent: (to: string, from: string, until: string) => `Đang ủy quyền cho ${to} từ ${from} đến ${until}.`,
  delegateNoDeputy: (text: string) => `Không có cấp phó số "${text}". Gõ /uyquyen để xem danh sách.`,
  delegateBadDates: 'Ngày không hợp lệ. Đề nghị ghi dạng ngày/tháng/năm, ví dụ 20/06/2025 30/06/2025; ngày kết thúc không trước ngày bắt đầu và không trước hôm nay.',
  delegateTooLong: (maxDays: number) => `Ủy quyền tối đa ${maxDays} ngày mỗi lần.`,
  delegateSet: (to: string, from: string, until: string) =>
    `Đã ủy quyền cho ${to} từ ${from} đến ${until}. Trong thời gian này, lời nhắc gửi tới cấp phó và báo cáo của cấp phó được tính là báo cáo của cơ quan. Ủy quyền tự hết hiệu lực sau ngày ${until}.`,
  delegateNotice: (from: string, agency: string, start: string, until: string) =>
    `Kính gửi đồng chí. ${from} đã ủy quyền cho đồng chí báo cáo thay mặt ${agency} từ ${start} đến ${until}. Đôn Đốc sẽ nhắc hạn báo cáo tới đồng chí trong thời gian này.`,
  delegateCleared: 'Đã hủy ủy quyền.',
  delegateNone: 'Hiện không có ủy quyền nào.',

  // ── Administration ───────────────────────────────────────────────────────────────────────
  revokeUsage: 'Cách dùng: /thuhoi <mã cơ quan> <số thứ tự> (xem số thứ tự bằng /coquan <mã cơ quan>), hoặc /thuhoi dieuphoi <số thứ tự>.',
  revokeNotFound: 'Không tìm thấy người cần thu hồi. Xem danh sách bằng /coquan <mã cơ quan>.',
  revoked: (who: string, role: string) => `Đã thu hồi vai trò ${role} của ${who}.`,
  auditHeader: (n: number) => `Nhật ký ${n} thay đổi gần nhất:`,
  auditEmpty: 'Nhật ký chưa có thay đổi nào.',
  auditLine: (at: string, actor: string, action: string, subject: string, detail?: string) =>
    `${at} · ${actor} · ${action} · ${subject}${detail ? ` — ${detail}` : ''}`,

  // ── Ad-hoc requests (báo cáo đột xuất) ─────────────────────────────────────────────────
  adHocUsage: [
    'Cách dùng: /dotxuat <hạn gửi> <các cơ quan> | <nội dung yêu cầu>',
    'Ví dụ: /dotxuat 20/06/2025 so-y-te, xa-muong-kim | Báo cáo nhanh kết quả khen thưởng đột xuất',
    'Ghi "tatca" thay cho danh sách để yêu cầu tất cả cơ quan, đơn vị.',
  ].join('\n'),
  adHocNone: 'Chưa có yêu cầu báo cáo đột xuất nào đang mở.',
  adHocListHeader: 'Yêu cầu báo cáo đột xuất đang mở:',
  adHocListLine: (p: { title: string; deadline: string; reported: number; total: number }) => `• ${p.title} — hạn ${p.deadline} — đã báo cáo ${p.reported}/${p.total}`,
  adHocBadDeadline: 'Hạn gửi không hợp lệ: đề nghị ghi ngày/tháng/năm, không trước hôm nay, ví dụ 20/06/2025.',
  adHocNoTitle: 'Đề nghị ghi nội dung yêu cầu sau dấu "|".',
  adHocUnknownAgencies: (names: readonly string[]) => `Không xác định được cơ quan: ${names.join(', ')}. Đề nghị dùng mã cơ quan (xem /coquan).`,
  adHocCreated: (p: { title: string; deadline: string; moved: boolean; agencies: readonly string[] }) =>
    [
      `Đã tạo yêu cầu báo cáo đột xuất: ${p.title}.`,
      `Hạn gửi: ${p.deadline}${p.moved ? ' (đã lùi sang ngày làm việc kế tiếp)' : ''}.`,
      `Cơ quan được yêu cầu (${p.agencies.length}): ${p.agencies.join(', ')}.`,
      'Đôn Đốc đã gửi thông báo và sẽ nhắc hạn các cơ quan chưa báo cáo.',
    ].join('\n'),
  adHocNotice: (p: { greeting: string; title: string; deadline: string; from: string }) =>
    [p.greeting, `${p.from} đề nghị báo cáo đột xuất: ${p.title}.`, `Hạn gửi: ${p.deadline}.`, 'Gửi báo cáo bằng lệnh /baocao.'].join('\n'),

  // ── Reminders (sent by the scheduler) ────────────────────────────────────────────────────
  reminderGreeting: {
    head: (agency: string) => `Kính gửi đồng chí Thủ trưởng ${agency},`,
    deputy: (name: string, agency: string) => `Kính gửi đồng chí ${name} (cấp phó được giao báo cáo của ${agency}),`,
    delegate: (name: string, agency: string) => `Kính gửi đồng chí ${name} (được ủy quyền báo cáo thay Thủ trưởng ${agency}),`,
    group: (agency: string) => `Kính gửi ${agency},`,
  },
  reminderAsk: (campaign: string, legalBasis: string, period: string) =>
    `Đề nghị báo cáo kết quả thực hiện ${campaign} (${legalBasis}), kỳ ${period}.`,
  reminderAskAdHoc: (title: string) => `Đề nghị gửi báo cáo đột xuất: ${title}.`,
  reminderDue: (deadline: string, workingDaysLeft: number) =>
    workingDaysLeft > 0 ? `Hạn gửi: ${deadline} — còn ${workingDaysLeft} ngày làm việc.` : `Hạn gửi: ${deadline} — hôm nay là hạn cuối.`,
  reminderOverdue: (deadline: string, workingDaysLate: number) =>
    `Đã quá hạn ${workingDaysLate} ngày làm việc (hạn gửi: ${deadline}). Đề nghị gửi báo cáo sớm.`,
  reminderHow: 'Gửi báo cáo bằng lệnh /baocao (trong tin nhắn riêng với bot hoặc trong nhóm của cơ quan).',
  escalation: (p: { period: string; campaign: string; deadline: string; workingDaysLate: number; missing: readonly string[]; total: number }) =>
    [
      'Kính gửi Sở Nội vụ,',
      `Kỳ báo cáo ${p.period} (${p.campaign}) đã quá hạn ${p.workingDaysLate} ngày làm việc (hạn gửi: ${p.deadline}).`,
      `Còn ${p.missing.length}/${p.total} cơ quan, đơn vị chưa báo cáo:`,
      ...p.missing.map((m) => `• ${m}`),
    ].join('\n'),
  unreachableNotice: (p: { who: string; agency: string; reason: string; fellBackToGroup: boolean }) =>
    [
      `Không gửi được lời nhắc riêng tới ${p.who} (${p.agency}): ${p.reason}.`,
      p.fellBackToGroup ? 'Lời nhắc đã được gửi vào nhóm của cơ quan.' : 'Cơ quan chưa liên kết nhóm; đề nghị liên hệ trực tiếp.',
    ].join(' '),
  unreachableReason: {
    blocked: 'đồng chí đã chặn bot',
    'not-found': 'đồng chí chưa mở chat với bot',
    other: 'lỗi gửi tin',
  },
  nextReminder: (when: string) => `   Lời nhắc tiếp theo: ${when}`,

  commands: {
    start: 'Bắt đầu, giới thiệu bot',
    help: 'Danh sách lệnh và cách dùng',
    deadlines: 'Các kỳ báo cáo và hạn gửi',
    whoami: 'Tài khoản và vai trò của tôi',
    register: 'Đăng ký bằng mã mời',
    link: 'Liên kết nhóm với cơ quan (lấy mã hoặc dùng mã)',
    invite: 'Cấp mã mời thủ trưởng, cấp phó, cán bộ điều phối',
    directory: 'Danh bạ cơ quan, người đăng ký, nhóm',
    delegate: 'Ủy quyền cho cấp phó trong thời gian vắng',
    revoke: 'Thu hồi vai trò của một người',
    unlink: 'Hủy liên kết nhóm',
    audit: 'Nhật ký thay đổi',
    adHoc: 'Yêu cầu báo cáo đột xuất',
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type Texts = typeof vi;
