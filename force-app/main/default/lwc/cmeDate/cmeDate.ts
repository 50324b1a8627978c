/**
 * A date as the CME screens show it: "14 Mar 2027" (numeric day and year, short month), with the
 * time "09:30" when `with-time` is set, in the given time zone (the viewer's own without one). One
 * place for the format, which lightning-formatted-date-time renders in the user's locale.
 *
 *   <c-cme-date value={row.due} time-zone="UTC"></c-cme-date>
 *   <c-cme-date value={start} time-zone={timeZone} with-time></c-cme-date>
 */
import { LightningElement, api } from 'lwc';

export default class CmeDate extends LightningElement {
  /** An ISO date or date-time (a Date or epoch milliseconds also work). */
  @api value: string | number | Date | null | undefined;
  /** An IANA time zone such as Asia/Kolkata; UTC for date-only values, so the day does not shift. */
  @api timeZone: string | undefined;
  /** Show the hour and minute after the date. */
  @api withTime = false;

  /** Nothing shows without a value. */
  get hasValue(): boolean {
    return this.value !== undefined && this.value !== null && this.value !== '';
  }

  /** The parts lightning-formatted-date-time leaves out when they are undefined. */
  get hour(): '2-digit' | undefined {
    return this.withTime ? '2-digit' : undefined;
  }

  get minute(): '2-digit' | undefined {
    return this.hour;
  }
}
