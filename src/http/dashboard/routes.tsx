import { compareLocalDates, localDateAt } from '../../domain/vietnam-time.js';
import { findAgency } from '../../domain/plan.js';
import { holdsRole, identityFrom, type Identity } from '../../domain/roles.js';
import { progressChartPng } from '../../reports/chart.js';
import { chartAttachment, reportAttachment, workbookAttachment } from '../../reports/files.js';
import { buildPeriodGrid, GRID_FILTERS, type GridFilter } from '../../reports/period-grid.js';
import { buildWorkbook } from '../../reports/xlsx.js';
import { SESSION_LIFETIME_MS, type WebSessions } from '../../security/web-sessions.js';
import { SIGN_IN_PATH, type DashboardData } from '../../ports/dashboard.js';
import type { Services } from '../../ports/services.js';
import type { HttpRequest, HttpResponse, Route } from '../server.js';
import { AgencyPage, AuditPage, FilesPage, htmlDocument, NoticePage, OverviewPage, PATHS, PeriodGridPage, type Viewer } from './pages.js';
import { clearedCookie, clientIp, readSessionCookie, sameOrigin, SECURITY_HEADERS, sessionCookie } from './security.js';
import { DASHBOARD_CSS } from './style.js';

export interface DashboardOptions {
  services: Services;
  /** The reads behind the pages (handlers/dashboard-data.ts, passed in by src/app/dashboard.ts). */
  data: DashboardData;
  sessions: WebSessions;
  /** Where people reach the dashboard (PUBLIC_URL); https: makes the cookie Secure. */
  publicUrl: string;
}

const SIGN_IN_NOTICE = {
  title: 'Đăng nhập trang điều hành',
  message:
    'Trang này chỉ dành cho cán bộ đã đăng ký với Đôn Đốc. Để đăng nhập, đồng chí gửi lệnh /web trong tin nhắn riêng với bot trên Telegram hoặc Zalo, rồi mở đường dẫn bot gửi (dùng một lần, hiệu lực 10 phút).',
};

const REFUSED_LINK: Record<'unknown' | 'used' | 'expired' | 'throttled', { status: number; title: string; message: string }> = {
  unknown: {
    status: 404,
    title: 'Đường dẫn không hợp lệ',
    message: 'Đường dẫn đăng nhập này không đúng. Đề nghị gửi lệnh /web cho bot để nhận đường dẫn mới.',
  },
  used: {
    status: 410,
    title: 'Đường dẫn đã được sử dụng',
    message: 'Mỗi đường dẫn đăng nhập chỉ dùng được một lần. Đề nghị gửi lệnh /web cho bot để nhận đường dẫn mới.',
  },
  expired: {
    status: 410,
    title: 'Đường dẫn đã hết hạn',
    message: 'Đường dẫn đăng nhập chỉ có hiệu lực 10 phút. Đề nghị gửi lệnh /web cho bot để nhận đường dẫn mới.',
  },
  throttled: {
    status: 429,
    title: 'Quá nhiều lần đăng nhập',
    message: 'Có quá nhiều lần đăng nhập trong thời gian ngắn. Đề nghị thử lại sau 15 phút.',
  },
};

const HTML = 'text/html; charset=utf-8';

function page(status: number, html: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, body: html, headers: { ...SECURITY_HEADERS, 'content-type': HTML, ...headers } };
}

function notice(status: number, title: string, message: string, viewer?: Viewer, headers?: Record<string, string>): HttpResponse {
  return page(status, htmlDocument(<NoticePage title={title} message={message} {...(viewer ? { viewer } : {})} />), headers);
}

function viewerOf(identity: Identity): Viewer {
  return { name: identity.name, seesAll: holdsRole(identity, 'coordinator'), isAdmin: identity.isAdmin };
}

const forbidden = (viewer: Viewer) =>
  notice(
    403,
    'Không có quyền xem trang này',
    'Trang này không thuộc phạm vi của đồng chí. Thủ trưởng, cấp phó chỉ xem được trang của cơ quan, đơn vị mình.',
    viewer,
  );
const notFound = (viewer: Viewer, what: string) => notice(404, 'Không tìm thấy', `Không tìm thấy ${what}.`, viewer);

/**
 * The dashboard's routes on the app's HTTP server. Every response carries the security headers;
 * every page but the sign-in link's exchange is read-only; who may see what is decided on every
 * request from the roles held at that moment (a revoked role is locked out on the next click).
 */
export function dashboardRoutes(options: DashboardOptions): Route[] {
  const { services, sessions, data } = options;
  const publicUrl = new URL(options.publicUrl);
  const secure = publicUrl.protocol === 'https:';

  type Signed = { identity: Identity; viewer: Viewer };
  const signedIn =
    (handle: (request: HttpRequest, who: Signed) => Promise<HttpResponse>) =>
    async (request: HttpRequest): Promise<HttpResponse> => {
      const token = readSessionCookie(request.headers, secure);
      const session = token ? await sessions.session(token) : undefined;
      if (!token || !session)
        return notice(401, SIGN_IN_NOTICE.title, SIGN_IN_NOTICE.message, undefined, token ? { 'set-cookie': clearedCookie(secure) } : {});
      const identity = identityFrom(session.account, session.name, await services.store.people.rolesOf(session.account), services.adminIds);
      // No role left: refused, and the browser told to drop its cookie (a GET writes nothing; the
      // session record expires by itself and can do nothing without a role).
      if (!identity.isAdmin && !identity.isCoordinator && identity.agencies.length === 0) {
        return notice(
          403,
          'Đồng chí không còn vai trò',
          'Tài khoản này không còn vai trò nào trong Đôn Đốc nên phiên làm việc đã kết thúc. Đề nghị liên hệ Sở Nội vụ nếu cần.',
          undefined,
          { 'set-cookie': clearedCookie(secure) },
        );
      }
      return handle(request, { identity, viewer: viewerOf(identity) });
    };

  const get = (path: string, handle: (request: HttpRequest) => Promise<HttpResponse>): Route => ({
    method: 'GET',
    path,
    maxBodyBytes: 0,
    handle,
  });

  return [
    get(PATHS.style, async () => ({
      status: 200,
      body: DASHBOARD_CSS,
      headers: { ...SECURITY_HEADERS, 'content-type': 'text/css; charset=utf-8' },
    })),

    // The one GET that changes something: the link is spent and a session made, then the browser
    // is sent to an address without the token (which Referrer-Policy keeps from leaving anyway).
    get(SIGN_IN_PATH, async (request) => {
      const result = await sessions.exchange(request.query.get('t') ?? '', clientIp(request.remoteAddress, request.headers));
      if (!result.ok) {
        const refused = REFUSED_LINK[result.reason];
        return notice(refused.status, refused.title, refused.message);
      }
      services.logger.info({ account: result.session.account }, 'dashboard: signed in');
      return {
        status: 303,
        body: '',
        headers: {
          ...SECURITY_HEADERS,
          location: PATHS.overview,
          'set-cookie': sessionCookie(result.sessionToken, SESSION_LIFETIME_MS / 1000, secure),
        },
      };
    }),

    {
      method: 'POST',
      path: PATHS.signOut,
      maxBodyBytes: 1024,
      async handle(request) {
        if (!sameOrigin(request.headers, publicUrl.origin))
          return notice(403, 'Yêu cầu không hợp lệ', 'Yêu cầu này không đến từ trang điều hành.');
        const token = readSessionCookie(request.headers, secure);
        if (token) await sessions.endSession(token);
        return notice(
          200,
          'Đã đăng xuất',
          'Đồng chí đã đăng xuất khỏi trang điều hành. Để đăng nhập lại, gửi lệnh /web cho bot.',
          undefined,
          { 'set-cookie': clearedCookie(secure) },
        );
      },
    },

    get(
      PATHS.overview,
      signedIn(async (_request, { identity, viewer }) => {
        const now = services.clock.now();
        const own = await data.ownAgencies(services, [...new Set(identity.agencies.map((a) => a.agencyId))], now);
        if (!viewer.seesAll)
          return page(
            200,
            htmlDocument(<OverviewPage viewer={viewer} periods={[]} unreachable={[]} nextReminders={[]} ownAgencies={own} asOf={now} />),
          );
        const periods = await data.overviewPeriods(services, now);
        const unreachable = await data.unreachablePeople(services);
        return page(
          200,
          htmlDocument(
            <OverviewPage
              viewer={viewer}
              periods={periods}
              unreachable={unreachable}
              nextReminders={data.nextReminders(services, periods, now)}
              ownAgencies={own}
              asOf={now}
            />,
          ),
        );
      }),
    ),

    get(
      PATHS.period,
      signedIn(async (request, { viewer }) => {
        if (!viewer.seesAll) return forbidden(viewer);
        const period = await services.periods.find(request.query.get('id') ?? '');
        if (!period) return notFound(viewer, 'kỳ báo cáo này');
        const model = await data.loadSummary(services, period, services.clock.now());
        const loc = request.query.get('loc') ?? '';
        const filter = (GRID_FILTERS as readonly string[]).includes(loc) ? (loc as GridFilter) : undefined;
        const search = (request.query.get('q') ?? '').slice(0, 100);
        const grid = buildPeriodGrid(model, { search, ...(filter ? { filter } : {}), page: Number(request.query.get('trang')) || 1 });
        return page(
          200,
          htmlDocument(
            <PeriodGridPage
              viewer={viewer}
              model={model}
              supplementedLate={data.supplementedAfterDeadline(model)}
              grid={grid}
              search={search}
              {...(filter ? { filter } : {})}
            />,
          ),
        );
      }),
    ),

    get(
      PATHS.agency,
      signedIn(async (request, { identity, viewer }) => {
        const id = request.query.get('id') ?? '';
        // A head or deputy sees their own agency only; asking for another is refused, not "not found".
        if (!viewer.seesAll && !identity.agencies.some((a) => a.agencyId === id)) return forbidden(viewer);
        const agency = findAgency(services.plan, id);
        if (!agency) return notFound(viewer, 'cơ quan, đơn vị này');
        const detail = await data.agencyDetail(services, agency.id, services.clock.now());
        return page(
          200,
          htmlDocument(
            <AgencyPage
              viewer={viewer}
              agency={{ id: agency.id, name: agency.name, ...(agency.group ? { group: agency.group } : {}) }}
              {...detail}
            />,
          ),
        );
      }),
    ),

    get(
      PATHS.files,
      signedIn(async (_request, { viewer }) => {
        if (!viewer.seesAll) return forbidden(viewer);
        const today = localDateAt(services.clock.now());
        const started = (await services.periods.all())
          .filter((p) => compareLocalDates(p.opensOn, today) <= 0)
          .sort((a, b) => compareLocalDates(b.deadline, a.deadline));
        return page(200, htmlDocument(<FilesPage viewer={viewer} periods={started} />));
      }),
    ),

    get(
      PATHS.file,
      signedIn(async (request, { viewer }) => {
        if (!viewer.seesAll) return forbidden(viewer);
        const period = await services.periods.find(request.query.get('id') ?? '');
        if (!period) return notFound(viewer, 'kỳ báo cáo này');
        const now = services.clock.now();
        const model = await data.loadSummary(services, period, now);
        const kind = request.query.get('loai');
        const file =
          kind === 'xlsx'
            ? workbookAttachment(await buildWorkbook([model], now), now)
            : kind === 'docx'
              ? // docx loads on the first draft report asked for, not with the dashboard.
                reportAttachment(
                  await (await import('../../reports/docx.js')).buildOfficialReport({ model, plan: services.plan }),
                  period.id,
                  now,
                )
              : kind === 'png'
                ? chartAttachment(progressChartPng(model), period.id, now)
                : undefined;
        if (!file) return notFound(viewer, 'loại tệp này');
        return {
          status: 200,
          body: Buffer.from(file.data),
          headers: { ...SECURITY_HEADERS, 'content-type': file.mime, 'content-disposition': `attachment; filename="${file.filename}"` },
        };
      }),
    ),

    get(
      PATHS.audit,
      signedIn(async (_request, { viewer }) => {
        if (!viewer.isAdmin) return forbidden(viewer);
        return page(200, htmlDocument(<AuditPage viewer={viewer} entries={await services.store.audit.list(300)} />));
      }),
    ),
  ];
}
