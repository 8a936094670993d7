import { readFile, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKBOOK_COLUMNS } from '../../src/reports/xlsx.js';
import { runApp } from '../helpers/run-app.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** One 6-month period from opening to Monday after the deadline, typed into the playground. */
const SCRIPT = [
  '/as coordinator',
  '/kyhan',
  '/as thanh-tra-tinh', // registers; never reports
  '/kyhan',
  '/as xa-pa-u pho', // the deputy of UBND xã Pa Ủ: reminded by default
  '/kyhan',
  // Sở Y tế reports on time.
  '/as so-y-te',
  '/baocao 1: xong; 2: 80%; 3: 50%; 4: ht sl 12; 5: chua; 6: ht sl 2; 7: 100% sl 35',
  'xác nhận',
  // Sở Tài chính's deputy drafts; the head returns it, then approves the fixed draft.
  '/as so-tai-chinh pho',
  '/baocao 1: xong; 2: 60%; 3: 50%; 4: ht sl 3; 5: chua; 6: chua sl 0; 7: 100% sl 4',
  'xác nhận',
  '/as so-tai-chinh',
  '/duyet',
  '/tralai Đề nghị bổ sung số liệu mục 4',
  '/as so-tai-chinh pho',
  '/baocao 1: xong; 2: 60%; 3: 50%; 4: ht sl 9; 5: chua; 6: chua sl 0; 7: 100% sl 4',
  'xác nhận',
  '/as so-tai-chinh',
  '/kyhan',
  '/duyet',
  '1',
  // Sở Nội vụ reports on its own work like any other agency.
  '/as so-noi-vu',
  '/baocao 1: xong; 2: 90%; 3: 70%; 4: ht sl 20; 5: ht; 6: ht sl 1; 7: 100% sl 10',
  'xác nhận',
  '/advance 2025-06-20T10:00',
  // Sở Y tế corrects item 2 two days after the deadline; UBND xã Pa Ủ reports late.
  '/as so-y-te',
  '/baocao 2: 95%',
  'xác nhận',
  '/as xa-pa-u',
  '/baocao 1: xong; 2: 50%; 3: 50%; 4: ht sl 1; 5: chua; 6: chua sl 0; 7: 50% sl 2',
  'xác nhận',
  // Saturday night: the coordinator's /nhac waits for Monday 07:30.
  '/advance 2025-06-21T21:00',
  '/as coordinator',
  '/nhac 2025-6-thang',
  '1',
  '/advance 2025-06-23T07:45',
  '/status',
  '/xuat',
  '',
].join('\n');

function after(out: string, marker: string): string {
  const i = out.lastIndexOf(marker);
  expect(i, marker).toBeGreaterThanOrEqual(0);
  return out.slice(i);
}

describe('a whole period in the playground', () => {
  it('on time, corrected after the deadline, deputy reminded and drafting, returned then approved, late, Sở Nội vụ, Saturday /nhac on Monday — and the XLSX, DOCX and /status agree', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-period-'));
    dirs.push(dataDir);
    const planFile = join(dataDir, 'plan.yaml');
    await writeFile(
      planFile,
      (await readFile('examples/lai-chau-2025.yaml', 'utf8')).replace('requires_approval: false', 'requires_approval: true'),
    );
    const run = await runApp({ input: SCRIPT, args: ['--now', '2025-06-10T08:00'], env: { DATA_DIR: dataDir, PLAN_FILE: planFile } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;

    // The deputy is reminded, greeted as a deputy; the head of Thanh tra as Chánh Thanh tra.
    expect(out).toContain('📨 08:00 thứ Sáu, 13/06/2025 → playground:pho-xa-pa-u\nKính gửi đồng chí Phó Chủ tịch UBND xã Pa Ủ,');
    // Sign-off: returned with a reason, then approved; the head saw the waiting draft in /kyhan.
    expect(out).toContain('Lý do: Đề nghị bổ sung số liệu mục 4\nĐề nghị đồng chí sửa và gửi lại bằng lệnh /baocao.');
    expect(out).toContain('📝 Có bản nháp của đồng chí Cấp phó Sở Tài chính chờ Thủ trưởng duyệt');
    expect(out).toContain('✅ Đã duyệt báo cáo của Sở Tài chính');
    // The correction after the deadline leaves Sở Y tế on time.
    expect(out).toContain(
      'Đúng hạn (báo cáo lần đầu lúc 08:00 10/06/2025; hạn gửi: thứ Tư, 18/06/2025). Lần này là bổ sung sau hạn, lúc 10:00 20/06/2025.',
    );
    expect(out).toContain('Sở Y tế bổ sung báo cáo kỳ sơ kết 6 tháng đầu năm 2025');
    // Saturday 21:00 → Monday 07:30, said in the reply, and sent then.
    expect(out).toContain('Hiện ngoài giờ hành chính: lời nhắc sẽ được gửi lúc 07:30 thứ Hai, 23/06/2025');
    expect(out).toContain('📨 07:30 thứ Hai, 23/06/2025 → playground:tt-thanh-tra-tinh\nKính gửi đồng chí Chánh Thanh tra tỉnh,');
    expect(out).not.toMatch(/📨 (2[12]:\d\d thứ Bảy|\d\d:\d\d Chủ nhật)/);

    // /status, the XLSX and the DOCX agree on every agency.
    const status = after(out, '» /status');
    expect(status).toContain('Đã báo cáo 4/55 cơ quan, đơn vị: đúng hạn 3, muộn 1; chưa báo cáo 51.');
    const files = [...out.matchAll(/📎 Tệp đính kèm \(\d+ KB\): (\S+\.(?:xlsx|docx))/g)].map((m) => m[1] ?? '');
    const xlsxFile = files.find((f) => f.endsWith('.xlsx')) ?? '';
    const docxFile = files.find((f) => f.endsWith('.docx')) ?? '';
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxFile);
    const byAgency = new Map<string, Record<string, unknown>>();
    workbook.getWorksheet('Sơ kết 6 tháng đầu năm 2025')?.eachRow((row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      const cells = Object.fromEntries(WORKBOOK_COLUMNS.map((c, i) => [c.key, values[i + 1]]));
      if (!byAgency.has(String(cells.agencyId))) byAgency.set(String(cells.agencyId), cells);
    });
    expect(byAgency.size).toBe(55);
    const named = (standing: string) => [...byAgency.values()].filter((r) => r.standing === standing).map((r) => String(r.agency));
    expect(named('Đúng hạn').sort()).toEqual(['Sở Nội vụ', 'Sở Tài chính', 'Sở Y tế'].sort());
    expect(named('Muộn')).toEqual(['UBND xã Pa Ủ']);
    expect(named('Chưa báo cáo')).toHaveLength(51);
    expect([...byAgency.values()].filter((r) => r.revisedLate === 'Có').map((r) => r.agency)).toEqual(['Sở Y tế']);

    const docx = (await mammoth.extractRawText({ path: docxFile })).value;
    expect(docx).toContain('Tổng số cơ quan, đơn vị, địa phương phải báo cáo: 55. Đã báo cáo: 4 (đúng hạn: 3; muộn: 1). Chưa báo cáo: 51.');
    expect(docx).toContain(`- Báo cáo muộn (1): ${named('Muộn').join('; ')}.`);
    expect(docx).toContain(`- Chưa báo cáo (51): ${named('Chưa báo cáo').join('; ')}.`);
    expect(docx).toContain('- Bổ sung báo cáo sau hạn (1): Sở Y tế.');

    expect(status).toContain(`⚠️ Báo cáo muộn (1):\n• UBND xã Pa Ủ — gửi lúc 10:00 20/06/2025`);
    expect(status).toContain(
      '✅ Đúng hạn: 3 cơ quan, đơn vị.\n✏️ Đúng hạn, có bổ sung sau hạn (1):\n• Sở Y tế — báo cáo lúc 08:00 10/06/2025; bổ sung sau hạn lúc 10:00 20/06/2025',
    );
    // The first page of those still missing is the XLSX's missing agencies, in the same order.
    const missingPage = [...status.matchAll(/^\d+\. (.+?) — /gm)].map((m) => m[1]);
    expect(missingPage).toEqual(named('Chưa báo cáo').slice(0, missingPage.length));
    expect(missingPage.length).toBe(40);
  }, 60_000);
});
