/**
 * The colours every picture of progress uses: the chart, the /status grid image and the web
 * dashboard, so that "done" is the same green everywhere a coordinator looks. Chosen to stay apart
 * for the common red–green colour blindness (blue and orange carry on-time and late, and every
 * coloured mark also has a text label), and dark enough for white text on them.
 */
export const PALETTE = {
  /** An item done (Hoàn thành). */
  done: '#2e7d32',
  /** An item in progress (Đang thực hiện). */
  inProgress: '#f9a825',
  /** An item not started (Chưa thực hiện). */
  notStarted: '#c62828',
  /** No report yet (Chưa báo cáo). */
  missing: '#d9d9d9',
  /** The "Chưa báo cáo" badge and label: dark enough for white text. */
  missingLabel: '#757575',
  /** Reported by the deadline (Đúng hạn). */
  onTime: '#1565c0',
  /** Reported after the deadline (Muộn). */
  late: '#ef6c00',
  /** The empty part of a bar; a grid cell with no answer. */
  track: '#eeeeee',
  /** Light tints of the statuses, behind text: the grid's cells (dashboard and /status picture). */
  doneTint: '#c8e6c9',
  inProgressTint: '#fff3c4',
  notStartedTint: '#ffcdd2',
  text: '#212121',
  /** Secondary text: dates, counts beside a bar. */
  muted: '#616161',
  background: '#ffffff',
} as const;

export type PaletteColour = keyof typeof PALETTE;

/** The colour of an item's status, by the domain's names. */
export const STATUS_COLOURS = { done: PALETTE.done, 'in-progress': PALETTE.inProgress, 'not-started': PALETTE.notStarted } as const;

/** The colour of an agency's standing in a period, by the summary model's names. */
export const STANDING_COLOURS = { 'on-time': PALETTE.onTime, late: PALETTE.late, missing: PALETTE.missing } as const;
