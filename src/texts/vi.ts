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
  daysLeft: (days: number, phase: 'upcoming' | 'open' | 'overdue', opensOn: string) =>
    phase === 'upcoming'
      ? `   Bắt đầu nhận báo cáo từ ${formatDate(opensOn)} (còn ${days} ngày đến hạn)`
      : days > 0
        ? `   Còn ${days} ngày đến hạn`
        : days === 0
          ? '   Hôm nay là hạn cuối'
          : `   Đã quá hạn ${-days} ngày`,
  reportedAt: (at: number, late: boolean, revision: number) =>
    `   ✅ Đã báo cáo lúc ${formatDateTime(at)}${late ? ' (muộn)' : ''}${revision > 1 ? `, lần ${revision}` : ''}`,
  notReported: '   ⏳ Chưa báo cáo — gửi bằng lệnh /baocao',
  periodTally: (reported: number, total: number) => `   Đã báo cáo: ${reported}/${total} cơ quan, đơn vị`,

  commands: {
    start: 'Bắt đầu, giới thiệu bot',
    help: 'Danh sách lệnh và cách dùng',
    deadlines: 'Các kỳ báo cáo và hạn gửi',
    whoami: 'Tài khoản và vai trò của tôi',
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type Texts = typeof vi;
