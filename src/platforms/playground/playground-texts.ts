/** What the playground itself says (the bot's own words are in src/texts). */
export const playgroundTexts = {
  botPrefix: '🤖 Đôn Đốc:',
  toChat: (chatId: string) => ` (gửi tới ${chatId})`,
  answerByNumber: '  (trả lời bằng số thứ tự)',
  banner: (store: string, province: string, time: string, who: string) =>
    [
      '════════════════════════════════════════════════════════════',
      ` Đôn Đốc — sân chơi cục bộ (chưa cấu hình Telegram/Zalo)`,
      ` Kế hoạch: tỉnh ${province}. Dữ liệu: ${store}.`,
      ` ${time}`,
      ` Đang gõ với tư cách: ${who}.`,
      ' Thử: /trogiup · /as so-y-te · /kyhan · /advance 3d · Ctrl+D để thoát',
      '════════════════════════════════════════════════════════════',
    ].join('\n'),
  noCurrentPeriod: (name: string, at: string) =>
    `Lưu ý: lúc này không có kỳ báo cáo nào đang mở. Kỳ gần nhất: ${name}. Thử: npm start -- --now ${at}  hoặc  /advance ${at}`,
  timeTravel: (store: string) =>
    `Lưu ý: giờ ảo lùi về trước lần chạy trước (${store}). Lời nhắc đã gửi cho những ngày đó sẽ không gửi lại; xóa thư mục dữ liệu để bắt đầu lại từ đầu.`,
  now: (time: string, day: string) => `⏱  Giờ ảo: ${time} (${day})`,
  nowTyping: (who: string) => `👤 Đang gõ với tư cách: ${who}`,
  roleLabel: { admin: 'quản trị viên', coordinator: 'điều phối', head: 'thủ trưởng', deputy: 'cấp phó' } as const,
  asUsage: 'Cách dùng: /as admin | /as coordinator | /as khach | /as <mã cơ quan> [pho], ví dụ /as so-y-te',
  noSuchPerson: (what: string) => `Không tìm thấy "${what}". Thử /as admin, /as coordinator, /as khach hoặc /as <mã cơ quan>.`,
  whichAgency: (lines: string[]) => `Có nhiều cơ quan khớp, đề nghị chọn mã:\n${lines.map((l) => `  ${l}`).join('\n')}`,
  advanceUsage: 'Cách dùng: /advance 3d | 2h | 30m | 1w, hoặc /advance 2025-06-18T08:00',
  advanceBackwards: 'Giờ ảo chỉ tiến về phía trước.',
  failed: (message: string) => `⚠️  Lỗi sân chơi: ${message}`,
  attachmentSaved: (path: string, bytes: number) => `  📎 Tệp đính kèm (${Math.ceil(bytes / 1024)} KB): ${path}`,
  help: [
    'Lệnh riêng của sân chơi:',
    '/as <ai> — đổi người đang gõ: admin, coordinator, khach, hoặc mã cơ quan (thêm "pho" để là cấp phó)',
    '/advance 3d — tua giờ ảo (3d, 2h, 30m, 1w) hoặc tới một thời điểm 2025-06-18T08:00',
    '/now — xem giờ ảo',
  ].join('\n'),
};
