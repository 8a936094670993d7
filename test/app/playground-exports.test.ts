import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it } from 'vitest';
import { runApp } from '../helpers/run-app.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('the playground shows /status and writes what the bot sends as files', () => {
  it('a coordinator sees the status, gets the exports under DATA_DIR/exports, and the summaries arrive at the deadline', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-exports-'));
    dirs.push(dataDir);
    const script = ['/as so-y-te', '/as coordinator', '/status', '/xuat', '/advance 2025-06-19T17:00', ''].join('\n');
    const run = await runApp({ input: script, args: ['--now', '2025-06-16T09:00'], env: { DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Đã báo cáo 0/55 cơ quan, đơn vị: đúng hạn 0, muộn 0; chưa báo cáo 55.');
    expect(run.stdout).toContain('[2] 🔔 Nhắc ngay 1 cơ quan chưa báo cáo');
    const files = [...run.stdout.matchAll(/📎 Tệp đính kèm \(\d+ KB\): (\S+)/g)].map((m) => m[1] ?? '');
    expect(files.map((f) => f.slice(dataDir.length))).toEqual([
      '/exports/tong-hop-bao-cao-20250616-0900.xlsx',
      '/exports/du-thao-bao-cao-2025-6-thang-20250616-0900.docx',
      '/exports/tien-do-2025-6-thang-20250618-1630.png',
      '/exports/tien-do-2025-6-thang-20250619-1630.png',
    ]);
    expect(files.every((f) => existsSync(f))).toBe(true);
    const docx = (await mammoth.extractRawText({ path: files[1] ?? '' })).value;
    expect(docx).toContain('Lai Châu, ngày 16 tháng 6 năm 2025');
    expect(
      readFileSync(files[2] ?? '')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(run.stdout).toContain(
      '📨 16:30 thứ Tư, 18/06/2025 → playground:dieu-phoi\n📊 TỔNG HỢP KHI HẾT HẠN — sơ kết 6 tháng đầu năm 2025',
    );
  });
});
