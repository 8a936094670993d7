import { describe, expect, it } from 'vitest';
import type { Agency } from '../../src/domain/agency.js';
import { officeOf, officeTitles } from '../../src/domain/titles.js';

const agency = (name: string, kind: Agency['kind'], extra: Partial<Agency> = {}): Agency => ({ id: 'x', name, kind, ...extra });

describe('people are greeted by their real office', () => {
  it.each<[Agency, string, string]>([
    [agency('Sở Y tế', 'so'), 'Giám đốc Sở Y tế', 'Phó Giám đốc Sở Y tế'],
    [agency('UBND xã Bản Bo', 'xa'), 'Chủ tịch UBND xã Bản Bo', 'Phó Chủ tịch UBND xã Bản Bo'],
    [agency('UBND phường Tân Phong', 'phuong'), 'Chủ tịch UBND phường Tân Phong', 'Phó Chủ tịch UBND phường Tân Phong'],
    [agency('Thanh tra tỉnh', 'nganh'), 'Chánh Thanh tra tỉnh', 'Phó Chánh Thanh tra tỉnh'],
    [agency('Văn phòng UBND tỉnh', 'ban'), 'Chánh Văn phòng UBND tỉnh', 'Phó Chánh Văn phòng UBND tỉnh'],
    [
      agency('Bộ Chỉ huy Quân sự tỉnh', 'trung-uong'),
      'Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh',
      'Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh',
    ],
    [agency('Ban Dân tộc tỉnh', 'ban'), 'Trưởng Ban Dân tộc tỉnh', 'Phó Trưởng Ban Dân tộc tỉnh'],
    [agency('Công an tỉnh', 'trung-uong'), 'Giám đốc Công an tỉnh', 'Phó Giám đốc Công an tỉnh'],
    [agency('Bảo hiểm xã hội tỉnh', 'trung-uong'), 'Giám đốc Bảo hiểm xã hội tỉnh', 'Phó Giám đốc Bảo hiểm xã hội tỉnh'],
    [agency('Hội Nông dân tỉnh', 'khac'), 'Thủ trưởng Hội Nông dân tỉnh', 'Cấp phó Hội Nông dân tỉnh'],
  ])('%s', (a, head, deputy) => {
    expect(officeOf(a, 'head')).toBe(head);
    expect(officeOf(a, 'deputy')).toBe(deputy);
  });

  it('the plan overrides the default per agency; a deputy title follows the head title unless given', () => {
    expect(officeTitles(agency('Hội Nông dân tỉnh', 'khac', { title: 'Chủ tịch' }))).toEqual({ head: 'Chủ tịch', deputy: 'Phó Chủ tịch' });
    expect(officeTitles(agency('Liên đoàn Lao động tỉnh', 'khac', { title: 'Chủ tịch', deputyTitle: 'Phó Chủ tịch Thường trực' }))).toEqual(
      { head: 'Chủ tịch', deputy: 'Phó Chủ tịch Thường trực' },
    );
  });

  it('never leaves the greeting empty', () => {
    for (const kind of ['so', 'ban', 'nganh', 'xa', 'phuong', 'trung-uong', 'khac'] as const) {
      const t = officeTitles(agency('Đơn vị', kind));
      expect(t.head.length).toBeGreaterThan(0);
      expect(t.deputy.length).toBeGreaterThan(0);
    }
  });
});
