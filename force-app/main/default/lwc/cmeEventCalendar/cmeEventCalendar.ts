import { LightningElement, api } from 'lwc';
import { isPlainClick, localTodayIso } from 'c/cmeUi';

import {
  addMonths,
  firstOfMonth,
  longDay,
  monthAgenda,
  monthGrid,
  monthTitle,
  moveFocusDate,
  sameMonth,
  weekdayNames,
} from './calendarModel';
import type { CalendarEvent } from './calendarModel';
import { LABELS } from './labels';

/** An event as the calendar shows it (the planner's events extend it). */
export type { CalendarEvent } from './calendarModel';

/**
 * A month calendar of events: a 7-column grid (a roving tab stop on the days, arrow keys, Home/End,
 * Page Up/Down) from tablet width, the month's agenda at phone width. Emits `eventselect`
 * ({ recordId }) when an event's link is clicked plainly (each event links to its `url`) and `monthchange` ({ month }, its 1st) when the month shown
 * changes, so a parent that renders it again can open it on the same month.
 */
export default class CmeEventCalendar extends LightningElement {
  /** The events to place on their start days (CalendarEvent: id, name, status, day, …). */
  @api events: CalendarEvent[] = [];
  /** 0 Sunday or 1 Monday: the grid's first column. */
  @api weekStartsOn = 0;

  /** The month to show (any day of it); the current month when not given. */
  @api
  get month(): string {
    return this.calendarMonth;
  }
  set month(value: string) {
    if (!value || firstOfMonth(value) === this.calendarMonth) return;
    this.showMonth(value);
  }

  labels = LABELS;
  todayIso = localTodayIso();
  calendarMonth = firstOfMonth(this.todayIso);
  focusDate = this.todayIso;
  private focusCellOnRender = false;

  renderedCallback(): void {
    if (!this.focusCellOnRender) return;
    this.focusCellOnRender = false;
    (this.template as ShadowRoot).querySelector<HTMLElement>(`td[data-date="${this.focusDate}"]`)?.focus();
  }

  private get firstWeekday(): number {
    return Number(this.weekStartsOn) === 1 ? 1 : 0;
  }

  get monthTitle(): string {
    return monthTitle(this.calendarMonth);
  }

  get weekdays(): { key: string; short: string; long: string }[] {
    return weekdayNames(this.firstWeekday);
  }

  /** The day that holds the roving tab stop: the focused day if in this month, else today or the 1st. */
  private get tabStopDate(): string {
    if (sameMonth(this.focusDate, this.calendarMonth)) return this.focusDate;
    return sameMonth(this.todayIso, this.calendarMonth) ? this.todayIso : this.calendarMonth;
  }

  get weeks() {
    const tabStop = this.tabStopDate;
    return monthGrid(this.calendarMonth, this.events ?? [], this.todayIso, this.firstWeekday).map((week) => ({
      key: week.key,
      days: week.days.map((day) => ({
        ...day,
        tabIndex: day.iso === tabStop ? 0 : -1,
        ariaCurrent: day.isToday ? 'date' : undefined,
        className: [
          'calendar-day',
          day.inMonth ? '' : 'calendar-day_outside',
          day.isToday ? 'calendar-day_today' : '',
          day.iso === tabStop ? 'calendar-day_focus' : '',
        ]
          .filter(Boolean)
          .join(' '),
        hasEvents: day.events.length > 0,
      })),
    }));
  }

  get agenda() {
    return monthAgenda(this.calendarMonth, this.events ?? [], this.todayIso).map((day) => ({
      ...day,
      title: longDay(day.iso),
    }));
  }

  get hasAgenda(): boolean {
    return this.agenda.length > 0;
  }

  handlePreviousMonth(): void {
    this.changeMonth(addMonths(this.calendarMonth, -1));
  }

  handleNextMonth(): void {
    this.changeMonth(addMonths(this.calendarMonth, 1));
  }

  handleToday(): void {
    this.todayIso = localTodayIso();
    this.changeMonth(this.todayIso);
    this.focusDate = this.todayIso;
  }

  private showMonth(iso: string): void {
    this.calendarMonth = firstOfMonth(iso);
    this.focusDate = sameMonth(this.todayIso, this.calendarMonth) ? this.todayIso : this.calendarMonth;
  }

  private changeMonth(iso: string): void {
    this.showMonth(iso);
    this.dispatchEvent(new CustomEvent('monthchange', { detail: { month: this.calendarMonth } }));
  }

  handleGridKeydown(event: KeyboardEvent): void {
    const cell = event.currentTarget as HTMLElement;
    // Keys typed on an event button inside the day are the button's own (Enter, Space).
    if (event.target !== cell) return;
    const next = moveFocusDate(cell.dataset.date as string, event.key, this.firstWeekday);
    if (!next) return;
    event.preventDefault();
    if (!sameMonth(next, this.calendarMonth)) this.changeMonth(next);
    this.focusDate = next;
    this.focusCellOnRender = true;
  }

  handleCellFocus(event: FocusEvent): void {
    const iso = (event.currentTarget as HTMLElement).dataset.date as string;
    if (iso !== this.focusDate && sameMonth(iso, this.calendarMonth)) this.focusDate = iso;
  }

  /**
   * A plain click on an event's link is the parent's to follow (eventselect, the default prevented);
   * a click with a modifier key is left to the browser and the link's href (the event's `url`).
   */
  handleOpenEvent(event: MouseEvent): void {
    const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
    if (!recordId || !isPlainClick(event)) return;
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('eventselect', { detail: { recordId } }));
  }
}
