/**
 * A date as the CME screens show it: "14 Mar 2027" (numeric day and year, short month), with the
 * time "09:30" when `with-time` is set, or the time alone with `time-only` (a list already headed
 * by the day), in the given time zone (the viewer's own without one). One place for the format,
 * which lightning-formatted-date-time renders in the user's locale.
 *
 *   <c-cme-date value={row.due} time-zone="UTC"></c-cme-date>
 *   <c-cme-date value={start} time-zone={timeZone} with-time></c-cme-date>
 *   <c-cme-date value={start} time-zone={timeZone} time-only></c-cme-date>
 */
import { LightningElement, api } from 'lwc';

export default class CmeDate extends LightningElement {
  /** An ISO date or date-time (a Date or epoch milliseconds also work). */
  @api value: string | number | Date | null | undefined;
  /** An IANA time zone such as Asia/Kolkata; UTC for date-only values, so the day does not shift. */
  @api timeZone: string | undefined;
  /** Show the hour and minute after the date. */
  @api withTime = false;
  /** Show the hour and minute without the date. */
  @api timeOnly = false;

  /** Nothing shows without a value. */
  get hasValue(): boolean {
    return this.value !== undefined && this.value !== null && this.value !== '';
  }

  /** The parts lightning-formatted-date-time leaves out when they are undefined. */
  get year(): 'numeric' | undefined {
    return this.timeOnly ? undefined : 'numeric';
  }

  get month(): 'short' | undefined {
    return this.timeOnly ? undefined : 'short';
  }

  get day(): 'numeric' | undefined {
    return this.year;
  }

  get hour(): '2-digit' | undefined {
    return this.withTime || this.timeOnly ? '2-digit' : undefined;
  }

  get minute(): '2-digit' | undefined {
    return this.hour;
  }
}
