import type { AuditEntry } from '../../src/domain/audit.js';
import type { Plan } from '../../src/domain/plan.js';
import { findAgency } from '../../src/domain/plan.js';
import { formatDateTime } from '../../src/texts/format.js';

/**
 * An audit entry as a sentence a person reads: "08:12 10/06 — Nguyễn Văn A cấp mã mời thủ trưởng
 * Sở Y tế (mã _krt…)". People by name (from their contact or grant; "một người chưa rõ tên" when
 * the bot never learnt it), agencies by their Vietnamese name, never a machine id. The stored entry
 * is unchanged; older entries read as sentences too.
 */
export function auditSentence(entry: AuditEntry, plan: Plan, nameOf: (account: string) => string | undefined): string {
  const at = formatDateTime(entry.at); // "08:12 10/06/2025"
  const when = `${at.slice(0, 5)} ${at.slice(6, 11)}`;
  const actor = entry.actor === 'system' ? 'Đôn Đốc' : (nameOf(entry.actor) ?? 'Một người chưa rõ tên');
  const agency = (id: string) => findAgency(plan, id)?.name ?? id;
  const person = (account: string) => nameOf(account) ?? 'một người chưa rõ tên';
  // Older details may carry an account id ("liên kết với telegram:123"): named instead.
  const detail = (entry.detail ?? '').replace(/\b(?:telegram|zalo|playground):[^\s,;)]+/g, (account) => person(account));
  const code = `mã ${entry.subject}…`;
  let what: string;
  switch (entry.action) {
    case 'invite.created': {
      // Older entries: "head · so-y-te"; the kind and agency are named in words.
      const m = /^([a-z-]+)(?: · ([a-z0-9-]+))?$/.exec(detail);
      const kind = m?.[1] ?? '';
      const target = m?.[2] ? agency(m[2]) : '';
      const forWhom: Record<string, string> = {
        head: `thủ trưởng ${target}`,
        deputy: `cấp phó ${target}`,
        'agency-group': `liên kết nhóm của ${target}`,
        coordinator: 'cán bộ điều phối',
        'coordinator-group': 'liên kết nhóm điều phối',
        'account-link': 'liên kết tài khoản',
      };
      what = `cấp mã mời ${(Object.hasOwn(forWhom, kind) ? (forWhom[kind] ?? detail) : detail).trim()} (${code})`;
      break;
    }
    case 'invite.redeemed': {
      const [, role] = detail.split(' → ');
      what = `dùng ${code} để đăng ký${role ? ` là ${role}` : ''}`;
      break;
    }
    case 'invite.revoked':
      what = `thu hồi ${code}${detail ? ` (${detail})` : ''}`;
      break;
    case 'invite.leaked':
      what = `gửi ${code} vào nhóm nên mã bị hủy${detail ? ` (${detail})` : ''}`;
      break;
    case 'role.granted':
      what = `được cấp vai trò${detail ? ` (${detail})` : ''}`;
      break;
    case 'role.revoked':
      // Detail "Name · role": the name is already said.
      what = `thu hồi vai trò ${detail.split(' · ').pop() ?? ''} của ${person(entry.subject)}`.replace('vai trò  của', 'vai trò của');
      break;
    case 'chat.bound': {
      const [title, target] = detail.split(' → ');
      what = `liên kết nhóm${title ? ` "${title}"` : ''}${target ? ` với ${target}` : ''}`;
      break;
    }
    case 'chat.unbound':
      what = `hủy liên kết nhóm${detail ? ` "${detail}"` : ''}`;
      break;
    case 'delegation.set':
      what = `ủy quyền báo cáo của ${agency(entry.subject)}${detail ? ` cho ${detail}` : ''}`;
      break;
    case 'delegation.ended':
      what = `kết thúc ủy quyền báo cáo của ${agency(entry.subject)}${detail ? ` (${detail})` : ''}`;
      break;
    default:
      what = `${String(entry.action)} ${entry.subject}${detail ? ` — ${detail}` : ''}`;
  }
  return `${when} — ${actor} ${what}`;
}
