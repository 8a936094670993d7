import type { Period } from '../domain/period.js';
import type { InputProblem } from '../domain/report/answers.js';
import type { ItemStatus } from '../domain/submission.js';
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
  didYouMean: (typed: string, meant: string) => `Không có lệnh /${typed}. Có phải đồng chí muốn dùng /${meant}?`,
  notRegistered: 'Tài khoản của đồng chí chưa được đăng ký. Đề nghị liên hệ Sở Nội vụ để nhận mã mời, sau đó gửi /dangky MÃ.',
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
  quickFormWithoutCommand:
    'Tin nhắn này có dạng báo cáo nhưng chưa có lệnh. Đề nghị gửi lại với /baocao ở đầu tin nhắn, ví dụ: /baocao 1 xong, 2 đang làm 40%. Gõ /trogiup để xem các lệnh.',
  staleChoice: 'Lựa chọn này đã hết hiệu lực. Đề nghị gõ lại lệnh.',
  /** Telegram: a button in a group pressed by someone other than the person it was shown to. */
  choiceNotYours: (name: string) => `Nút này dành cho ${name}.`,
  internalError:
    'Xin lỗi, đã có lỗi khi xử lý yêu cầu này. Các báo cáo đã có mã xác nhận (BC-…) vẫn được lưu đầy đủ; đề nghị đồng chí gửi lại yêu cầu sau ít phút.',
  /** The message could not even be taken in (the store unreachable): nothing of it was handled. */
  notProcessed: 'Xin lỗi, Đôn Đốc đang tạm thời gián đoạn nên chưa xử lý được tin nhắn này. Đề nghị đồng chí gửi lại sau ít phút.',

  whoami: (name: string, account: string, roles: readonly string[]) =>
    [
      `Đồng chí ${name} (${account})`,
      roles.length > 0 ? `Vai trò:\n${roles.map((r) => `• ${r}`).join('\n')}` : 'Chưa có vai trò nào.',
    ].join('\n'),
  roleLine: {
    admin: 'Quản trị viên',
    coordinator: 'Cán bộ điều phối (Sở Nội vụ)',
    head: (agency: string) => `Thủ trưởng — ${agency}`,
    deputy: (agency: string) => `Cấp phó — ${agency}`,
  },

  deadlinesNone: 'Hiện không có kỳ báo cáo nào đang mở hoặc sắp đến hạn.',
  deadlinesFor: (office: string) => `Kính gửi đồng chí ${office},\nCác kỳ báo cáo hiện tại:`,
  deadlinesAll: 'Các kỳ báo cáo hiện tại:',
  periodBlock: (p: { period: Period; campaign: string; legalBasis: string }) =>
    [
      `📌 ${capitalise(p.campaign)} — ${p.period.name}`,
      `   Mã kỳ: ${p.period.id}`,
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
  reportedAt: (at: number, late: boolean, revision: number, revisedAfterDeadlineAt?: number) =>
    `   ✅ Đã báo cáo lúc ${formatDateTime(at)}${late ? ' (muộn)' : ' (đúng hạn)'}${revision > 1 ? `, lần ${revision}` : ''}${revisedAfterDeadlineAt !== undefined ? `; bổ sung sau hạn lúc ${formatDateTime(revisedAfterDeadlineAt)}` : ''}`,
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
  // `reminders` says what is true for this person: reminded here, reminders go to others, or the agency does not report.
  registered: (role: string, agencyName: string | undefined, reminders: 'here' | 'others' | 'not-reporting' = 'here') =>
    [
      `Đăng ký thành công. Đồng chí được ghi nhận là ${role}.`,
      !agencyName
        ? 'Gõ /kyhan để xem các kỳ báo cáo và tình hình báo cáo của các cơ quan, đơn vị.'
        : reminders === 'not-reporting'
          ? `${agencyName} không thuộc danh sách cơ quan, đơn vị phải báo cáo, nên Đôn Đốc không nhắc hạn và không nhận báo cáo của cơ quan. Gõ /kyhan để xem các kỳ báo cáo.`
          : reminders === 'others'
            ? `Theo kế hoạch, lời nhắc hạn báo cáo của ${agencyName} được gửi tới Thủ trưởng cơ quan, không gửi tới đồng chí. Gõ /kyhan để xem các kỳ báo cáo, /baocao để báo cáo tiến độ.`
            : `Đôn Đốc sẽ nhắc hạn báo cáo của ${agencyName} qua tin nhắn này. Gõ /kyhan để xem các kỳ báo cáo, /baocao để báo cáo tiến độ.`,
    ].join('\n'),
  roleSwitchAsk: (current: string, offered: string) =>
    [
      `Đồng chí đang được ghi nhận là ${current}; mã này là mã mời ${offered}.`,
      'Mỗi người chỉ giữ một vai trò trong một cơ quan. Đồng chí có muốn chuyển sang vai trò mới không?',
      'Chọn nút dưới đây để chuyển; nếu giữ nguyên vai trò hiện tại thì không cần làm gì, mã mời chưa bị sử dụng.',
    ].join('\n'),
  roleSwitchChoice: (title: string) => `Chuyển sang vai trò ${title}`,
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
  accountLinkCode: (code: string, expires: string) =>
    [
      'Mã liên kết tài khoản thứ hai (Zalo hoặc Telegram) của đồng chí:',
      code,
      `Hết hạn: ${expires}. Mở Đôn Đốc trên ứng dụng còn lại và gửi: /lienket ${code}`,
      'Tài khoản đó sẽ có cùng vai trò với tài khoản này. Không chuyển mã cho người khác.',
    ].join('\n'),
  accountLinked: (roles: readonly string[]) =>
    `Đã liên kết tài khoản. Tài khoản này giữ cùng vai trò: ${roles.join('; ')}. Lời nhắc và báo cáo dùng được trên cả hai ứng dụng.`,
  accountLinkSameAccount: 'Mã này được tạo từ chính tài khoản này. Đề nghị gửi /lienket MÃ từ ứng dụng còn lại (Zalo hoặc Telegram).',
  accountLinkNoRoles: 'Tài khoản tạo mã không còn vai trò nào để liên kết.',
  accountLinkIsForLink: 'Mã này dùng để liên kết tài khoản: đề nghị gửi /lienket MÃ trong tin nhắn riêng với bot trên ứng dụng còn lại.',
  linkUsageGroup: 'Đề nghị gửi kèm mã: /lienket MÃ. Thủ trưởng lấy mã bằng lệnh /lienket trong tin nhắn riêng với bot.',
  linkChooseAgency: (ids: readonly string[]) =>
    `Đồng chí thuộc nhiều cơ quan; đề nghị ghi rõ: ${ids.map((id) => `/lienket ${id}`).join(', ')}`,
  linkNotAllowed: 'Mã này không dành cho đồng chí: chỉ cán bộ của cơ quan được mời (hoặc cán bộ điều phối) mới liên kết được nhóm.',
  rebindCoordinatorGroupAdminOnly: 'Nhóm này là nhóm điều phối của Sở Nội vụ; chỉ quản trị viên mới liên kết lại được nhóm này.',
  rebindOtherAgencyGroup:
    'Nhóm này đang liên kết với cơ quan khác; chỉ cán bộ của cơ quan đó, cán bộ điều phối hoặc quản trị viên mới liên kết lại được.',
  tooManyOpenCodes: (limit: number) =>
    `Đồng chí đang có ${limit} mã chưa dùng. Đề nghị dùng hoặc hủy bớt mã cũ (/moi huy ABCD) trước khi tạo mã mới.`,
  sendingTooFast: 'Đồng chí gửi quá nhanh, đề nghị chờ ít phút rồi gửi lại.',
  hourlyQuotaReached: (limit: number) =>
    `Đồng chí đã thực hiện ${limit} thao tác cần ghi nhật ký trong một giờ qua. Đề nghị thử lại sau ít phút.`,
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
  unnamedPerson: '(chưa rõ tên)',
  directoryCoordinatorChats: (titles: readonly string[]) => `Nhóm điều phối: ${titles.length > 0 ? titles.join(', ') : 'chưa liên kết'}`,
  directoryUnreachable: (names: readonly string[]) =>
    `⚠️ Bot chưa nhắn riêng được cho: ${names.join(', ')}. Đề nghị các đồng chí này mở Đôn Đốc và gửi /start.`,
  directoryNotFound: (text: string) => `Không tìm thấy cơ quan "${text}".`,

  // ── Delegation ───────────────────────────────────────────────────────────────────────────
  delegateUsage: (deputies: readonly string[]) =>
    [
      'Cách dùng: /uyquyen <số thứ tự cấp phó> <từ ngày> <đến ngày>, ví dụ /uyquyen 1 20/06/2025 30/06/2025',
      'Hủy ủy quyền: /uyquyen huy',
      deputies.length > 0
        ? `Cấp phó đã đăng ký:\n${deputies.map((d, i) => `  ${i + 1}. ${d}`).join('\n')}`
        : 'Cơ quan chưa có cấp phó nào đăng ký; Sở Nội vụ cấp mã mời bằng /moi <mã cơ quan> pho.',
    ].join('\n'),
  delegateCurrent: (to: string, from: string, until: string) => `Đang ủy quyền cho ${to} từ ${from} đến ${until}.`,
  delegateNoDeputy: (text: string) => `Không có cấp phó số "${text}". Gõ /uyquyen để xem danh sách.`,
  delegateBadDates:
    'Ngày không hợp lệ. Đề nghị ghi dạng ngày/tháng/năm, ví dụ 20/06/2025 30/06/2025; ngày kết thúc không trước ngày bắt đầu và không trước hôm nay.',
  delegateTooLong: (maxDays: number) => `Ủy quyền tối đa ${maxDays} ngày mỗi lần.`,
  delegateSet: (to: string, from: string, until: string) =>
    `Đã ủy quyền cho ${to} từ ${from} đến ${until}. Trong thời gian này, lời nhắc gửi tới cấp phó và báo cáo của cấp phó được tính là báo cáo của cơ quan. Ủy quyền tự hết hiệu lực sau ngày ${until}.`,
  delegateNotice: (from: string, agency: string, start: string, until: string, office?: string) =>
    `Kính gửi đồng chí ${office ?? `cấp phó ${agency}`},\n${from} đã ủy quyền cho đồng chí báo cáo thay mặt ${agency} từ ${start} đến ${until}. Đôn Đốc sẽ nhắc hạn báo cáo tới đồng chí trong thời gian này.`,
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
  adHocListLine: (p: { title: string; deadline: string; reported: number; total: number }) =>
    `• ${p.title} — hạn ${p.deadline} — đã báo cáo ${p.reported}/${p.total}`,
  adHocBadDeadline: 'Hạn gửi không hợp lệ: đề nghị ghi ngày/tháng/năm, không trước hôm nay, ví dụ 20/06/2025.',
  adHocNoTitle: 'Đề nghị ghi nội dung yêu cầu sau dấu "|".',
  adHocUnknownAgencies: (names: readonly string[]) =>
    `Không xác định được cơ quan: ${names.join(', ')}. Đề nghị dùng mã cơ quan (xem /coquan).`,
  adHocAsk: (p: { title: string; count: number; outside: boolean; when: string }) =>
    [
      `Đồng chí muốn gửi yêu cầu báo cáo đột xuất "${p.title}" tới ${p.count} cơ quan, đơn vị?`,
      p.outside
        ? `Hiện ngoài giờ hành chính: thông báo sẽ được gửi lúc ${p.when}, trừ khi đồng chí chọn "Gửi ngay".`
        : 'Đề nghị xác nhận để gửi.',
    ].join('\n'),
  adHocConfirmChoice: (count: number) => `Xác nhận gửi ${count} cơ quan`,
  adHocQueued: (when: string) => `Hiện ngoài giờ hành chính: thông báo tới các cơ quan sẽ được gửi lúc ${when}.`,
  adHocNothingPending: 'Không có yêu cầu đột xuất nào đang chờ xác nhận. Đề nghị gõ lại lệnh /dotxuat.',
  adHocCreated: (p: { title: string; deadline: string; moved: boolean; agencies: readonly string[] }) =>
    [
      `Đã tạo yêu cầu báo cáo đột xuất: ${p.title}.`,
      `Hạn gửi: ${p.deadline}${p.moved ? ' (đã lùi sang ngày làm việc kế tiếp)' : ''}.`,
      `Cơ quan được yêu cầu (${p.agencies.length}): ${p.agencies.join(', ')}.`,
      'Đôn Đốc đã gửi thông báo và sẽ nhắc hạn các cơ quan chưa báo cáo.',
    ].join('\n'),
  adHocNotice: (p: { greeting: string; title: string; deadline: string; from: string }) =>
    [p.greeting, `${p.from} đề nghị báo cáo đột xuất: ${p.title}.`, `Hạn gửi: ${p.deadline}.`, 'Gửi báo cáo bằng lệnh /baocao.'].join('\n'),

  // ── Progress reports (/baocao, /huy, /duyet) ─────────────────────────────────────────────
  report: {
    statusNames: { done: 'Hoàn thành', 'in-progress': 'Đang thực hiện', 'not-started': 'Chưa thực hiện' } as Record<ItemStatus, string>,
    noOpenPeriod: (agency: string) => `Hiện ${agency} không có kỳ báo cáo nào đang nhận báo cáo. Gõ /kyhan để xem các kỳ báo cáo.`,
    opensLater: (period: string, opensOn: string) => `Kỳ ${period} bắt đầu nhận báo cáo từ ngày ${opensOn}.`,
    chooseAgency: (n?: number) =>
      `Đồng chí báo cáo cho cơ quan, đơn vị nào? Chọn một nút, hoặc gõ số thứ tự${n ? ` (từ 1 đến ${n})` : ''}.`,
    choosePeriod: (n: number) =>
      `Hiện có nhiều kỳ báo cáo đang mở. Đồng chí báo cáo cho kỳ nào? Chọn một nút, hoặc gõ số thứ tự (từ 1 đến ${n}).`,
    periodOption: (period: string, deadline: string) => `${period} (hạn ${deadline})`,
    intro: (p: {
      name?: string;
      agency: string;
      campaign: string;
      legalBasis: string;
      period: string;
      deadline: string;
      items: number;
      keepUntil: string;
    }) =>
      [
        p.name ? `Kính gửi đồng chí ${p.name},` : undefined,
        `Đề nghị đồng chí báo cáo kết quả thực hiện ${p.campaign} (${p.legalBasis}) của ${p.agency}, kỳ ${p.period}; hạn gửi: ${p.deadline}.`,
        `Báo cáo gồm ${p.items} nội dung. Gõ /huy để hủy bất cứ lúc nào; nếu phải dừng giữa chừng, phần đã trả lời được giữ đến ${p.keepUntil}.`,
      ]
        .filter(Boolean)
        .join('\n'),
    recordedItems: (itemNos: readonly number[]) => `Đã ghi nhận nội dung ${itemNos.join(', ')}.`,
    amendingQuick: (revision: number, at: string) =>
      `Cơ quan đã báo cáo lần ${revision} lúc ${at}. Báo cáo lần này sẽ thay thế báo cáo đó (các lần trước vẫn được lưu); nội dung nào không ghi trong tin nhắn được giữ như lần trước.`,
    amending: (revision: number, at: string) =>
      `Cơ quan đã báo cáo lần ${revision} lúc ${at}. Báo cáo lần này sẽ thay thế báo cáo đó (các lần trước vẫn được lưu). Gõ "bỏ qua" để giữ nguyên câu trả lời lần trước.`,
    itemHeader: (index: number, total: number, short: string) => `Nội dung ${index}/${total}: ${short}`,
    askStatus: 'Tình trạng thực hiện? Chọn một nút, hoặc gõ: hoàn thành, đang thực hiện, chưa thực hiện (hoặc số 1, 2, 3).',
    askPercent: 'Đã thực hiện được bao nhiêu phần trăm? Gõ một số từ 0 đến 100, ví dụ 80 hoặc 72,5.',
    askQuantity: (label: string, unit: string) =>
      `${label} (đơn vị: ${unit})? Gõ một số nguyên không âm, ví dụ 12, "sl 12" hoặc "12 ${unit}"; gõ 0 nếu chưa có.`,
    askNote: (max: number) => `Ghi chú ngắn về kết quả (tối đa ${max} ký tự), hoặc gõ "không" nếu không có ghi chú.`,
    keepHint: (previous: string) => `Lần trước: ${previous}. Gõ "bỏ qua" để giữ nguyên.`,
    choiceKeep: 'Giữ như lần trước',
    choiceNoNote: 'Không ghi chú',
    answerLine: (p: { no: number; short: string; status: string; percent?: number; quantity?: number; unit?: string; note: string }) =>
      `${p.no}. ${p.short}: ${p.status}${p.percent !== undefined ? ` ${decimalComma(p.percent)}%` : ''}${p.quantity !== undefined ? `; ${p.quantity} ${p.unit ?? ''}`.trimEnd() : ''}${p.note ? `; ghi chú: ${p.note}` : ''}`,
    notAnswered: (no: number, short: string) => `${no}. ${short}: (chưa trả lời)`,
    /** One item in the review: every field, always, so a misreading shows before it is saved. */
    reviewLine: (p: { no: number; short: string; status: string; percent: string; quantity?: number; unit?: string; note: string }) =>
      `${p.no}. ${p.short}: ${p.status} ${p.percent}%${p.quantity !== undefined ? `; số lượng: ${p.quantity} ${p.unit ?? ''}`.trimEnd() : ''}${p.note ? `; ghi chú: ${p.note}` : '; không ghi chú'}`,
    quickFormRead: 'Đôn Đốc đọc tin nhắn của đồng chí như sau (chưa lưu):',
    quickFormUnclear: (no: number, short: string, typed: string, why: string) => `${no}. ${short}: CHƯA RÕ — "${typed}": ${why}`,
    quickFormOpen: (no: number, short: string, asked: string) => `${no}. ${short}: ${asked}`,
    quickFormNotGiven: 'chưa có trong tin nhắn, sẽ hỏi',
    quickFormKept: 'giữ như báo cáo lần trước',
    quickFormStray: (typed: string, why: string) => `Chưa rõ: "${typed}" — ${why}`,
    quickFormAskNext: 'Đề nghị đồng chí trả lời các nội dung chưa rõ hoặc còn thiếu dưới đây; chưa có nội dung nào được lưu.',
    /** What a quick form said of an item still to be completed ("Đang thực hiện, tỷ lệ: sẽ hỏi"). */
    draftSoFar: (p: { status?: string; percent?: string; quantity?: number; unit?: string; note?: string }) =>
      [
        p.status ?? 'tình trạng: sẽ hỏi',
        p.percent !== undefined ? `${p.percent}%` : p.status === 'Đang thực hiện' ? 'tỷ lệ: sẽ hỏi' : undefined,
        p.quantity !== undefined
          ? `số lượng: ${p.quantity} ${p.unit ?? ''}`.trimEnd()
          : p.unit !== undefined
            ? 'số lượng: sẽ hỏi'
            : undefined,
        p.note ? `ghi chú: ${p.note}` : undefined,
      ]
        .filter(Boolean)
        .join('; '),
    reviewHeader: (agency: string, period: string) => `Đề nghị đồng chí kiểm tra lại báo cáo của ${agency}, kỳ ${period}:`,
    reviewFooter: 'Chọn "Xác nhận" để gửi, "Sửa mục N" để sửa một nội dung, hoặc "Hủy". Cũng có thể gõ: xác nhận, sửa 3, hủy.',
    // The two optional last questions (khó khăn; kiến nghị), quoted in the draft report.
    askDifficulties: (max: number) =>
      `Khó khăn, vướng mắc trong quá trình thực hiện (không bắt buộc, tối đa ${max} ký tự). Gõ "không" hoặc chọn "Bỏ qua" nếu không có.`,
    askProposals: (max: number) =>
      `Kiến nghị, đề xuất với UBND tỉnh, Sở Nội vụ (không bắt buộc, tối đa ${max} ký tự). Gõ "không" hoặc chọn "Bỏ qua" nếu không có.`,
    choiceSkipRemark: 'Bỏ qua',
    reviewRemarks: (p: { difficulties?: string; proposals?: string }) =>
      [
        `Khó khăn, vướng mắc: ${p.difficulties || 'không'}`,
        `Kiến nghị, đề xuất: ${p.proposals || 'không'}`,
        '(Để sửa, gõ "khó khăn: …" hoặc "kiến nghị: …".)',
      ].join('\n'),
    choiceConfirm: 'Xác nhận',
    choiceEdit: (no: number) => `Sửa mục ${no}`,
    choiceCancel: 'Hủy',
    receipt: (p: {
      agency: string;
      period: string;
      campaign: string;
      at: string;
      late: boolean;
      notified: boolean;
      deadline: string;
      reference: string;
      revision: number;
      draft: boolean;
      firstAt?: string;
      revisedAfterDeadline?: boolean;
    }) =>
      [
        p.draft ? '📝 Đôn Đốc đã lưu báo cáo dưới dạng bản nháp, chờ Thủ trưởng duyệt.' : '✅ Đôn Đốc đã nhận báo cáo.',
        `Cơ quan: ${p.agency}`,
        `Kỳ báo cáo: ${p.period} (${p.campaign})`,
        `Thời gian nhận: ${p.at}`,
        p.revisedAfterDeadline
          ? `${p.late ? 'Báo cáo muộn' : 'Đúng hạn'} (báo cáo lần đầu lúc ${p.firstAt ?? ''}; hạn gửi: ${p.deadline}). Lần này là bổ sung sau hạn, lúc ${p.at}.${p.notified ? ' Sở Nội vụ đã được thông báo.' : ''}`
          : p.firstAt && p.firstAt !== p.at && !p.draft
            ? `${p.late ? 'Báo cáo muộn' : 'Đúng hạn'} (báo cáo lần đầu lúc ${p.firstAt}; hạn gửi: ${p.deadline}).`
            : p.late
              ? `Báo cáo muộn: hạn gửi là ${p.deadline}.${p.notified ? ' Sở Nội vụ đã được thông báo.' : ''}`
              : `Đúng hạn (hạn gửi: ${p.deadline}).`,
        `Số tham chiếu: ${p.reference}${p.revision > 1 ? ` (báo cáo lần ${p.revision})` : ''}`,
        p.draft ? 'Bản nháp chưa được tính là cơ quan đã báo cáo cho đến khi Thủ trưởng duyệt.' : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
    noHeadToApprove: 'Cơ quan chưa có Thủ trưởng đăng ký với Đôn Đốc để duyệt; đề nghị liên hệ Sở Nội vụ.',
    alreadyReceived: 'Báo cáo này đã được nhận trước đó; không gửi lại lần nữa.',
    conflict: (p: { name: string; agency: string; revision: number; at: string; lines: readonly string[] }) =>
      [
        `Trong lúc đồng chí báo cáo, đồng chí ${p.name} đã gửi báo cáo của ${p.agency} (lần ${p.revision}, lúc ${p.at}):`,
        ...p.lines,
        'Báo cáo của đồng chí chưa được lưu, để không ghi đè báo cáo trên. Đề nghị xem lại dưới đây: chọn "Xác nhận" để gửi thay thế, "Sửa mục N" để sửa, hoặc "Hủy".',
      ].join('\n'),
    busy: 'Một cán bộ khác của cơ quan đang gửi báo cáo đúng lúc này. Đề nghị chờ giây lát rồi chọn "Xác nhận" lại.',
    cancelled: 'Đã hủy phiên báo cáo; chưa có nội dung nào được lưu.',
    nothingToCancel: 'Hiện không có phiên báo cáo nào đang mở.',
    lapsed: (until: string) =>
      `Báo cáo đang làm dở của đồng chí chỉ được giữ đến ${until} nên đã hết hạn và chưa được lưu. Đề nghị gõ /baocao để báo cáo lại.`,
    resumeOffer: (p: { answered: number; total: number; at: string }) =>
      `Đồng chí đang có báo cáo làm dở (đã trả lời ${p.answered}/${p.total} nội dung${p.at ? `, lần cuối lúc ${p.at}` : ''}). Chọn "Tiếp tục" để làm tiếp, "Làm lại" để trả lời lại từ đầu, hoặc gõ: tiếp tục, làm lại, hủy.`,
    choiceResume: 'Tiếp tục',
    choiceRestart: 'Làm lại',
    keptOpen: 'Báo cáo đang làm dở của đồng chí vẫn được giữ; gõ "tiếp tục" để làm tiếp.',
    inProgress: 'Đồng chí đang báo cáo dở. Đề nghị trả lời câu hỏi dưới đây, hoặc gõ /huy để hủy phiên báo cáo rồi dùng lệnh khác.',
    notAllowedAnymore: (agency: string) => `Đồng chí không còn được giao báo cáo cho ${agency}; phiên báo cáo đã được hủy.`,
    onlyText: 'Đôn Đốc chỉ đọc được tin nhắn chữ.',
    forPerson: (name: string) => `Đồng chí ${name}:`,
    problem: (p: InputProblem): string => {
      switch (p.kind) {
        case 'empty':
          return 'Tin nhắn trống.';
        case 'not-understood':
          return 'Đôn Đốc chưa hiểu câu trả lời này.';
        case 'confirm-too-early':
          return 'Báo cáo chưa trả lời xong nên chưa xác nhận được. Đề nghị trả lời câu hỏi dưới đây.';
        case 'percent-not-number':
          return 'Tỷ lệ phải là một số từ 0 đến 100, ví dụ 80.';
        case 'percent-not-whole':
          return 'Đề nghị ghi tỷ lệ là số nguyên, ví dụ 80.';
        case 'percent-negative':
          return 'Tỷ lệ không được là số âm; đề nghị ghi một số từ 0 đến 100.';
        case 'percent-over':
          return `Tỷ lệ ${p.value}% vượt quá 100%; đề nghị ghi một số từ 0 đến 100.`;
        case 'status-conflict':
          return `"Hoàn thành" đi với 100%, "Chưa thực hiện" đi với 0%; ${p.percent}% không khớp. Đề nghị ghi lại.`;
        case 'quantity-not-number':
          return 'Số lượng phải là một số nguyên không âm, ví dụ 12.';
        case 'quantity-negative':
          return 'Số lượng không được là số âm.';
        case 'quantity-not-whole':
          return 'Số lượng phải là số nguyên, không có phần lẻ.';
        case 'quantity-too-large':
          return 'Số lượng quá lớn; đề nghị kiểm tra lại.';
        case 'quantity-not-asked':
          return `Nội dung ${p.itemNo} không có số lượng.`;
        case 'note-too-long':
          return `Ghi chú dài ${p.length} ký tự, quá giới hạn ${p.max} ký tự. Đề nghị rút gọn rồi gửi lại (Đôn Đốc không tự cắt bớt).`;
        case 'nothing-to-keep':
          return 'Không có câu trả lời lần trước để giữ nguyên; đề nghị trả lời câu hỏi.';
        case 'unknown-item':
          return `Không có nội dung số ${p.itemNo}; báo cáo gồm các nội dung từ 1 đến ${p.max}.`;
        case 'duplicate-item':
          return `Nội dung ${p.itemNo} được ghi hai lần.`;
        case 'no-item-number':
          return `Dòng "${p.line}" thiếu số thứ tự nội dung ở đầu dòng.`;
        case 'stray-number':
          return `Số "${p.text}" đứng riêng, chưa rõ là nội dung ${p.text} chưa có câu trả lời hay gõ nhầm; Đôn Đốc sẽ hỏi lại nội dung này.`;
        case 'leftover':
          return `Chưa rõ phần "${p.text}" (không phải tỷ lệ, số lượng hay ghi chú).`;
        case 'two-statuses':
          return 'Có hai tình trạng khác nhau cho cùng một nội dung.';
        case 'percent-in-note':
          return `Chưa rõ "${p.text}" có phải là tỷ lệ thực hiện hay không.`;
        case 'choice-out-of-range':
          return p.percent === undefined
            ? `Đề nghị chọn từ 1 đến ${p.max}.`
            : `Đề nghị chọn tình trạng từ 1 đến ${p.max}; nếu ${p.percent} là tỷ lệ đã thực hiện, đề nghị gõ "${p.percent}%".`;
        case 'resume-choice':
          return 'Đề nghị chọn "Tiếp tục" hoặc "Làm lại".';
        case 'item-in-note':
          return `Chưa rõ "${p.text}" là ghi chú hay có cả câu trả lời của nội dung ${p.itemNo}.`;
      }
    },
    approvalNotice: (p: {
      agency: string;
      deputy: string;
      period: string;
      campaign: string;
      lines: readonly string[];
      reference: string;
      headOffice?: string;
      deputyTitle?: string;
    }) =>
      [
        `Kính gửi đồng chí ${p.headOffice ?? `Thủ trưởng ${p.agency}`},`,
        `Đồng chí ${p.deputy} (${p.deputyTitle ?? 'cấp phó'}) đã gửi báo cáo kỳ ${p.period} (${p.campaign}), đề nghị đồng chí duyệt:`,
        ...p.lines,
        `Số tham chiếu bản nháp: ${p.reference}.`,
        'Chọn "Duyệt báo cáo" hoặc gõ /duyet để duyệt. Nếu cần sửa, đồng chí gõ /baocao để báo cáo lại.',
      ].join('\n'),
    choiceApprove: 'Duyệt báo cáo',
    choiceReturn: 'Trả lại',
    // ── Sign-off: what changed, returning a draft, a deputy's report announced to the head ──
    draftChanges: (revision: number, lines: readonly string[]) =>
      lines.length > 0
        ? [`Thay đổi so với báo cáo đã được tính (lần ${revision}):`, ...lines].join('\n')
        : `Không có thay đổi so với báo cáo đã được tính (lần ${revision}).`,
    draftChangeLine: (before: string, after: string) => `• Trước: ${before}\n  Nay: ${after}`,
    draftFirst: 'Đây là báo cáo đầu tiên của cơ quan trong kỳ này.',
    draftAsk: 'Đề nghị đồng chí chọn "Duyệt báo cáo", hoặc "Trả lại" (kèm lý do) để cấp phó sửa.',
    returnUsage: 'Đề nghị gõ lý do trả lại sau lệnh, ví dụ: /tralai Đề nghị bổ sung số liệu mục 4.',
    returnWhich: (ids: readonly string[]) =>
      `Có nhiều bản nháp đang chờ duyệt; đề nghị ghi rõ mã cơ quan: ${ids.map((id) => `/tralai ${id} <lý do>`).join(', ')}`,
    returned: (p: { agency: string; period: string; deputy: string; reason: string }) =>
      `Đã trả lại bản nháp báo cáo của ${p.agency}, kỳ ${p.period}, cho đồng chí ${p.deputy}. Lý do: ${p.reason}`,
    returnedNotice: (p: { head: string; agency: string; period: string; reason: string; reference: string }) =>
      [
        `Đồng chí ${p.head} đã trả lại bản nháp báo cáo của ${p.agency}, kỳ ${p.period} (số tham chiếu ${p.reference}).`,
        `Lý do: ${p.reason}`,
        'Đề nghị đồng chí sửa và gửi lại bằng lệnh /baocao.',
      ].join('\n'),
    deputyReported: (p: {
      headOffice: string;
      deputy: string;
      deputyTitle: string;
      agency: string;
      period: string;
      campaign: string;
      at: string;
      reference: string;
      revision: number;
      lines: readonly string[];
    }) =>
      [
        `Kính gửi đồng chí ${p.headOffice},`,
        `Đồng chí ${p.deputy} (${p.deputyTitle}) đã gửi báo cáo của ${p.agency} kỳ ${p.period} (${p.campaign}) lúc ${p.at}; báo cáo đã được tính là báo cáo của cơ quan:`,
        ...p.lines,
        `Số tham chiếu: ${p.reference} (báo cáo lần ${p.revision}).`,
      ].join('\n'),
    draftWaiting: (deputy: string) => `   📝 Có bản nháp của đồng chí ${deputy} chờ Thủ trưởng duyệt — gõ /duyet để xem.`,
    approved: (p: {
      agency: string;
      period: string;
      at: string;
      late: boolean;
      notified: boolean;
      deadline: string;
      reference: string;
      revision: number;
      firstAt?: string;
      revisedAfterDeadline?: boolean;
    }) =>
      [
        `✅ Đã duyệt báo cáo của ${p.agency}, kỳ ${p.period}.`,
        p.firstAt && p.firstAt !== p.at
          ? `Báo cáo lần này được tính từ ${p.at}${p.revisedAfterDeadline ? ' (bổ sung sau hạn)' : ''}; cơ quan đã báo cáo lần đầu lúc ${p.firstAt} — ${p.late ? 'muộn' : 'đúng hạn'} (hạn gửi: ${p.deadline}).${p.notified ? ' Sở Nội vụ đã được thông báo.' : ''}`
          : `Báo cáo được tính từ ${p.at}${p.late ? ` — muộn so với hạn gửi ${p.deadline}${p.notified ? '; Sở Nội vụ đã được thông báo' : ''}.` : ` — đúng hạn (hạn gửi: ${p.deadline}).`}`,
        `Số tham chiếu: ${p.reference} (báo cáo lần ${p.revision})`,
      ].join('\n'),
    approvedNotice: (p: { head: string; agency: string; period: string; reference: string }) =>
      `Đồng chí ${p.head} đã duyệt báo cáo của ${p.agency}, kỳ ${p.period}. Số tham chiếu: ${p.reference}.`,
    nothingToApprove: 'Hiện không có báo cáo nào đang chờ đồng chí duyệt.',
    alreadyApproved: (reference: string) => `Báo cáo này đã được duyệt (số tham chiếu: ${reference}).`,
    newerDraft: (revision: number) => `Bản nháp này đã có bản mới hơn (lần ${revision}); đề nghị duyệt bản mới.`,
    chooseDraft: 'Có nhiều báo cáo đang chờ duyệt; đề nghị chọn báo cáo cần duyệt:',
    draftOption: (agency: string, period: string) => `${agency} — ${period}`,
    revisionNotice: (p: {
      agency: string;
      period: string;
      campaign: string;
      at: string;
      firstAt: string;
      firstLate: boolean;
      deadline: string;
      reference: string;
      revision: number;
      by: string;
    }) =>
      [
        'Kính gửi Sở Nội vụ,',
        `${p.agency} bổ sung báo cáo kỳ ${p.period} (${p.campaign}) sau hạn, lúc ${p.at}, người gửi: ${p.by}; hạn gửi: ${p.deadline}.`,
        `Báo cáo lần đầu lúc ${p.firstAt} — ${p.firstLate ? 'muộn' : 'đúng hạn'}; tình trạng đúng hạn/muộn của cơ quan không thay đổi.`,
        `Số tham chiếu: ${p.reference} (báo cáo lần ${p.revision}).`,
      ].join('\n'),
    lateNotice: (p: {
      agency: string;
      period: string;
      campaign: string;
      at: string;
      deadline: string;
      reference: string;
      revision: number;
      by: string;
    }) =>
      [
        'Kính gửi Sở Nội vụ,',
        `${p.agency} đã gửi báo cáo muộn kỳ ${p.period} (${p.campaign}) lúc ${p.at}, người gửi: ${p.by}; hạn gửi: ${p.deadline}.`,
        `Số tham chiếu: ${p.reference} (báo cáo lần ${p.revision}).`,
      ].join('\n'),
  },

  // ── Reminders (sent by the scheduler) ────────────────────────────────────────────────────
  reminderDraftPending: 'Cơ quan có dự thảo báo cáo của cấp phó chờ duyệt: gõ /duyet để xem và duyệt.',
  reminderGreeting: {
    // `office` is the office with the agency (src/domain/titles.ts): "Giám đốc Sở Y tế", "Chủ tịch UBND xã Bản Bo".
    head: (office: string) => `Kính gửi đồng chí ${office},`,
    deputy: (office: string) => `Kính gửi đồng chí ${office},`,
    delegate: (office: string, headOffice: string) => `Kính gửi đồng chí ${office} (được ủy quyền báo cáo thay đồng chí ${headOffice}),`,
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
  reminderDraft: (answered: number, total: number) =>
    `Đồng chí đang có báo cáo làm dở (đã trả lời ${answered}/${total} nội dung): gõ /baocao rồi chọn "Tiếp tục" để hoàn thành.`,
  escalation: (p: {
    period: string;
    campaign: string;
    deadline: string;
    workingDaysLate: number;
    total: number;
    missing: number;
    reminded: readonly { name: string; times: number }[];
    unregistered: number;
    unregisteredNames: readonly string[];
    notReached: number;
    notReachedNames: readonly string[];
  }) =>
    [
      'Kính gửi Sở Nội vụ,',
      `Kỳ báo cáo ${p.period} (${p.campaign}) đã quá hạn ${p.workingDaysLate} ngày làm việc (hạn gửi: ${p.deadline}).`,
      `Còn ${p.missing}/${p.total} cơ quan, đơn vị chưa báo cáo, trong đó:`,
      `• Đã nhắc, chưa gửi: ${p.reminded.length}`,
      `• Chưa có ai đăng ký nhận nhắc: ${p.unregistered}${p.unregistered > 0 ? ' — bot không có ai để nhắc; đề nghị mời Thủ trưởng đăng ký (/moi <mã cơ quan>)' : ''}`,
      ...(p.notReached > 0 ? [`• Có người đăng ký nhưng chưa nhận được lời nhắc: ${p.notReached}`] : []),
      ...(p.reminded.length > 0
        ? [
            '',
            `Đã nhắc, chưa gửi (${p.reminded.length}):`,
            ...p.reminded.map((r) => (r.times > 0 ? `• ${r.name} — đã nhắc ${r.times} lần` : `• ${r.name}`)),
          ]
        : []),
      ...(p.unregistered > 0 ? ['', `Chưa có ai đăng ký (${p.unregistered}): ${p.unregisteredNames.join('; ')}`] : []),
      ...(p.notReached > 0 ? ['', `Có người đăng ký, chưa nhận được lời nhắc (${p.notReached}): ${p.notReachedNames.join('; ')}`] : []),
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

  // ── Status, summaries and exports (/status, /tonghop, /xuat, /nhac; coordinators) ───────
  progress: {
    day: (date: string) => formatDateWithWeekdayVi(date),
    instant: (ms: number) => formatDateTime(ms),
    number: (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.'),
    percent: (p: number) => `${(Math.round(p * 10) / 10).toString().replace('.', ',')}%`,
    statusNames: { done: 'hoàn thành', 'in-progress': 'đang thực hiện', 'not-started': 'chưa thực hiện' } as Record<
      'done' | 'in-progress' | 'not-started',
      string
    >,
    noOpenPeriod: 'Hiện không có kỳ báo cáo nào đang mở hoặc vừa quá hạn.',
    coordinationOnly:
      'Lệnh này chỉ dùng trong tin nhắn riêng với bot hoặc trong nhóm điều phối của Sở Nội vụ, để thông tin của các cơ quan, đơn vị không hiện trong nhóm của một cơ quan.',
    periodHeader: (campaign: string, period: string) => `📊 ${capitalise(campaign)} — ${period}`,
    deadlineLine: (deadline: string, days: number, workingDays: number) =>
      days > 0
        ? `Hạn gửi: ${deadline} — còn ${days} ngày (${workingDays} ngày làm việc).`
        : days === 0
          ? `Hạn gửi: ${deadline} — hôm nay là hạn cuối.`
          : `Hạn gửi: ${deadline} — đã quá hạn ${-days} ngày (${Math.max(1, -workingDays)} ngày làm việc).`,
    tally: (p: { reported: number; total: number; onTime: number; late: number; missing: number }) =>
      `Đã báo cáo ${p.reported}/${p.total} cơ quan, đơn vị: đúng hạn ${p.onTime}, muộn ${p.late}; chưa báo cáo ${p.missing}.`,
    missingHeader: (n: number, page: number, pages: number) => `⏳ Chưa báo cáo (${n})${pages > 1 ? ` — trang ${page}/${pages}` : ''}:`,
    missingLine: (p: { no: number; agency: string; heads: readonly string[]; unreachable: readonly string[]; draft: boolean }) =>
      [
        `${p.no}. ${p.agency} — ${p.heads.length > 0 ? `Thủ trưởng: ${p.heads.join(', ')}` : 'chưa có thủ trưởng đăng ký'}`,
        p.unreachable.length > 0 ? ` (bot chưa nhắn riêng được cho ${p.unreachable.join(', ')})` : '',
        p.draft ? ' · có bản nháp chờ Thủ trưởng duyệt' : '',
      ].join(''),
    lateHeader: (n: number) => `⚠️ Báo cáo muộn (${n}):`,
    lateLine: (agency: string, at: string, revisedAt?: string) =>
      `• ${agency} — gửi lúc ${at}${revisedAt ? `; bổ sung sau hạn lúc ${revisedAt}` : ''}`,
    onTimeLine: (n: number) => `✅ Đúng hạn: ${n} cơ quan, đơn vị.`,
    revisedHeader: (n: number) => `✏️ Đúng hạn, có bổ sung sau hạn (${n}):`,
    revisedLine: (agency: string, firstAt: string, revisedAt: string) =>
      `• ${agency} — báo cáo lúc ${firstAt}; bổ sung sau hạn lúc ${revisedAt}`,
    more: (n: number) => `… và ${n} cơ quan, đơn vị khác.`,
    itemsHeader: (reported: number) => `Kết quả theo nội dung (${reported} cơ quan, đơn vị đã báo cáo):`,
    itemLine: (p: { no: number; short: string; done: number; inProgress: number; notStarted: number; mean?: string; quantity?: string }) =>
      `${p.no}. ${p.short}: hoàn thành ${p.done} · đang thực hiện ${p.inProgress} · chưa ${p.notStarted}${p.mean ? ` · bình quân ${p.mean}` : ''}${p.quantity ? ` · tổng ${p.quantity}` : ''}`,
    nextPage: 'Trang sau ▶',
    previousPage: '◀ Trang trước',
    remindButton: (n: number) => `🔔 Nhắc ngay ${n} cơ quan chưa báo cáo`,
    pageGone: 'Trang này không còn (số cơ quan chưa báo cáo đã thay đổi). Gõ /status để xem lại.',
    statusUsage:
      'Cách dùng: /status (mọi kỳ đang mở), /status <mã kỳ> [trang N], /status <mã kỳ> anh (kèm ảnh bảng tiến độ), hoặc /status <mã hoặc tên cơ quan>.',
    notFound: (text: string) => `Không tìm thấy kỳ báo cáo hay cơ quan "${text}". Xem các kỳ bằng /kyhan, các cơ quan bằng /coquan.`,
    notYetOpen: (period: string, code: string, opensOn: string) => `Kỳ ${period} (mã ${code}) chưa mở, mở từ ngày ${opensOn}.`,
    periodCode: (code: string) =>
      `Mã kỳ: ${code} (dùng với /status, /tonghop, /xuat, /nhac; cũng có thể gõ tên kỳ, ví dụ "6 thang", "ca nam").`,
    whichAgency: (lines: readonly string[]) => `Có nhiều cơ quan khớp, đề nghị ghi rõ mã:\n${lines.join('\n')}`,
    agencyHeader: (agency: string, period: string, campaign: string) => `📋 ${agency} — ${period} (${campaign})`,
    agencyNotReported: (heads: readonly string[], draft: boolean) =>
      [
        `⏳ Chưa báo cáo.${draft ? ' Có bản nháp chờ Thủ trưởng duyệt.' : ''}`,
        heads.length > 0 ? `Thủ trưởng: ${heads.join(', ')}` : 'Chưa có thủ trưởng đăng ký.',
      ].join('\n'),
    agencyReported: (p: { at: string; late: boolean; revision: number; by: string; firstAt?: string; revisedAfterDeadline?: boolean }) =>
      p.firstAt && p.revision > 1
        ? `${p.late ? '⚠️ Báo cáo muộn' : '✅ Đúng hạn'} — báo cáo lần đầu lúc ${p.firstAt}; bản được tính: lần ${p.revision}, lúc ${p.at}${p.revisedAfterDeadline ? ' (bổ sung sau hạn)' : ''}, người gửi: ${p.by}.`
        : `${p.late ? '⚠️ Báo cáo muộn' : '✅ Đúng hạn'} — lần ${p.revision}, lúc ${p.at}, người gửi: ${p.by}.`,
    answerLine: (p: { no: number; short: string; status: string; percent: number; quantity?: string; note: string }) =>
      `${p.no}. ${p.short}: ${p.status} (${decimalComma(p.percent)}%)${p.quantity ? ` — ${p.quantity}` : ''}${p.note ? ` — ${p.note}` : ''}`,
    historyHeader: 'Các lần gửi:',
    draftAmendment: '📝 Có bản sửa đổi (bản nháp) chờ Thủ trưởng duyệt; báo cáo trên vẫn là báo cáo được tính.',
    historyLine: (p: {
      revision: number;
      at: string;
      by: string;
      late: boolean;
      draft: boolean;
      approvedBy?: string;
      amendment?: boolean;
      returned?: boolean;
    }) =>
      `• Lần ${p.revision}: ${p.at} — ${p.by}${p.late ? (p.amendment ? ' — bổ sung sau hạn' : ' — muộn') : ''}${p.draft ? (p.returned ? ' — bản nháp đã bị trả lại' : ' — bản nháp') : ''}${p.approvedBy ? ` — ${p.approvedBy} đã duyệt` : ''}`,
    agencyNoPeriod: (agency: string) => `${agency} không có kỳ báo cáo nào đang mở.`,

    summaryTitle: {
      weekly: 'TỔNG HỢP HẰNG TUẦN',
      deadline: 'TỔNG HỢP KHI HẾT HẠN',
      final: 'TỔNG HỢP CHÍNH THỨC',
      'on-demand': 'TỔNG HỢP',
    } as Record<'weekly' | 'deadline' | 'final' | 'on-demand', string>,
    summaryHeader: (p: { title: string; period: string; campaign: string; legalBasis: string; asOf: string; deadline: string }) =>
      [
        `📊 ${p.title} — ${p.period}`,
        `${capitalise(p.campaign)}${p.legalBasis ? ` (${p.legalBasis})` : ''}`,
        `Số liệu đến ${p.asOf}; hạn gửi: ${p.deadline}.`,
      ].join('\n'),
    summaryMissing: (n: number, names: readonly string[]) => `⏳ Chưa báo cáo (${n}): ${names.join('; ')}`,
    summaryLate: (n: number, names: readonly string[]) => `⚠️ Báo cáo muộn (${n}): ${names.join('; ')}`,
    summaryRevised: (n: number, names: readonly string[]) => `✏️ Bổ sung báo cáo sau hạn (${n}): ${names.join('; ')}`,
    summaryRevisedName: (agency: string, late: boolean, at: string) =>
      `${agency} (${late ? 'báo cáo lần đầu muộn' : 'báo cáo lần đầu đúng hạn'}; bổ sung lúc ${at})`,
    summaryNobodyMissing: '✅ Tất cả cơ quan, đơn vị đã báo cáo.',
    summaryMissingName: (agency: string, heads: readonly string[]) =>
      heads.length > 0 ? `${agency} (Thủ trưởng: ${heads.join(', ')})` : agency,
    // What the coordinator can do about each agency still to report (counts first, names after).
    missingSplit: (p: { missing: number; unregistered: number; reminded: number; notReached: number }) =>
      [
        `⏳ Chưa báo cáo: ${p.missing} — đã nhắc, chưa gửi: ${p.reminded}; chưa có ai đăng ký: ${p.unregistered}`,
        p.notReached > 0 ? `; có người đăng ký, chưa nhận được lời nhắc: ${p.notReached}` : '',
        '.',
      ].join(''),
    summaryReminded: (n: number, names: readonly string[]) => `🔔 Đã nhắc, chưa gửi (${n}): ${names.join('; ')}`,
    remindedName: (agency: string, times: number, heads: readonly string[]) =>
      `${agency} (đã nhắc ${times} lần${heads.length > 0 ? `; Thủ trưởng: ${heads.join(', ')}` : ''})`,
    summaryUnregistered: (n: number, names: readonly string[]) =>
      `👤 Chưa có ai đăng ký (${n}) — bot không có ai để nhắc; đề nghị mời Thủ trưởng đăng ký (/moi <mã cơ quan>): ${names.join('; ')}`,
    summaryNotReached: (n: number, names: readonly string[]) => `🕒 Có người đăng ký, chưa nhận được lời nhắc (${n}): ${names.join('; ')}`,
    statusReach: (p: { unregistered: number; registered: number }) =>
      `Trong đó: chưa có ai đăng ký ${p.unregistered} (cần mời người nhận nhắc); có người nhận nhắc ${p.registered}.`,
    remindedSuffix: (times: number) => (times > 0 ? ` · đã nhắc ${times} lần` : ''),
    summaryFooter: 'Chi tiết: /status · Tệp Excel và dự thảo báo cáo Word: /xuat',
    chartCaption: (period: string) => `Biểu đồ tiến độ — ${period}`,
    addendum: (p: {
      period: string;
      campaign: string;
      agency: string;
      at: string;
      workingDaysLate: number;
      revision: number;
      mean?: string;
      quantities: readonly string[];
      reported: number;
      total: number;
      firstAt?: string;
      firstLate?: boolean;
    }) =>
      [
        `📎 BỔ SUNG tổng hợp kỳ ${p.period} (${p.campaign})`,
        p.firstAt
          ? `${p.agency} bổ sung báo cáo (lần ${p.revision}) lúc ${p.at}, sau khi đã có báo cáo tổng hợp chính thức; báo cáo lần đầu lúc ${p.firstAt} — ${p.firstLate ? 'muộn' : 'đúng hạn'}.`
          : `${p.agency} gửi báo cáo${p.revision > 1 ? ` (lần ${p.revision})` : ''} lúc ${p.at}${p.workingDaysLate > 0 ? `, muộn ${p.workingDaysLate} ngày làm việc` : ''}, sau khi đã có báo cáo tổng hợp chính thức.`,
        p.mean ? `Tiến độ bình quân của đơn vị: ${p.mean}.` : undefined,
        ...p.quantities.map((q) => `• ${q}`),
        `Nay đã báo cáo ${p.reported}/${p.total} cơ quan, đơn vị.`,
      ]
        .filter((l) => l !== undefined)
        .join('\n'),
    quantityLine: (label: string, value: string, unit: string) => `${label}: ${value} ${unit}`,
    summaryUsage: 'Cách dùng: /tonghop (mọi kỳ đang mở) hoặc /tonghop <mã kỳ>.',

    exportReady: (p: { periods: number; report: string }) =>
      [
        `Đã xuất tệp Excel (${p.periods} kỳ báo cáo, mỗi dòng một cơ quan × một nội dung) và dự thảo báo cáo Word kỳ ${p.report} theo thể thức Nghị định 30/2020/NĐ-CP.`,
        'Dự thảo cần rà soát, ghi số văn bản và trình lãnh đạo ký.',
      ].join('\n'),
    exportNothing: 'Chưa có kỳ báo cáo nào bắt đầu nhận báo cáo, nên chưa có gì để xuất.',
    exportUsage: 'Cách dùng: /xuat (kỳ gần nhất) hoặc /xuat <mã kỳ>.',

    remindChoose: 'Nhắc các cơ quan chưa báo cáo của kỳ nào?',
    remindAsk: (p: { period: string; count: number; reachable: number; outside: boolean; when: string }) =>
      [
        p.reachable === p.count
          ? `Đồng chí muốn nhắc ${p.count} cơ quan, đơn vị chưa báo cáo kỳ ${p.period}?`
          : `Đồng chí muốn nhắc ${p.reachable} cơ quan, đơn vị chưa báo cáo kỳ ${p.period}?\n${p.count - p.reachable}/${p.count} cơ quan chưa báo cáo chưa có người nhận nhắc (chưa ai đăng ký, chưa liên kết nhóm) nên sẽ không nhận được; đề nghị mời bằng /moi <mã cơ quan>.`,
        p.outside
          ? `Hiện ngoài giờ hành chính: lời nhắc sẽ được gửi lúc ${p.when}, trừ khi đồng chí chọn "Gửi ngay".`
          : 'Đề nghị xác nhận để gửi.',
      ].join('\n'),
    remindConfirmChoice: (count: number) => `🔔 Xác nhận nhắc ${count} cơ quan`,
    remindLaterChoice: (when: string) => `Gửi lúc ${when}`,
    remindSendNowChoice: 'Gửi ngay (ngoài giờ)',
    remindQueued: (p: { period: string; count: number; when: string }) =>
      `Hiện ngoài giờ hành chính. Lời nhắc ${p.count} cơ quan, đơn vị chưa báo cáo kỳ ${p.period} sẽ được gửi lúc ${p.when}. Nếu cần gửi ngay, đề nghị chọn "Gửi ngay".`,
    remindOption: (period: string, missing: number) => `${period} (${missing} chưa báo cáo)`,
    remindNobody: (period: string) => `Kỳ ${period}: tất cả cơ quan, đơn vị đã báo cáo, không cần nhắc.`,
    remindNobodyReachable: (period: string, count: number) =>
      `Kỳ ${period}: ${count} cơ quan, đơn vị chưa báo cáo nhưng chưa cơ quan nào có người nhận nhắc (chưa có ai đăng ký, chưa liên kết nhóm), nên chưa nhắc được. Đề nghị mời thủ trưởng bằng /moi <mã cơ quan>.`,
    remindNone: 'Không có kỳ báo cáo nào đang mở còn cơ quan chưa báo cáo.',
    remindDone: (p: {
      period: string;
      agencies: number;
      people: number;
      groups: number;
      already: number;
      unreachable: readonly string[];
    }) =>
      [
        p.agencies > 0
          ? `🔔 Đã nhắc ${p.agencies} cơ quan, đơn vị chưa báo cáo kỳ ${p.period} (${p.people} tin nhắn riêng, ${p.groups} nhóm).`
          : `Kỳ ${p.period}: không có lời nhắc mới nào được gửi.`,
        p.already > 0 ? `${p.already} cơ quan đã được nhắc bằng /nhac hôm nay nên không nhắc lại.` : undefined,
        p.unreachable.length > 0 ? `Chưa nhắc được (chưa có người đăng ký, chưa liên kết nhóm): ${p.unreachable.join(', ')}.` : undefined,
      ]
        .filter((l) => l !== undefined)
        .join('\n'),
  },

  commands: {
    start: 'Bắt đầu, giới thiệu bot',
    help: 'Danh sách lệnh và cách dùng',
    deadlines: 'Các kỳ báo cáo và hạn gửi',
    whoami: 'Tài khoản và vai trò của tôi',
    register: 'Đăng ký bằng mã mời',
    link: 'Liên kết nhóm với cơ quan, hoặc tài khoản Zalo/Telegram thứ hai (/lienket taikhoan)',
    invite: 'Cấp mã mời thủ trưởng, cấp phó, cán bộ điều phối',
    directory: 'Danh bạ cơ quan, người đăng ký, nhóm',
    delegate: 'Ủy quyền cho cấp phó trong thời gian vắng',
    revoke: 'Thu hồi vai trò của một người',
    unlink: 'Hủy liên kết nhóm',
    audit: 'Nhật ký thay đổi',
    adHoc: 'Yêu cầu báo cáo đột xuất',
    status: 'Tình hình báo cáo: ai chưa gửi, tiến độ từng nội dung',
    summary: 'Đăng bản tổng hợp ngay',
    export: 'Xuất tệp Excel và dự thảo báo cáo Word',
    remindNow: 'Nhắc ngay các cơ quan chưa báo cáo',
    report: 'Báo cáo tiến độ (từng bước, hoặc nhanh trong một tin nhắn)',
    cancel: 'Hủy phiên báo cáo đang làm dở',
    approve: 'Duyệt báo cáo của cấp phó',
    sendBack: 'Trả lại bản nháp của cấp phó, kèm lý do',
    web: 'Đường dẫn đăng nhập trang điều hành trên máy tính, điện thoại (/web dangxuat để đăng xuất)',
  },
  web: {
    link: (url: string, minutes: number) =>
      `Đường dẫn đăng nhập trang điều hành (chỉ dùng một lần, hiệu lực ${minutes} phút, chỉ dành cho đồng chí — đề nghị không chuyển cho người khác):\n${url}`,
    throttled: 'Đồng chí đã lấy nhiều đường dẫn trong thời gian ngắn. Đề nghị dùng đường dẫn đã nhận hoặc thử lại sau 15 phút.',
    notServed: 'Trang điều hành chưa được bật trên máy chủ này. Đề nghị liên hệ quản trị viên.',
    signedOut: 'Đã đăng xuất mọi phiên làm việc của đồng chí trên trang điều hành.',
    usage: 'Cách dùng: /web để nhận đường dẫn đăng nhập; /web dangxuat để đăng xuất mọi phiên.',
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type Texts = typeof vi;

/** A number as Vietnamese writes it: "72,5" (percents may have one decimal since "72,5%" is read). */
function decimalComma(n: number): string {
  return String(n).replace('.', ',');
}
