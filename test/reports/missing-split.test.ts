import { describe, expect, it } from 'vitest';
import type { AgencyRow, SummaryModel } from '../../src/domain/summary/index.js';
import { reachableCount, splitMissing, type AgencyReach } from '../../src/reports/missing-split.js';
import { renderPeriodStatus, renderSummaryText } from '../../src/reports/progress-text.js';
import { vi } from '../../src/texts/vi.js';

const row = (id: string, name: string, heads: string[] = []): AgencyRow => ({
  agency: { id, name },
  standing: 'missing',
  heads: heads.map((h) => ({ name: h, reachable: true })),
  draftPending: false,
});
const rows = [row('a', 'Sở A'), row('b', 'Sở B', ['Nguyễn Văn B']), row('c', 'Sở C', ['Lò Thị C']), row('d', 'Sở D')];
const reach = new Map<string, AgencyReach>([
  ['a', { registered: false, reminded: 0 }],
  ['b', { registered: true, reminded: 3 }],
  ['c', { registered: true, reminded: 0 }],
  ['d', { registered: false, reminded: 2 }], // reminded once, then its head was revoked: nobody to remind now
]);

const model = {
  period: { id: 'p', name: 'quý II năm 2025', deadline: '2025-06-18' },
  campaign: { id: 'c', name: 'Phong trào thi đua', legalBasis: '' },
  asOf: Date.parse('2025-06-19T09:00+07:00'),
  total: 6,
  reported: 2,
  onTime: 2,
  late: 0,
  missing: 4,
  daysToDeadline: -1,
  workingDaysToDeadline: -1,
  rows,
  items: [],
} as unknown as SummaryModel;

describe('the agencies still to report, split by what the coordinator can do', () => {
  it('never counts an agency nobody can be reminded as reminded, whatever was sent before', () => {
    const split = splitMissing(rows, reach);
    expect(split.reminded.map((r) => [r.row.agency.id, r.times])).toEqual([['b', 3]]);
    expect(split.unregistered.map((r) => r.agency.id)).toEqual(['a', 'd']);
    expect(split.notReached.map((r) => r.agency.id)).toEqual(['c']);
  });

  it('counts who can be reminded only when every missing agency is known', () => {
    expect(reachableCount(rows, reach)).toBe(2);
    expect(reachableCount([...rows, row('e', 'Sở E')], reach)).toBeUndefined();
    expect(reachableCount([], reach)).toBe(0);
  });

  it('a summary gives the counts first, then the names: to chase, to check, to invite', () => {
    const text = renderSummaryText(model, vi, 'deadline', reach);
    const lines = text.split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(lines[at('⏳')]).toBe(
      '⏳ Chưa báo cáo: 4 — đã nhắc, chưa gửi: 1; chưa có ai đăng ký: 2; có người đăng ký, chưa nhận được lời nhắc: 1.',
    );
    expect(lines[at('🔔')]).toBe('🔔 Đã nhắc, chưa gửi (1): Sở B (đã nhắc 3 lần; Thủ trưởng: Nguyễn Văn B)');
    expect(lines[at('🕒')]).toBe('🕒 Có người đăng ký, chưa nhận được lời nhắc (1): Sở C (Thủ trưởng: Lò Thị C)');
    expect(lines[at('👤')]).toBe(
      '👤 Chưa có ai đăng ký (2) — bot không có ai để nhắc; đề nghị mời Thủ trưởng đăng ký (/moi <mã cơ quan>): Sở A; Sở D',
    );
    expect(at('⏳')).toBeLessThan(at('🔔'));
    expect(at('🔔')).toBeLessThan(at('👤'));
  });

  it('/status counts them when every missing agency is known, and otherwise only marks the page’s reminded ones', () => {
    expect(renderPeriodStatus(model, vi, 1, 40, reach)).toContain(
      'Trong đó: chưa có ai đăng ký 2 (cần mời người nhận nhắc); có người nhận nhắc 2.\n1. Sở A — chưa có thủ trưởng đăng ký\n2. Sở B — Thủ trưởng: Nguyễn Văn B · đã nhắc 3 lần',
    );
    const pageOnly = new Map([...reach].filter(([id]) => id === 'b'));
    const text = renderPeriodStatus(model, vi, 1, 40, pageOnly);
    expect(text).not.toContain('Trong đó:');
    expect(text).toContain('2. Sở B — Thủ trưởng: Nguyễn Văn B · đã nhắc 3 lần');
  });
});
