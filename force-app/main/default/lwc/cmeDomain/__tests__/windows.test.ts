/** Calendar and fiscal (April–March) year windows, and UTC day arithmetic on API date strings. */
import {
  CALENDAR_YEAR,
  addDays,
  daysBetween,
  isWithinWindow,
  parseInstant,
  toUtcDay,
  yearWindowOf,
  yearWindowStarting,
} from 'c/cmeDomain';
import type { YearWindowSpec } from 'c/cmeDomain';
import { IN, US } from './fixtures';

const FISCAL_APRIL: YearWindowSpec = { basis: 'Fiscal Year', fiscalYearStartMonth: 4 };

describe('year windows', () => {
  it('puts 31 March in FY2025-26 and 1 April in FY2026-27 (fiscal year from April)', () => {
    expect(yearWindowOf('2026-03-31', FISCAL_APRIL)).toEqual({
      basis: 'Fiscal Year',
      startYear: 2025,
      start: '2025-04-01',
      end: '2026-03-31',
      label: 'FY2025-26',
    });
    expect(yearWindowOf('2026-04-01', FISCAL_APRIL)).toEqual({
      basis: 'Fiscal Year',
      startYear: 2026,
      start: '2026-04-01',
      end: '2027-03-31',
      label: 'FY2026-27',
    });
  });

  it('puts 31 March and 1 April in the same calendar year', () => {
    expect(yearWindowOf('2026-03-31', CALENDAR_YEAR)).toEqual(yearWindowOf('2026-04-01', CALENDAR_YEAR));
    expect(yearWindowOf('2026-04-01', CALENDAR_YEAR)).toEqual({
      basis: 'Calendar Year',
      startYear: 2026,
      start: '2026-01-01',
      end: '2026-12-31',
      label: '2026',
    });
    expect(yearWindowOf('2025-12-31', CALENDAR_YEAR).label).toBe('2025');
  });

  it('reads the basis from the shipped packs: IN fiscal from April, US calendar', () => {
    expect(yearWindowOf('2026-02-01', IN).label).toBe('FY2025-26');
    expect(yearWindowOf('2026-02-01', US).label).toBe('2026');
  });

  it('takes datetimes in UTC, whatever their offset', () => {
    // 05:30 on 1 April in India is still 31 March in UTC.
    expect(yearWindowOf('2026-04-01T05:00:00.000+0530', FISCAL_APRIL).label).toBe('FY2025-26');
    expect(yearWindowOf('2026-03-31T20:00:00.000-0500', FISCAL_APRIL).label).toBe('FY2026-27');
    expect(yearWindowOf('2026-03-31T23:59:59.999Z', FISCAL_APRIL).label).toBe('FY2025-26');
  });

  it('labels other fiscal starts and handles leap years', () => {
    expect(yearWindowStarting(2026, { basis: 'Fiscal Year', fiscalYearStartMonth: 1 }).label).toBe('FY2026');
    expect(yearWindowStarting(2099, FISCAL_APRIL).label).toBe('FY2099-00');
    const march = { basis: 'Fiscal Year', fiscalYearStartMonth: 3 } as const;
    expect(yearWindowStarting(2023, march).end).toBe('2024-02-29');
    expect(yearWindowStarting(2024, march).end).toBe('2025-02-28');
    expect(yearWindowOf('2026-06-30', { basis: 'Fiscal Year', fiscalYearStartMonth: 7 }).label).toBe('FY2025-26');
  });

  it('refuses a fiscal start month outside 1–12', () => {
    expect(() => yearWindowOf('2026-01-01', { basis: 'Fiscal Year', fiscalYearStartMonth: 13 })).toThrow(RangeError);
    expect(() => yearWindowOf('', FISCAL_APRIL)).toThrow(RangeError);
    // A day already placed for another way of counting is placed again, and an invalid month still refused.
    expect(yearWindowOf('2026-02-01', CALENDAR_YEAR).label).toBe('2026');
    expect(() => yearWindowOf('2026-02-01', { basis: 'Fiscal Year', fiscalYearStartMonth: 0 })).toThrow(RangeError);
    expect(() => yearWindowOf('2026-02-01', { basis: 'Fiscal Year', fiscalYearStartMonth: 1.5 })).toThrow(RangeError);
  });

  it('places the same day in each way of counting years on its own', () => {
    const day = '2026-02-15';
    expect(yearWindowOf(day, CALENDAR_YEAR).label).toBe('2026');
    expect(yearWindowOf(day, { basis: 'Fiscal Year', fiscalYearStartMonth: 1 }).label).toBe('FY2026');
    expect(yearWindowOf(day, FISCAL_APRIL).label).toBe('FY2025-26');
    expect(yearWindowOf(day, { basis: 'Fiscal Year', fiscalYearStartMonth: 3 }).label).toBe('FY2025-26');
    expect(yearWindowOf(day, { basis: 'Fiscal Year', fiscalYearStartMonth: 2 }).label).toBe('FY2026-27');
    expect(yearWindowOf(day, CALENDAR_YEAR)).toBe(yearWindowOf(day, CALENDAR_YEAR));
  });

  it('includes both ends of a window', () => {
    const fy = yearWindowStarting(2025, FISCAL_APRIL);
    expect(['2025-03-31', '2025-04-01', '2026-03-31', '2026-04-01'].map((d) => isWithinWindow(d, fy))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(isWithinWindow('', fy)).toBe(false);
  });
});

describe('dates from the API', () => {
  it('reads Date and DateTime values in every shape the APIs use', () => {
    expect(parseInstant('2027-03-14T04:00:00.000+0000')).toBe(Date.UTC(2027, 2, 14, 4));
    expect(parseInstant('2027-03-14T04:00:00Z')).toBe(Date.UTC(2027, 2, 14, 4));
    expect(parseInstant('2027-03-14T09:30:00.000+05:30')).toBe(Date.UTC(2027, 2, 14, 4));
    expect(parseInstant('2027-03-14T04:00')).toBe(Date.UTC(2027, 2, 14, 4));
    expect(parseInstant('2027-03-14')).toBe(Date.UTC(2027, 2, 14));
    expect(parseInstant(null)).toBeNull();
    expect(parseInstant(' ')).toBeNull();
  });

  it('refuses text that is not an ISO date, and dates that do not exist', () => {
    expect(() => parseInstant('14/03/2027')).toThrow(RangeError);
    expect(() => parseInstant('2026-02-30')).toThrow('Not a calendar date');
  });

  it('counts whole UTC days and adds days across month and leap-year ends', () => {
    expect(toUtcDay('2027-03-14T23:30:00.000-0200')).toBe('2027-03-15');
    expect(toUtcDay(undefined)).toBeNull();
    expect(daysBetween('2026-01-05T09:00:00.000+0000', '2026-02-10T04:30:00.000+0000')).toBe(36);
    expect(daysBetween('2026-02-10', '2026-02-08')).toBe(-2);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => daysBetween('', '2026-01-01')).toThrow(RangeError);
    expect(() => addDays('', 1)).toThrow(RangeError);
  });
});
