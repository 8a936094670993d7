import { localDateAt } from '../domain/vietnam-time.js';
import { formatDateTime, formatDateWithWeekdayVi } from './format.js';

/** `17:00 thứ Ba, 17/06/2025`: an instant as people read it in Vietnam. */
export function formatInstantVi(ms: number): string {
  return `${formatDateTime(ms).slice(0, 5)} ${formatDateWithWeekdayVi(localDateAt(ms))}`;
}
