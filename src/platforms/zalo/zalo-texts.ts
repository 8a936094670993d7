/** Texts only the Zalo transport says (Zalo has no buttons, so options are numbered). */
export const zaloTexts = {
  answerByNumber: (n: number) => (n === 1 ? 'Trả lời 1 để chọn.' : `Trả lời bằng số (1–${n}) hoặc nội dung lựa chọn.`),
  fileLink: (filename: string, url: string, expires: string) => `📎 ${filename}\n${url}\n(liên kết hết hạn lúc ${expires})`,
  localFileLink: (filename: string, url: string, expires: string) =>
    `📎 ${filename}\n${url}\n(liên kết nội bộ của máy chủ, chưa có địa chỉ công khai; hết hạn lúc ${expires})`,
};
