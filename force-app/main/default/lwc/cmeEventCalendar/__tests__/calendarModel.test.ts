import { addDays } from 'c/cmeDomain';
import { localTodayIso } from 'c/cmeUi';
import {
  addMonths,
  firstOfMonth,
  longDay,
  monthAgenda,
  monthGrid,
  monthTitle,
  moveFocusDate,
  sameMonth,
  startOfWeek,
  weekdayNames,
} from '../calendarModel';
import type { CalendarEvent } from '../calendarModel';
import eventsData from './data/events.json';

const events = eventsData as CalendarEvent[];

describe('cmeEventCalendar model', () => {
  it('does date arithmetic on calendar days', () => {
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
    expect(firstOfMonth('2027-03-19')).toBe('2027-03-01');
    expect(sameMonth('2027-03-01', '2027-03-31')).toBe(true);
    expect(sameMonth('2027-03-31', '2027-04-01')).toBe(false);
    expect(startOfWeek('2027-03-10', 0)).toBe('2027-03-07');
    expect(startOfWeek('2027-03-10', 1)).toBe('2027-03-08');
    expect(startOfWeek('2027-03-07', 1)).toBe('2027-03-01');
    expect(localTodayIso(new Date(2027, 0, 5, 23, 59))).toBe('2027-01-05');
  });

  it('lays out a month in whole weeks from the chosen first weekday', () => {
    const sunday = monthGrid('2027-03-19', events, '2027-03-10', 0);
    expect(sunday).toHaveLength(5);
    expect(sunday.every((w) => w.days.length === 7)).toBe(true);
    expect(sunday[0].key).toBe('2027-02-28');
    expect(sunday[4].days[6].iso).toBe('2027-04-03');
    const days = sunday.flatMap((w) => w.days);
    expect(days.filter((d) => d.isToday).map((d) => d.iso)).toEqual(['2027-03-10']);
    expect(days.filter((d) => !d.inMonth).map((d) => d.iso)).toEqual([
      '2027-02-28',
      '2027-04-01',
      '2027-04-02',
      '2027-04-03',
    ]);
    // Days of the neighbouring months show their events too.
    expect(days.find((d) => d.iso === '2027-04-02')!.events.map((e) => e.id)).toEqual(['a02000000000004AAA']);
    expect(days.find((d) => d.iso === '2027-03-14')!.events).toHaveLength(2);
    // February 2026 starts on a Sunday and fills exactly four weeks.
    expect(monthGrid('2026-02-01', [], '2027-03-10', 0)).toHaveLength(4);
    // May 2027 from Monday: Saturday the 1st pushes the month over six weeks.
    expect(monthGrid('2027-05-01', [], '2027-03-10', 1)).toHaveLength(6);
    expect(
      monthGrid('2027-03-01', [{ ...events[0], day: '' }], '2027-03-10', 0)
        .flatMap((w) => w.days)
        .some((d) => d.events.length),
    ).toBe(false);
  });

  it('lists the month as an agenda of days with events', () => {
    expect(monthAgenda('2027-03-01', events, '2027-03-14').map((d) => [d.iso, d.isToday, d.events.length])).toEqual([
      ['2027-03-14', true, 2],
      ['2027-03-20', false, 1],
    ]);
    expect(monthAgenda('2027-05-01', events, '2027-03-14')).toEqual([]);
  });

  it('moves the calendar focus by key', () => {
    expect(moveFocusDate('2027-03-10', 'ArrowLeft', 0)).toBe('2027-03-09');
    expect(moveFocusDate('2027-03-10', 'ArrowRight', 0)).toBe('2027-03-11');
    expect(moveFocusDate('2027-03-10', 'ArrowUp', 0)).toBe('2027-03-03');
    expect(moveFocusDate('2027-03-10', 'ArrowDown', 0)).toBe('2027-03-17');
    expect(moveFocusDate('2027-03-10', 'Home', 1)).toBe('2027-03-08');
    expect(moveFocusDate('2027-03-10', 'End', 1)).toBe('2027-03-14');
    expect(moveFocusDate('2027-03-31', 'PageUp', 0)).toBe('2027-02-28');
    expect(moveFocusDate('2027-03-31', 'PageDown', 0)).toBe('2027-04-30');
    expect(moveFocusDate('2027-03-10', 'Enter', 0)).toBeUndefined();
  });

  it('names weekdays, months and days', () => {
    expect(weekdayNames(1, 'en-US').map((d) => d.short)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(weekdayNames(0, 'de-DE')[0].long).toBe('Sonntag');
    expect(monthTitle('2027-12-31', 'en-US')).toBe('December 2027');
    expect(longDay('2027-03-14', 'en-US')).toBe('Sunday, March 14');
  });
});
