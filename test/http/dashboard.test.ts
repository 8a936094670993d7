import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardData } from '../../handlers/dashboard-data.js';
import { mountDashboard } from '../../src/app/dashboard.js';
import { accountId } from '../../src/domain/roles.js';
import { dashboardRoutes } from '../../src/http/dashboard/routes.js';
import { DASHBOARD_CSP } from '../../src/http/dashboard/security.js';
import { startHttpServer, type HttpServer } from '../../src/http/server.js';
import { createWebSessions } from '../../src/security/web-sessions.js';
import { createTestBot, textOf, type TestBot } from '../helpers/bot.js';

const COORDINATOR = accountId('telegram', '2002');

/** The dashboard over plain HTTP: the headers and rules a browser test would only see indirectly. */
describe('the dashboard over HTTP', () => {
  let bot: TestBot;
  let http: HttpServer;
  let base: string;

  beforeAll(async () => {
    bot = await createTestBot({ now: '2025-06-19T10:00:00+07:00' });
    await bot.grant({ account: COORDINATOR, role: 'coordinator', name: 'Trần Thị Bình' });
    http = await startHttpServer({ host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }) });
    base = `http://127.0.0.1:${http.port}`;
    bot.services.dashboard = { publicUrl: base, sessions: createWebSessions({ store: bot.store }) };
    mountDashboard(http, bot.services);
  });
  afterAll(async () => {
    await http?.close(500);
    await bot?.close();
  });

  async function cookieFor(who = COORDINATOR): Promise<string> {
    const link = /https?:\/\/\S+/.exec(textOf(await bot.say(who, '/web')))?.[0] ?? '';
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard');
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  function expectSecurityHeaders(res: Response): void {
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  }

  it('sends the security headers on every dashboard response, signed in or not, page or file', async () => {
    const cookie = await cookieFor();
    const requests: [string, RequestInit?][] = [
      ['/dashboard'],
      ['/dashboard/style.css'],
      ['/dashboard/dangnhap?t=nothing'],
      ['/dashboard', { headers: { cookie } }],
      ['/dashboard/ky?id=2025-6-thang', { headers: { cookie } }],
      ['/dashboard/ky?id=khong-co', { headers: { cookie } }],
      ['/dashboard/coquan?id=so-y-te', { headers: { cookie } }],
      ['/dashboard/tep', { headers: { cookie } }],
      ['/dashboard/tep/tai?id=2025-6-thang&loai=docx', { headers: { cookie } }],
      ['/dashboard/tep/tai?id=2025-6-thang&loai=png', { headers: { cookie } }],
      ['/dashboard/nhatky', { headers: { cookie } }],
      ['/dashboard/khong-co-trang-nay'],
      ['/dashboard/dangxuat'],
    ];
    const statuses: number[] = [];
    for (const [path, init] of requests) {
      const res = await fetch(`${base}${path}`, init);
      statuses.push(res.status);
      expectSecurityHeaders(res);
      const type = res.headers.get('content-type') ?? '';
      if (type.startsWith('text/html')) expect(await res.text()).not.toContain('<script');
    }
    expect(statuses).toEqual([401, 200, 404, 200, 200, 404, 200, 200, 200, 200, 403, 404, 405]);
  });

  it('changes nothing on GET but the link exchange: signing out is a POST from our own pages', async () => {
    const cookie = await cookieFor();
    expect((await fetch(`${base}/dashboard/dangxuat`, { headers: { cookie } })).status).toBe(405);
    const crossSite = await fetch(`${base}/dashboard/dangxuat`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expectSecurityHeaders(crossSite);
    expect((await fetch(`${base}/dashboard`, { headers: { cookie } })).status).toBe(200);
    const own = await fetch(`${base}/dashboard/dangxuat`, {
      method: 'POST',
      headers: { cookie, origin: base, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fetch(`${base}/dashboard`, { headers: { cookie } })).status).toBe(401);
  });

  it('limits sign-in attempts per IP (behind the local proxy, the forwarded address)', async () => {
    const attempt = (ip: string) =>
      fetch(`${base}/dashboard/dangnhap?t=${'a'.repeat(43)}`, { headers: { 'x-forwarded-for': `198.51.100.1, ${ip}` } });
    for (let i = 0; i < 30; i++) expect((await attempt('203.0.113.50')).status).toBe(404);
    const throttled = await attempt('203.0.113.50');
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain('Quá nhiều lần đăng nhập');
    expect((await attempt('203.0.113.51')).status).toBe(404);
  });

  it('limits links per account in the chat', async () => {
    const who = accountId('telegram', '2999');
    await bot.grant({ account: who, role: 'coordinator', name: 'Người thử' });
    for (let i = 0; i < 5; i++) expect(textOf(await bot.say(who, '/web'))).toContain('/dashboard/dangnhap?t=');
    expect(textOf(await bot.say(who, '/web'))).toContain('nhiều đường dẫn trong thời gian ngắn');
  });

  it('behind HTTPS, sets a __Host- cookie that is Secure, HttpOnly and SameSite=Strict for 8 hours', async () => {
    const sessions = createWebSessions({ store: bot.store });
    const signIn = dashboardRoutes({ services: bot.services, data: dashboardData, sessions, publicUrl: 'https://bot.example.vn' }).find(
      (r) => r.path === '/dashboard/dangnhap',
    );
    const token = await sessions.issueLink(COORDINATOR, 'Trần Thị Bình');
    const res = await signIn?.handle({
      method: 'GET',
      path: '/dashboard/dangnhap',
      query: new URLSearchParams({ t: token ?? '' }),
      headers: {},
      body: Buffer.alloc(0),
      remoteAddress: '10.1.1.1',
    });
    expect(res?.status).toBe(303);
    expect(res?.headers?.['set-cookie']).toMatch(
      /^__Host-dondoc=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800; Secure$/,
    );
  });

  it('says in the chat when this server does not serve the dashboard', async () => {
    const saved = bot.services.dashboard;
    delete bot.services.dashboard;
    try {
      expect(textOf(await bot.say(COORDINATOR, '/web'))).toContain('chưa được bật');
      expect(textOf(await bot.say(COORDINATOR, '/web dangxuat'))).toContain('Đã đăng xuất');
    } finally {
      bot.services.dashboard = saved;
    }
  });
});
