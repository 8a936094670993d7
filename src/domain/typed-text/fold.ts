/**
 * Folds Vietnamese text for lenient matching: lower case, diacritics removed, đ → d, spaces
 * collapsed. People on phones often type "hoan thanh" for "hoàn thành"; both fold to the same.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
