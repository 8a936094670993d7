/** Vietnam's working calendar: public holidays, the lunar calendar, working-day arithmetic, deadlines and office hours. */
export { solarToLunar, lunarToSolar, lunarNewYear, type LunarDate } from './lunar.js';
export {
  HOLIDAY_IDS,
  HOLIDAY_NAMES,
  statutoryHolidays,
  compensatoryDays,
  holidaysOfYear,
  type HolidayId,
  type Holiday,
  type YearDays,
} from './holidays.js';
export {
  OFFICIAL_ANNOUNCEMENTS,
  type AnnouncementStatus,
  type CalendarDay,
  type CalendarOverrides,
  type HolidayAnnouncement,
} from './official-days.js';
export { createWorkingCalendar, type WorkingCalendar, type WorkingCalendarOptions } from './working-days.js';
export { DEFAULT_NON_WORKING_DAY_POLICY, resolveDeadline, type DeadlineRule, type NonWorkingDayPolicy } from './deadline-rules.js';
export { DEFAULT_OFFICE_HOURS, isInOfficeHours, nextOfficeTime, type OfficeHours, type OfficeWindow } from './office-hours.js';
