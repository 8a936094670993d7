import type { Agency } from './agency.js';
import { foldVietnamese as fold } from './typed-text/fold.js';

/**
 * The office a head or deputy holds, by the kind of body they lead (Giám đốc Sở, Chủ tịch UBND xã,
 * Chánh Thanh tra, Chánh Văn phòng, Trưởng ban, Chỉ huy trưởng …). A plan overrides it per agency
 * (`title`, `deputy_title`). The rules, first match wins:
 *
 * | Agency (name starts with / kind)           | Head              | Deputy                |
 * |--------------------------------------------|-------------------|-----------------------|
 * | plan `title` / `deputy_title`              | as written        | as written (else "Phó " + title) |
 * | "Văn phòng …"                              | Chánh Văn phòng   | Phó Chánh Văn phòng   |
 * | "Thanh tra …"                              | Chánh Thanh tra   | Phó Chánh Thanh tra   |
 * | "Bộ Chỉ huy …", "Ban Chỉ huy …"            | Chỉ huy trưởng    | Phó Chỉ huy trưởng    |
 * | "Ban …"                                    | Trưởng ban        | Phó Trưởng ban        |
 * | "UBND xã/phường …" (kind xa, phuong)       | Chủ tịch          | Phó Chủ tịch          |
 * | "Sở …", "Công an …", "Bảo hiểm xã hội …", "Cục …", "Kho bạc …" (kind so, …) | Giám đốc | Phó Giám đốc |
 * | anything else                              | Thủ trưởng        | Cấp phó               |
 */
export interface OfficeTitles {
  head: string;
  deputy: string;
}

const BY_NAME: readonly { prefix: string; titles: OfficeTitles }[] = [
  { prefix: 'van phong', titles: { head: 'Chánh Văn phòng', deputy: 'Phó Chánh Văn phòng' } },
  { prefix: 'thanh tra', titles: { head: 'Chánh Thanh tra', deputy: 'Phó Chánh Thanh tra' } },
  { prefix: 'bo chi huy', titles: { head: 'Chỉ huy trưởng', deputy: 'Phó Chỉ huy trưởng' } },
  { prefix: 'ban chi huy', titles: { head: 'Chỉ huy trưởng', deputy: 'Phó Chỉ huy trưởng' } },
  { prefix: 'ban ', titles: { head: 'Trưởng ban', deputy: 'Phó Trưởng ban' } },
  { prefix: 'ubnd ', titles: { head: 'Chủ tịch', deputy: 'Phó Chủ tịch' } },
  { prefix: 'uy ban nhan dan', titles: { head: 'Chủ tịch', deputy: 'Phó Chủ tịch' } },
  { prefix: 'so ', titles: { head: 'Giám đốc', deputy: 'Phó Giám đốc' } },
  { prefix: 'cong an', titles: { head: 'Giám đốc', deputy: 'Phó Giám đốc' } },
  { prefix: 'bao hiem xa hoi', titles: { head: 'Giám đốc', deputy: 'Phó Giám đốc' } },
  { prefix: 'kho bac', titles: { head: 'Giám đốc', deputy: 'Phó Giám đốc' } },
  { prefix: 'cuc ', titles: { head: 'Cục trưởng', deputy: 'Phó Cục trưởng' } },
];

const BY_KIND: Partial<Record<Agency['kind'], OfficeTitles>> = {
  so: { head: 'Giám đốc', deputy: 'Phó Giám đốc' },
  xa: { head: 'Chủ tịch', deputy: 'Phó Chủ tịch' },
  phuong: { head: 'Chủ tịch', deputy: 'Phó Chủ tịch' },
  ban: { head: 'Trưởng ban', deputy: 'Phó Trưởng ban' },
};

/** Used when nothing is known of the body: the generic words of official letters. */
export const GENERIC_TITLES: OfficeTitles = { head: 'Thủ trưởng', deputy: 'Cấp phó' };

/** The head's and deputy's offices of an agency. */
export function officeTitles(agency: Pick<Agency, 'name' | 'kind' | 'title' | 'deputyTitle'>): OfficeTitles {
  const name = fold(agency.name);
  const found = BY_NAME.find((r) => name.startsWith(r.prefix))?.titles ?? BY_KIND[agency.kind] ?? GENERIC_TITLES;
  if (!agency.title && !agency.deputyTitle) return found;
  const head = agency.title ?? found.head;
  return { head, deputy: agency.deputyTitle ?? (agency.title ? `Phó ${agency.title}` : found.deputy) };
}

/** The office of a head or a deputy of the agency. */
export function officeTitle(agency: Pick<Agency, 'name' | 'kind' | 'title' | 'deputyTitle'>, role: 'head' | 'deputy'): string {
  return officeTitles(agency)[role];
}

/**
 * The office with the agency, as an address reads: "Giám đốc Sở Y tế", "Chủ tịch UBND xã Bản Bo",
 * and — when the title already names the body — "Chánh Thanh tra tỉnh", "Chánh Văn phòng UBND tỉnh",
 * not "Chánh Thanh tra Thanh tra tỉnh".
 */
export function officeOf(agency: Pick<Agency, 'name' | 'kind' | 'title' | 'deputyTitle'>, role: 'head' | 'deputy'): string {
  const title = officeTitle(agency, role);
  const words = title.split(' ');
  const name = fold(agency.name);
  // The longest tail of the title that starts the agency's name ("Thanh tra" of "Chánh Thanh tra").
  for (let i = 1; i < words.length; i++) {
    const tail = fold(words.slice(i).join(' '));
    if (name === tail || name.startsWith(`${tail} `)) return `${words.slice(0, i).join(' ')} ${agency.name}`;
  }
  return `${title} ${agency.name}`;
}
