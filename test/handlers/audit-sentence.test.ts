import { describe, expect, it } from 'vitest';
import { auditSentence } from '../../handlers/audit/audit-sentence.js';
import { loadPlan } from '../../src/plan/load-plan.js';

const at = Date.parse('2025-06-10T08:12:00+07:00');
const names = new Map([
  ['telegram:1', 'Nguyễn Văn A'],
  ['telegram:2', 'Vàng Thị Hoa'],
]);

describe('the audit log reads as sentences, with people and agencies by name', () => {
  it.each([
    [
      { action: 'invite.created', actor: 'telegram:1', subject: '_krt', detail: 'head · so-y-te' },
      '08:12 10/06 — Nguyễn Văn A cấp mã mời thủ trưởng Sở Y tế (mã _krt…)',
    ],
    [
      { action: 'invite.created', actor: 'telegram:1', subject: '_krt', detail: 'agency-group · xa-pa-u' },
      '08:12 10/06 — Nguyễn Văn A cấp mã mời liên kết nhóm của UBND xã Pa Ủ (mã _krt…)',
    ],
    [
      { action: 'invite.redeemed', actor: 'telegram:2', subject: '_krt', detail: 'Vàng Thị Hoa → cấp phó được giao báo cáo của Sở Y tế' },
      '08:12 10/06 — Vàng Thị Hoa dùng mã _krt… để đăng ký là cấp phó được giao báo cáo của Sở Y tế',
    ],
    [
      { action: 'chat.bound', actor: 'telegram:1', subject: 'playground:playground:nhom-so-y-te', detail: 'Nhóm Sở Y tế → Sở Y tế' },
      '08:12 10/06 — Nguyễn Văn A liên kết nhóm "Nhóm Sở Y tế" với Sở Y tế',
    ],
    [
      { action: 'delegation.set', actor: 'telegram:1', subject: 'so-y-te', detail: 'Vàng Thị Hoa: 10/06/2025–20/06/2025' },
      '08:12 10/06 — Nguyễn Văn A ủy quyền báo cáo của Sở Y tế cho Vàng Thị Hoa: 10/06/2025–20/06/2025',
    ],
    [
      { action: 'role.revoked', actor: 'telegram:1', subject: 'telegram:2', detail: 'Vàng Thị Hoa · Cấp phó Sở Y tế' },
      '08:12 10/06 — Nguyễn Văn A thu hồi vai trò Cấp phó Sở Y tế của Vàng Thị Hoa',
    ],
    [
      { action: 'invite.revoked', actor: 'telegram:9', subject: 'abcd', detail: '' },
      '08:12 10/06 — Một người chưa rõ tên thu hồi mã abcd…',
    ],
    [
      { action: 'role.granted', actor: 'zalo:7', subject: 'zalo:7', detail: 'liên kết với telegram:1' },
      '08:12 10/06 — Một người chưa rõ tên được cấp vai trò (liên kết với Nguyễn Văn A)',
    ],
  ] as const)('%j', async (entry, sentence) => {
    const plan = await loadPlan('examples/lai-chau-2025.yaml');
    expect(auditSentence({ at, ...entry }, plan, (a) => names.get(a))).toBe(sentence);
  });
});
