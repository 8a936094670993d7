import type { Period } from '../../src/domain/period.js';

/** An instant given in Hà Nội time (`2025-06-13T08:00`), independent of the machine's TZ. */
export const vn = (local: string) => Date.parse(`${local}:00+07:00`);

/** The Lai Châu sample's 6-month period: cut-off 15/12/2024–14/6/2025, due Wednesday 18/6/2025. */
export const SIX_MONTHS_2025: Period = {
  id: '2025-6-thang',
  campaignId: 'thi-dua-2025',
  kind: 'half-year-1',
  name: 'sơ kết 6 tháng đầu năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-06-14' },
  deadline: '2025-06-18',
  opensOn: '2025-06-01',
};

/** The sample's yearly period, due Wednesday 17/12/2025. */
export const YEAR_2025: Period = {
  ...SIX_MONTHS_2025,
  id: '2025-ca-nam',
  kind: 'yearly',
  name: 'tổng kết năm 2025',
  cutoff: { from: '2024-12-15', to: '2025-12-14' },
  deadline: '2025-12-17',
  opensOn: '2025-12-01',
};

/** A custom period whose deadline was kept on a Tết day (Wednesday 18/2/2026). */
export const ON_TET_2026: Period = {
  ...SIX_MONTHS_2025,
  id: 'tet-2026',
  kind: 'custom',
  name: 'báo cáo nhanh trước Tết',
  cutoff: { from: '2026-01-15', to: '2026-02-10' },
  deadline: '2026-02-18',
  opensOn: '2026-02-01',
};
