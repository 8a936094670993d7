import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { AuditEntry } from '../../domain/audit.js';
import type { Period } from '../../domain/period.js';
import type { AgencyRow, ItemAggregate, SummaryModel } from '../../domain/summary/index.js';
import type { ItemStatus } from '../../domain/submission.js';
import { GRID_FILTERS, type GridCell, type GridFilter, type PeriodGrid } from '../../reports/period-grid.js';
import { numberVi, percentVi } from '../../reports/official.js';
import { formatDate, formatDateTime } from '../../texts/format.js';

/**
 * The dashboard's pages as JSX rendered on the server by preact-render-to-string: every text and
 * attribute is escaped by the renderer, so what people typed (names, notes) can only ever be
 * shown as text. No page carries a script.
 */

/** Who is looking, as the pages need it. */
export interface Viewer {
  name: string;
  /** A coordinator or an administrator: sees the whole province. */
  seesAll: boolean;
  isAdmin: boolean;
}

export const PATHS = {
  overview: '/dashboard',
  period: '/dashboard/ky',
  agency: '/dashboard/coquan',
  files: '/dashboard/tep',
  file: '/dashboard/tep/tai',
  audit: '/dashboard/nhatky',
  signOut: '/dashboard/dangxuat',
  style: '/dashboard/style.css',
} as const;

const STANDING_LABEL = { 'on-time': 'Đúng hạn', late: 'Muộn', missing: 'Chưa báo cáo' } as const;
const STATUS_LABEL: Record<ItemStatus, string> = { done: 'Hoàn thành', 'in-progress': 'Đang thực hiện', 'not-started': 'Chưa thực hiện' };
const FILTER_LABEL: Record<GridFilter, string> = { missing: 'Chưa báo cáo', late: 'Báo cáo muộn', pending: 'Chờ thủ trưởng duyệt' };

/** A whole HTML document. The doctype is the one fixed string outside the renderer. */
export function htmlDocument(node: ComponentChildren): string {
  return `<!doctype html>${render(<>{node}</>)}`;
}

function href(path: string, params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v));
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

function Layout(props: { title: string; viewer?: Viewer; children: ComponentChildren }) {
  const { viewer } = props;
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · Đôn Đốc`}</title>
        <link rel="stylesheet" href={PATHS.style} />
      </head>
      <body>
        <header>
          <a href={PATHS.overview}>Đôn Đốc — Trang điều hành</a>
          {viewer?.seesAll ? <a href={PATHS.files}>Tệp báo cáo</a> : null}
          {viewer?.isAdmin ? <a href={PATHS.audit}>Nhật ký</a> : null}
          {viewer ? (
            <span class="who">
              {viewer.name}{' '}
              <form method="post" action={PATHS.signOut}>
                <button type="submit">Đăng xuất</button>
              </form>
            </span>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** A page that only says something: the sign-in notice, a refused link, a refused page. */
export function NoticePage(props: { title: string; message: string; viewer?: Viewer }) {
  return (
    <Layout title={props.title} {...(props.viewer ? { viewer: props.viewer } : {})}>
      <div class="card notice">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
      </div>
    </Layout>
  );
}

function Counts(props: { model: SummaryModel; supplementedLate: number }) {
  const { model } = props;
  return (
    <div class="counts">
      <span>
        Đã báo cáo: <b>{`${numberVi(model.reported)}/${numberVi(model.total)}`}</b>
      </span>
      <span>
        Đúng hạn: <b>{numberVi(model.onTime)}</b>
      </span>
      <span>
        Muộn: <b>{numberVi(model.late)}</b>
      </span>
      <span>
        Bổ sung sau hạn: <b>{numberVi(props.supplementedLate)}</b>
      </span>
      <span>
        Chưa báo cáo: <b>{numberVi(model.missing)}</b>
      </span>
    </div>
  );
}

function deadlineText(model: SummaryModel): string {
  const d = model.daysToDeadline;
  const when =
    d > 0 ? `còn ${d} ngày (${model.workingDaysToDeadline} ngày làm việc)` : d === 0 ? 'hôm nay là hạn cuối' : `đã quá hạn ${-d} ngày`;
  return `Hạn gửi: ${formatDate(model.period.deadline)} — ${when}`;
}

export interface OverviewPeriod {
  model: SummaryModel;
  supplementedLate: number;
}

export interface UnreachablePerson {
  name: string;
  agencyName: string;
  since?: number;
}

export interface NextReminder {
  at: number;
  periodName: string;
  what: string;
}

/** A head's or deputy's own agency on the overview. */
export interface OwnAgency {
  id: string;
  name: string;
  periods: { name: string; deadline: string; standing: AgencyRow['standing'] }[];
}

/** The overview: each open period with its counts and progress, who cannot be reached, what the bot sends next. */
export function OverviewPage(props: {
  viewer: Viewer;
  periods: OverviewPeriod[];
  unreachable: UnreachablePerson[];
  nextReminders: NextReminder[];
  ownAgencies: OwnAgency[];
  asOf: number;
}) {
  const { viewer } = props;
  return (
    <Layout title="Tổng quan" viewer={viewer}>
      <h1>Tổng quan</h1>
      <p class="muted">{`Số liệu đến ${formatDateTime(props.asOf)}`}</p>
      {props.ownAgencies.length > 0 ? (
        <div class="card">
          <h2>Cơ quan, đơn vị của đồng chí</h2>
          <ul>
            {props.ownAgencies.map((a) => (
              <li>
                <a href={href(PATHS.agency, { id: a.id })}>{a.name}</a>
                <ul>
                  {a.periods.map((p) => (
                    <li>
                      {`${p.name} — hạn ${formatDate(p.deadline)}: `}
                      <span class={`badge ${p.standing}`}>{STANDING_LABEL[p.standing]}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {viewer.seesAll ? (
        <>
          {props.periods.length === 0 ? <p>Hiện không có kỳ báo cáo nào đang mở.</p> : null}
          {props.periods.map(({ model, supplementedLate }) => (
            <section class="card" data-period={model.period.id}>
              <h2>
                <a href={href(PATHS.period, { id: model.period.id })}>{model.period.name}</a>
              </h2>
              <div class="muted">{model.campaign.name}</div>
              <div>{deadlineText(model)}</div>
              <Counts model={model} supplementedLate={supplementedLate} />
              <progress max={Math.max(1, model.total)} value={model.reported} aria-label="Tỷ lệ đã báo cáo" />
              <div class="muted">{`${model.total > 0 ? percentVi((model.reported / model.total) * 100) : '0%'} cơ quan, đơn vị đã báo cáo`}</div>
            </section>
          ))}
          <div class="card">
            <h2>Người chưa nhận được tin nhắn của bot</h2>
            {props.unreachable.length === 0 ? (
              <p class="muted">Không có.</p>
            ) : (
              <ul>
                {props.unreachable.map((u) => (
                  <li>{`${u.name} — ${u.agencyName}${u.since ? ` (từ ${formatDateTime(u.since)})` : ''}`}</li>
                ))}
              </ul>
            )}
          </div>
          <div class="card">
            <h2>Lần nhắc tiếp theo</h2>
            {props.nextReminders.length === 0 ? (
              <p class="muted">Chưa có lần nhắc nào theo lịch.</p>
            ) : (
              <ul>
                {props.nextReminders.map((r) => (
                  <li>{`${formatDateTime(r.at)} — ${r.periodName}: ${r.what}`}</li>
                ))}
              </ul>
            )}
          </div>
        </>
      ) : null}
    </Layout>
  );
}

function Cell(props: { cell: GridCell | undefined; aggregate: ItemAggregate }) {
  const { cell } = props;
  if (!cell) return <td class="cell none">—</td>;
  return (
    <td class={`cell ${cell.status}`} title={STATUS_LABEL[cell.status]}>
      {percentVi(cell.percent)}
      {cell.quantity !== undefined ? (
        <>
          <br />
          {`${numberVi(cell.quantity)} ${props.aggregate.quantity?.unit ?? ''}`.trim()}
        </>
      ) : null}
    </td>
  );
}

function StandingBadge(props: { standing: AgencyRow['standing']; draftPending: boolean }) {
  return (
    <>
      <span class={`badge ${props.standing}`}>{STANDING_LABEL[props.standing]}</span>
      {props.draftPending ? <span class="badge pending">Chờ duyệt</span> : null}
    </>
  );
}

/** The period grid: agencies by khối × items, one page, with the whole period's totals row. */
export function PeriodGridPage(props: {
  viewer: Viewer;
  model: SummaryModel;
  supplementedLate: number;
  grid: PeriodGrid;
  search: string;
  filter?: GridFilter;
}) {
  const { model, grid } = props;
  const base = { id: model.period.id, q: props.search || undefined };
  return (
    <Layout title={model.period.name} viewer={props.viewer}>
      <h1>{model.period.name}</h1>
      <div class="muted">{`${model.campaign.name} · số liệu đến ${formatDateTime(model.asOf)}`}</div>
      <div>{deadlineText(model)}</div>
      <Counts model={model} supplementedLate={props.supplementedLate} />
      <progress max={Math.max(1, model.total)} value={model.reported} aria-label="Tỷ lệ đã báo cáo" />
      <form class="search" method="get" action={PATHS.period}>
        <input type="hidden" name="id" value={model.period.id} />
        {props.filter ? <input type="hidden" name="loc" value={props.filter} /> : null}
        <input type="search" name="q" value={props.search} placeholder="Tìm cơ quan, đơn vị" aria-label="Tìm cơ quan, đơn vị" />
        <button type="submit">Tìm</button>
      </form>
      <div class="filters">
        <a class={props.filter ? '' : 'on'} href={href(PATHS.period, base)}>
          Tất cả
        </a>
        {GRID_FILTERS.map((f) => (
          <a class={props.filter === f ? 'on' : ''} href={href(PATHS.period, { ...base, loc: f })}>
            {FILTER_LABEL[f]}
          </a>
        ))}
      </div>
      <p class="muted">{`${numberVi(grid.matching)} cơ quan, đơn vị · trang ${grid.page}/${grid.pages}`}</p>
      <div class="scroll">
        <table class="grid">
          <thead>
            <tr>
              <th class="agency">Cơ quan, đơn vị</th>
              <th>Tình trạng</th>
              {grid.items.map((a) => (
                <th class="item" title={a.item.short}>{`${a.item.no}. ${a.item.short}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.groups.map((g) => (
              <>
                <tr class="group">
                  <th colSpan={grid.items.length + 2}>{g.name}</th>
                </tr>
                {g.rows.map((r) => (
                  <tr data-agency={r.agencyId}>
                    <td class="agency">
                      <a href={href(PATHS.agency, { id: r.agencyId })}>{r.agencyName}</a>
                    </td>
                    <td class="standing">
                      <StandingBadge standing={r.standing} draftPending={r.draftPending} />
                      {r.countedAt !== undefined ? (
                        <div class="muted">{`${formatDateTime(r.countedAt)} · lần ${r.revision ?? 1}`}</div>
                      ) : null}
                    </td>
                    {r.cells.map((c, i) => (
                      <Cell cell={c} aggregate={grid.items[i] as ItemAggregate} />
                    ))}
                  </tr>
                ))}
              </>
            ))}
          </tbody>
          <tfoot>
            <tr class="totals">
              <td class="agency">{`Tổng cộng (${numberVi(model.reported)}/${numberVi(model.total)} đã báo cáo)`}</td>
              <td />
              {grid.items.map((a) => (
                <td class="cell" data-item={a.item.no}>
                  {a.meanPercent === undefined ? '—' : `TB ${percentVi(a.meanPercent)}`}
                  <br />
                  {`${a.done} HT · ${a.inProgress} ĐTH · ${a.notStarted} CTH`}
                  {a.quantity ? (
                    <>
                      <br />
                      {`${numberVi(a.quantity.total)} ${a.quantity.unit}`}
                    </>
                  ) : null}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <div class="pages">
        {grid.page > 1 ? <a href={href(PATHS.period, { ...base, loc: props.filter, trang: grid.page - 1 })}>← Trang trước</a> : null}
        {grid.page < grid.pages ? <a href={href(PATHS.period, { ...base, loc: props.filter, trang: grid.page + 1 })}>Trang sau →</a> : null}
      </div>
      <p class="muted">HT: hoàn thành · ĐTH: đang thực hiện · CTH: chưa thực hiện · TB: tỷ lệ bình quân của các cơ quan đã trả lời.</p>
    </Layout>
  );
}

export interface AgencyPerson {
  name: string;
  role: 'head' | 'deputy';
  reachable: boolean;
}

export interface RevisionView {
  revision: number;
  at: number;
  by: string;
  draft: boolean;
  late: boolean;
  approvedBy?: string;
  changes: string[];
}

export interface AgencyPeriodView {
  period: Period;
  standing: AgencyRow['standing'] | 'upcoming';
  revisions: RevisionView[];
}

/** One agency: its people, every period, every revision with who, when and what changed. */
export function AgencyPage(props: {
  viewer: Viewer;
  agency: { id: string; name: string; group?: string };
  people: AgencyPerson[];
  periods: AgencyPeriodView[];
}) {
  const { agency } = props;
  return (
    <Layout title={agency.name} viewer={props.viewer}>
      <h1>{agency.name}</h1>
      <div class="muted">{`Mã: ${agency.id}${agency.group ? ` · ${agency.group}` : ''}`}</div>
      <div class="card">
        <h2>Người được giao</h2>
        {props.people.length === 0 ? (
          <p class="muted">Chưa có ai đăng ký.</p>
        ) : (
          <ul>
            {props.people.map((p) => (
              <li>{`${p.name} — ${p.role === 'head' ? 'Thủ trưởng' : 'Cấp phó'}${p.reachable ? '' : ' (bot chưa nhắn tin được)'}`}</li>
            ))}
          </ul>
        )}
      </div>
      {props.periods.map((p) => (
        <section class="card" data-period={p.period.id}>
          <h2>{p.period.name}</h2>
          <div>
            {`Hạn gửi: ${formatDate(p.period.deadline)} · `}
            {p.standing === 'upcoming' ? 'chưa mở' : <span class={`badge ${p.standing}`}>{STANDING_LABEL[p.standing]}</span>}
          </div>
          {p.revisions.length === 0 ? (
            <p class="muted">Chưa có báo cáo.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Lần</th>
                  <th>Thời điểm</th>
                  <th>Người gửi</th>
                  <th>Nội dung thay đổi</th>
                </tr>
              </thead>
              <tbody>
                {p.revisions.map((r) => (
                  <tr data-revision={r.revision}>
                    <td>{r.revision}</td>
                    <td>
                      {formatDateTime(r.at)}
                      {r.late ? <div class="muted">sau hạn</div> : null}
                    </td>
                    <td>
                      {r.by}
                      {r.draft ? <div class="muted">bản chờ duyệt</div> : null}
                      {r.approvedBy ? <div class="muted">{`duyệt: ${r.approvedBy}`}</div> : null}
                    </td>
                    <td>
                      <ul class="changes">
                        {r.changes.map((c) => (
                          <li class="note">{c}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </Layout>
  );
}

/** The files of every period that has opened, made when clicked. */
export function FilesPage(props: { viewer: Viewer; periods: Period[] }) {
  return (
    <Layout title="Tệp báo cáo" viewer={props.viewer}>
      <h1>Tệp báo cáo</h1>
      <p class="muted">Tệp được tạo khi bấm, theo số liệu tại thời điểm đó.</p>
      <table>
        <thead>
          <tr>
            <th>Kỳ báo cáo</th>
            <th>Hạn gửi</th>
            <th>Tệp</th>
          </tr>
        </thead>
        <tbody>
          {props.periods.map((p) => (
            <tr data-period={p.id}>
              <td>
                <a href={href(PATHS.period, { id: p.id })}>{p.name}</a>
              </td>
              <td>{formatDate(p.deadline)}</td>
              <td>
                <a href={href(PATHS.file, { id: p.id, loai: 'xlsx' })}>Excel (.xlsx)</a> ·{' '}
                <a href={href(PATHS.file, { id: p.id, loai: 'docx' })}>Dự thảo báo cáo (.docx)</a> ·{' '}
                <a href={href(PATHS.file, { id: p.id, loai: 'png' })}>Biểu đồ (.png)</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

const ACTION_LABEL: Record<AuditEntry['action'], string> = {
  'invite.created': 'Cấp mã mời',
  'invite.redeemed': 'Dùng mã mời',
  'invite.revoked': 'Thu hồi mã mời',
  'invite.leaked': 'Mã mời bị lộ',
  'role.granted': 'Giao vai trò',
  'role.revoked': 'Thu hồi vai trò',
  'chat.bound': 'Liên kết nhóm',
  'chat.unbound': 'Hủy liên kết nhóm',
  'delegation.set': 'Ủy quyền',
  'delegation.ended': 'Kết thúc ủy quyền',
};

/** The audit log, newest first (administrators only). */
export function AuditPage(props: { viewer: Viewer; entries: AuditEntry[] }) {
  return (
    <Layout title="Nhật ký" viewer={props.viewer}>
      <h1>Nhật ký thay đổi</h1>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Thời điểm</th>
              <th>Người thực hiện</th>
              <th>Việc</th>
              <th>Đối tượng</th>
              <th>Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.actor === 'system' ? 'Hệ thống' : e.actor}</td>
                <td>{ACTION_LABEL[e.action] ?? e.action}</td>
                <td>{e.subject}</td>
                <td class="note">{e.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export { STATUS_LABEL };
