/** The paid public holidays of Labour Code 45/2019/QH14 Art. 112.1. */
export const HOLIDAY_IDS = ['new-year', 'tet', 'hung-kings', 'reunification', 'labour-day', 'national-day'] as const;
export type HolidayId = (typeof HOLIDAY_IDS)[number];
