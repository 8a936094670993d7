import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runApp } from '../helpers/run-app.js';

describe('the local playground, scripted through a pipe', () => {
  it('gives help in Vietnamese, switches to Sở Y tế and lists its open periods and deadlines', async () => {
    const script = ['/trogiup', '/as so-y-te', '/kyhan', ''].join('\n');
    const run = await runApp({ input: script, args: ['--now', '2025-06-10T08:00'] });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Đôn Đốc — sân chơi cục bộ');
    expect(out).toContain('Giờ ảo: 08:00 10/06/2025 (thứ Ba, 10/06/2025)');
    expect(out).toContain('Các lệnh đồng chí có thể dùng:');
    expect(out).toContain('/as <ai>');
    expect(out).toContain('Đang gõ với tư cách: Sở Y tế · thủ trưởng');
    expect(out).toContain('Kính gửi đồng chí Giám đốc Sở Y tế,');
    expect(out).toContain('Hạn gửi: thứ Tư, 18/06/2025');
    expect(out).toContain('Còn 8 ngày đến hạn');
    expect(out).toContain('Chưa báo cáo');
  });

  it('takes lines ending in "\\" as one multi-line message: a whole quick-form report goes to the review', async () => {
    const script = [
      '/as so-y-te',
      '/baocao 1. Đã hoàn thành \\',
      '2. Hoàn thành \\',
      '3. Đang thực hiện, đạt 55% \\',
      '4. Hoàn thành, khen thưởng 8 tập thể, cá nhân \\',
      '5. Hoàn thành \\',
      '6. Đã tổ chức 1 hội nghị \\',
      '7. Đang thực hiện 30%, 20 tin, bài',
      'xac nhan',
      '',
    ].join('\n');
    const run = await runApp({ input: script, args: ['--now', '2025-06-10T08:00'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4. Đổi mới công tác thi đua, khen thưởng: Hoàn thành 100%; số lượng: 8 tập thể, cá nhân; không ghi chú');
    expect(run.stdout).toContain('7. Phối hợp thông tin, truyền thông: Đang thực hiện 30%; số lượng: 20 tin, bài; không ghi chú');
    expect(run.stdout).toContain('Đôn Đốc đã nhận báo cáo');
    expect(run.stdout).not.toContain('Đôn Đốc chưa hiểu');
  });

  it('moves its virtual clock with /advance and takes PLAYGROUND_NOW from the environment', async () => {
    const run = await runApp({
      input: '/as so-y-te\n/advance 9d\n/kyhan\n/advance 1h\n/advance 2025-01-01T00:00\n/advance soon\n',
      env: { PLAYGROUND_NOW: '2025-06-10T08:00' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Giờ ảo: 08:00 19/06/2025');
    expect(run.stdout).toContain('Đã quá hạn 1 ngày');
    expect(run.stdout).toContain('Giờ ảo: 09:00 19/06/2025');
    expect(run.stdout).toContain('Giờ ảo chỉ tiến về phía trước.');
    expect(run.stdout).toContain('Cách dùng: /advance 3d');
  });

  it('helps a newcomer whose clock is past every period, and finds agencies by part of their name', async () => {
    const run = await runApp({ input: '/as y te\n/as xa muong\n/as khong-co\n', args: ['--now', '2026-11-25T08:00'] });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('lúc này không có kỳ báo cáo nào đang mở');
    expect(run.stdout).toContain('Đang gõ với tư cách: Sở Y tế · thủ trưởng');
    expect(run.stdout).toContain('Có nhiều cơ quan khớp');
    expect(run.stdout).toContain('xa-muong-kim — UBND xã Mường Kim');
    expect(run.stdout).toContain('Không tìm thấy "khong-co"');
  });

  it('watches a whole 6-month period in one scripted run: every reminder once, then the escalation', async () => {
    const script = ['/as coordinator', '/as so-y-te', '/advance 2025-06-30T17:00', '/kyhan', ''].join('\n');
    const run = await runApp({ input: script, args: ['--now', '2025-06-01T08:00'] });
    expect(run.code).toBe(0);
    const reminders = run.stdout.match(/📨 08:00 [^\n]+ → playground:tt-so-y-te/g) ?? [];
    expect(reminders).toEqual([
      '📨 08:00 thứ Hai, 09/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Sáu, 13/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Ba, 17/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Tư, 18/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Năm, 19/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Sáu, 20/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Hai, 23/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Ba, 24/06/2025 → playground:tt-so-y-te',
      '📨 08:00 thứ Tư, 25/06/2025 → playground:tt-so-y-te',
    ]);
    expect(run.stdout).toContain('📨 08:00 thứ Hai, 23/06/2025 → playground:dieu-phoi\nKính gửi Sở Nội vụ,');
    expect(run.stdout).toContain('Đã quá hạn 12 ngày');
  });

  it('shows the guest who registered with the role they now hold', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-pg-guest-'));
    try {
      const invite = await runApp({ input: '/moi so-y-te\n', args: ['--now', '2025-06-10T08:00'], env: { DATA_DIR: dataDir } });
      const code = /\/dangky ([A-Za-z0-9_-]{22})/.exec(invite.stdout)?.[1];
      expect(code, invite.stdout).toBeDefined();
      const run = await runApp({
        input: `/as khach\n/dangky ${code}\n/kyhan\n`,
        args: ['--now', '2025-06-10T08:05'],
        env: { DATA_DIR: dataDir },
      });
      expect(run.stdout).toContain(`» /dangky ${code}   [khách (chưa đăng ký)]`);
      expect(run.stdout).toContain('» /kyhan   [khách · Sở Y tế · thủ trưởng]');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 0 on empty input', async () => {
    const run = await runApp({ input: '' });
    expect(run.code).toBe(0);
  });
});
