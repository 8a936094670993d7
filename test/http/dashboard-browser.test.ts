import { mkdir } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { REMARKS_SHEET, REVISIONS_SHEET, SUMMARY_SHEET } from '../../src/reports/xlsx.js';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountDashboard } from '../../src/app/dashboard.js';
import { accountId, type AccountId } from '../../src/domain/roles.js';
import type { ItemAnswer, NewSubmission } from '../../src/domain/submission.js';
import { startHttpServer, type HttpServer } from '../../src/http/server.js';
import { createWebSessions } from '../../src/security/web-sessions.js';
import { ADMIN, createTestBot, textOf, type TestBot } from '../helpers/bot.js';
import { launchChromium } from '../helpers/browser.js';

const COORDINATOR = accountId('telegram', '2002');
/** A second coordinator: one account may ask for only 5 links in 15 minutes. */
const COORDINATOR_2 = accountId('telegram', '2003');
const HEAD_YTE = accountId('telegram', '1001');
const HEAD_TC = accountId('telegram', '1003');
const PERIOD = '2025-6-thang';
const at = (iso: string) => Date.parse(`${iso}+07:00`);
const HOSTILE_NOTE = '<script>alert("xss")</script> & <b>đậm</b>';

function answers(percents: readonly number[], quantities: Record<number, number> = {}, note = ''): ItemAnswer[] {
  return percents.map((percent, i) => ({
    itemNo: i + 1,
    status: percent === 100 ? 'done' : percent === 0 ? 'not-started' : 'in-progress',
    percent,
    note: i === 0 ? note : '',
    ...([4, 6, 7].includes(i + 1) ? { quantity: quantities[i + 1] ?? 0 } : {}),
  }));
}

function report(
  agencyId: string,
  percents: number[],
  submittedAt: string,
  quantities: Record<number, number> = {},
  note = '',
): NewSubmission {
  return {
    campaignId: 'thi-dua-2025',
    periodId: PERIOD,
    agencyId,
    answers: answers(percents, quantities, note),
    submittedBy: { account: HEAD_YTE, name: 'Nguyễn Văn An', role: 'head' },
    submittedAt: at(submittedAt),
    late: at(submittedAt) > at('2025-06-18T23:59:59'),
  };
}

/** The link in the bot's answer to /web. */
async function linkFor(bot: TestBot, who: AccountId): Promise<string> {
  const text = textOf(await bot.say(who, '/web'));
  const url = /https?:\/\/\S+/.exec(text)?.[0];
  if (!url) throw new Error(`no link in: ${text}`);
  return url;
}

describe('the dashboard in a real browser', () => {
  let bot: TestBot;
  let http: HttpServer;
  let browser: Browser;
  let base: string;
  /** Real time as the sessions see it: moved forward to expire a link without waiting. */
  let skewMs = 0;
  const contexts: BrowserContext[] = [];

  async function signedIn(who: AccountId): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(await linkFor(bot, who));
    return page;
  }

  beforeAll(async () => {
    bot = await createTestBot({ now: '2025-06-19T10:00:00+07:00', store: 'redis' });
    await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
    await bot.grant({ account: COORDINATOR_2, role: 'coordinator', name: 'Đỗ Minh Châu' });
    await bot.grant({ account: HEAD_YTE, role: 'head', agencyId: 'so-y-te', name: 'Nguyễn Văn An' });
    await bot.grant({ account: HEAD_TC, role: 'head', agencyId: 'so-tai-chinh', name: 'Lò Văn Tài' });
    await bot.store.contacts.put({
      account: HEAD_TC,
      name: 'Lò Văn Tài',
      reachable: false,
      unreachableReason: 'blocked',
      unreachableSince: at('2025-06-13T08:00'),
    });
    await bot.store.reports.add(report('so-y-te', [100, 80, 60, 50, 100, 0, 100], '2025-06-16T09:00', { 4: 12, 7: 30 }, 'Lần đầu'));
    await bot.store.reports.add(report('so-y-te', [100, 90, 60, 50, 100, 0, 100], '2025-06-17T15:30', { 4: 15, 7: 30 }, HOSTILE_NOTE));
    await bot.store.reports.add(report('xa-muong-kim', [100, 100, 100, 100, 100, 100, 100], '2025-06-19T08:30', { 4: 1_200, 6: 2, 7: 5 }));
    // A few more agencies, on time and late, so the grid (and its screenshot) has colour in it.
    const more = bot.plan.agencies
      .filter((a) => !['so-y-te', 'xa-muong-kim', 'so-tai-chinh', bot.plan.coordinatorAgencyId].includes(a.id))
      .slice(0, 12);
    for (const [i, a] of more.entries()) {
      await bot.store.reports.add(
        report(
          a.id,
          [100, (i * 17) % 101, 50, i % 3 === 0 ? 0 : 40, 100, (i * 29) % 101, 100],
          i % 4 === 0 ? '2025-06-19T09:00' : '2025-06-17T10:00',
          { 4: i * 3, 7: 10 + i },
        ),
      );
    }
    http = await startHttpServer({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }) });
    base = `http://127.0.0.1:${http.port}`;
    bot.services.dashboard = { publicUrl: base, sessions: createWebSessions({ store: bot.store, now: () => Date.now() + skewMs }) };
    mountDashboard(http, bot.services);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await http?.close(500);
    await bot?.close();
  });

  it('signs a coordinator in from the link the bot sent, and leaves no token in the address', async () => {
    const page = await signedIn(COORDINATOR);
    expect(page.url()).toBe(`${base}/dashboard`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Tổng quan');
    const cookies = await page.context().cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = await page.locator('body').innerText();
    expect(body).toContain('Đã báo cáo: 14/');
    expect(body).toContain('Bổ sung sau hạn: 0');
    expect(body).toContain('Lò Văn Tài — Sở Tài chính');
    await shoot(page, 'dashboard-overview.png');
  });

  it('refuses the same link opened a second time, and a link past its 10 minutes, in Vietnamese', async () => {
    const link = await linkFor(bot, COORDINATOR);
    const first = await browser.newContext();
    const second = await browser.newContext();
    contexts.push(first, second);
    await (await first.newPage()).goto(link);
    const again = await second.newPage();
    const response = await again.goto(link);
    expect(response?.status()).toBe(410);
    await expect(again.locator('h1').textContent()).resolves.toBe('Đường dẫn đã được sử dụng');
    expect(await second.cookies()).toHaveLength(0);

    const late = await linkFor(bot, COORDINATOR);
    skewMs = 10 * 60_000 + 1;
    try {
      const expired = await (await second.newPage()).goto(late);
      expect(expired?.status()).toBe(410);
      expect(await expired?.text()).toContain('Đường dẫn đã hết hạn');
    } finally {
      skewMs = 0;
    }
  });

  it('shows the coordinator a grid that agrees with /status and the XLSX, cell by cell', async () => {
    const page = await signedIn(COORDINATOR);
    await page.goto(`${base}/dashboard/ky?id=${PERIOD}`);
    await shoot(page, 'dashboard-period-grid.png');
    await shoot(page, 'dashboard-period-grid-phone.png', { width: 390, height: 844 });
    const status = textOf(await bot.say(COORDINATOR, `/status ${PERIOD}`));
    const tally = /Đã báo cáo (\d+)\/(\d+) cơ quan, đơn vị: đúng hạn (\d+), muộn (\d+); chưa báo cáo (\d+)\./.exec(status);
    expect(tally).not.toBeNull();
    const [, reported, total, onTime, lateCount, missing] = tally ?? [];
    const counts = await page.locator('.counts').first().innerText();
    expect(counts).toContain(`Đã báo cáo: ${reported}/${total}`);
    expect(counts).toContain(`Đúng hạn: ${onTime}`);
    expect(counts).toContain(`Muộn: ${lateCount}`);
    expect(counts).toContain(`Chưa báo cáo: ${missing}`);
    expect(await page.locator('tbody tr[data-agency]').count()).toBe(Number(total));

    // The totals row against /status's item lines.
    for (const line of status.split('\n').filter((l) => /^\d+\. .*: hoàn thành \d+/.test(l))) {
      const m = /^(\d+)\. .*: hoàn thành (\d+) · đang thực hiện (\d+) · chưa (\d+)(?: · bình quân ([\d,]+%))?(?: · tổng ([\d.]+))?/.exec(
        line,
      );
      expect(m).not.toBeNull();
      const [, no, done, inProgress, notStarted, mean, quantity] = m ?? [];
      const cell = await page.locator(`tr.totals td[data-item="${no}"]`).innerText();
      expect(cell).toContain(`${done} HT · ${inProgress} ĐTH · ${notStarted} CTH`);
      if (mean) expect(cell).toContain(`TB ${mean}`);
      if (quantity) expect(cell).toContain(quantity);
    }

    // Every row of the XLSX (agency × item) against its grid cell.
    const response = await page.context().request.get(`${base}/dashboard/tep/tai?id=${PERIOD}&loai=xlsx`);
    expect(response.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
    // The period's detail sheet (beside the summary, revisions and remarks sheets), read by column title.
    const sheet = workbook.worksheets.find((ws) => ![SUMMARY_SHEET, REVISIONS_SHEET, REMARKS_SHEET].includes(ws.name));
    if (!sheet) throw new Error('no sheet');
    const col = new Map<string, number>();
    sheet.getRow(1).eachCell((c, n) => col.set(c.text, n));
    const at = (title: string): number => {
      const n = col.get(title);
      if (n === undefined) throw new Error(`no column ${title}`);
      return n;
    };
    const STATUS_CLASS: Record<string, string> = { 'Hoàn thành': 'done', 'Đang thực hiện': 'in-progress', 'Chưa thực hiện': 'not-started' };
    const rows: { agencyId: string; standing: string; itemNo: number; status: string; percent: number | null; quantity: number | null }[] =
      [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      rows.push({
        agencyId: row.getCell(at('Mã cơ quan')).text,
        standing: row.getCell(at('Tình trạng')).text,
        itemNo: Number(row.getCell(at('Nội dung số')).value),
        status: row.getCell(at('Kết quả')).text,
        percent: row.getCell(at('Tỷ lệ (%)')).value as number | null,
        quantity: row.getCell(at('Số lượng')).value as number | null,
      });
    });
    expect(rows.length).toBe(Number(total) * 7);
    const cells = await page.locator('tbody tr[data-agency]').evaluateAll((trs) =>
      trs.map((tr) => ({
        agencyId: tr.getAttribute('data-agency'),
        standing: tr.querySelector('.badge')?.textContent,
        cells: Array.from(tr.querySelectorAll('td.cell')).map((td) => ({ cls: td.className, text: (td as HTMLElement).innerText })),
      })),
    );
    const byAgency = new Map(cells.map((c) => [c.agencyId, c]));
    for (const r of rows) {
      const shown = byAgency.get(r.agencyId);
      expect(shown?.standing, r.agencyId).toBe(r.standing);
      const cell = shown?.cells[r.itemNo - 1];
      if (!r.status) {
        expect(cell?.cls).toContain('none');
        continue;
      }
      expect(cell?.cls, `${r.agencyId} ${r.itemNo}`).toContain(STATUS_CLASS[r.status]);
      expect(cell?.text).toContain(`${r.percent}%`);
      if (r.quantity !== null) expect(cell?.text.replace(/\./g, '')).toContain(String(r.quantity));
    }

    // The filter keeps what it says.
    await page.getByRole('link', { name: 'Báo cáo muộn' }).click();
    expect(await page.locator('tbody tr[data-agency]').count()).toBe(Number(lateCount));
  });

  it('shows a note containing <script> as text, and runs no script at all', async () => {
    const page = await signedIn(COORDINATOR);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`${base}/dashboard/coquan?id=so-y-te`);
    await shoot(page, 'dashboard-agency.png');
    await expect(page.getByText(HOSTILE_NOTE, { exact: false }).first().isVisible()).resolves.toBe(true);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('main b').count()).toBe(0);
    expect(dialogs).toBe(0);
    // Both revisions, newest first, with what changed.
    const revisions = page.locator('section[data-period="2025-6-thang"] tr[data-revision]');
    expect(await revisions.count()).toBe(2);
    expect(await revisions.first().innerText()).toContain('trước: Đang thực hiện, 80%');
  });

  it("lets a head see their own agency and refuses another's, and the province's grid", async () => {
    const page = await signedIn(HEAD_YTE);
    const overview = await page.locator('main').innerText();
    expect(overview).toContain('Sở Y tế');
    expect(overview).toContain('sơ kết 6 tháng đầu năm 2025 — hạn 18/06/2025: Đúng hạn');
    expect(overview).not.toContain('Người chưa nhận được tin nhắn');
    await page.getByRole('link', { name: 'Sở Y tế' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Sở Y tế');
    const other = await page.goto(`${base}/dashboard/coquan?id=so-tai-chinh`);
    expect(other?.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain('Không có quyền xem trang này');
    expect((await page.goto(`${base}/dashboard/ky?id=${PERIOD}`))?.status()).toBe(403);
    expect((await page.goto(`${base}/dashboard/tep/tai?id=${PERIOD}&loai=xlsx`))?.status()).toBe(403);
  });

  it('shows a stranger only the sign-in notice', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    for (const path of ['/dashboard', `/dashboard/ky?id=${PERIOD}`, '/dashboard/coquan?id=so-y-te', '/dashboard/nhatky']) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status()).toBe(401);
      expect(await page.locator('main').innerText()).toContain('gửi lệnh /web trong tin nhắn riêng với bot');
    }
  });

  it('signs out with the button, and /web dangxuat ends every session at once', async () => {
    const page = await signedIn(COORDINATOR_2);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Đã đăng xuất');
    expect((await page.goto(`${base}/dashboard`))?.status()).toBe(401);

    const desk = await signedIn(COORDINATOR_2);
    const phone = await signedIn(COORDINATOR_2);
    expect(textOf(await bot.say(COORDINATOR_2, '/web dangxuat'))).toContain('Đã đăng xuất mọi phiên');
    for (const p of [desk, phone]) expect((await p.goto(`${base}/dashboard`))?.status()).toBe(401);
  });

  it('locks a revoked head out on the next click', async () => {
    const page = await signedIn(HEAD_TC);
    await expect(page.locator('main').innerText()).resolves.toContain('Sở Tài chính');
    expect(textOf(await bot.say(ADMIN, '/thuhoi so-tai-chinh 1'))).toContain('Đã thu hồi');
    await page.goto(`${base}/dashboard/coquan?id=so-tai-chinh`);
    expect(await page.locator('main').innerText()).toContain('gửi lệnh /web');
    expect(await page.context().cookies()).toHaveLength(0);
  });

  it('shows the audit log to an administrator only', async () => {
    const admin = await signedIn(ADMIN);
    await admin.goto(`${base}/dashboard/nhatky`);
    expect(await admin.locator('main').innerText()).toContain('Thu hồi vai trò');
    const coordinator = await signedIn(COORDINATOR_2);
    expect((await coordinator.goto(`${base}/dashboard/nhatky`))?.status()).toBe(403);
  });
});

/** Saves a screenshot for the README when DASHBOARD_SCREENSHOTS names a folder (e.g. docs). */
async function shoot(page: Page, name: string, size = { width: 1280, height: 800 }): Promise<void> {
  const dir = process.env.DASHBOARD_SCREENSHOTS;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.setViewportSize(size);
  await page.screenshot({ path: `${dir}/${name}`, fullPage: size.width > 600 });
}
