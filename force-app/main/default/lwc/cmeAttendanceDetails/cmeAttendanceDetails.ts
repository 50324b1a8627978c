import { LightningElement, api } from 'lwc';
import { updateRecord } from 'lightning/uiRecordApi';
import { errorToast, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { formatLabel } from 'c/cmeUi';
import ATT_MEAL_FIELD from '@salesforce/schema/CME_Attendance__c.Meal_Opt_Out__c';
import ATT_MINUTES_FIELD from '@salesforce/schema/CME_Attendance__c.Minutes_Attended__c';
import ATT_METHOD_FIELD from '@salesforce/schema/CME_Attendance__c.Sign_In_Method__c';
import { LABELS } from './labels';

/** The largest Minutes_Attended__c (Number(5, 0)). */
const MAX_MINUTES = 99999;

/** The attendance the details edit (as the check-in roster knows it). */
export interface AttendanceFields {
  id: string;
  mode: string | null;
  method: string | null;
  mealOptOut: boolean;
  minutes: number | null;
}

/** What the `attendancechange` event carries: the change saved, and the sentence that says so. */
export interface AttendanceChangeDetail {
  attendanceId: string;
  change: Partial<AttendanceFields>;
  message: string;
}

type Validatable = HTMLElement & {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
  checked?: boolean;
};

/**
 * An attendee's meal opt-out (saved as soon as it is ticked; put back when the save is refused) and
 * minutes attended (virtual and hybrid events). After each save it emits `attendancechange`; the
 * check-in screen shows the change at once and refreshes its roster.
 */
export default class CmeAttendanceDetails extends LightningElement {
  @api attendance?: AttendanceFields;
  /** The attendee's name, for the messages. */
  @api name = '';
  @api showMinutes = false;
  /** True when the event takes no attendance changes (pending approval, cancelled, closed…). */
  @api readOnly = false;

  saving = false;
  labels = LABELS;
  /** What the rep typed in the minutes field, once they have typed. */
  private minutesTyped?: string;

  get disabled(): boolean {
    return this.readOnly || this.saving;
  }

  get mealOptOut(): boolean {
    return this.attendance?.mealOptOut === true;
  }

  get minutesDraft(): string {
    if (this.minutesTyped !== undefined) return this.minutesTyped;
    const minutes = this.attendance?.minutes;
    return minutes === null || minutes === undefined ? '' : String(minutes);
  }

  /** Saves the fields, toasts and emits the change; false when the save is refused. */
  private async save(fields: Record<string, unknown>, change: Partial<AttendanceFields>, message: string) {
    const attendanceId = this.attendance?.id as string;
    this.saving = true;
    try {
      await updateRecord({ fields: { Id: attendanceId, ...fields } });
      this.dispatchEvent(successToast(LABELS.updatedTitleLabel, message));
      const detail: AttendanceChangeDetail = { attendanceId, change, message };
      this.dispatchEvent(new CustomEvent<AttendanceChangeDetail>('attendancechange', { detail }));
      return true;
    } catch (error) {
      this.dispatchEvent(errorToast(LABELS.updateFailedLabel, error as ErrorLike));
      return false;
    } finally {
      this.saving = false;
    }
  }

  async handleMealChange(event: CustomEvent<{ checked: boolean }>) {
    if (!this.attendance) return;
    const box = event.target as Validatable;
    const checked = event.detail?.checked === true;
    const message = formatLabel(checked ? LABELS.mealSavedLabel : LABELS.mealKeptLabel, this.name);
    const saved = await this.save({ [ATT_MEAL_FIELD.fieldApiName]: checked }, { mealOptOut: checked }, message);
    if (!saved) box.checked = this.mealOptOut;
  }

  handleMinutesChange(event: CustomEvent<{ value: string }>) {
    this.minutesTyped = event.detail?.value ?? '';
    (event.target as Validatable).setCustomValidity?.('');
  }

  async handleSaveMinutes(): Promise<void> {
    const attendance = this.attendance;
    if (!attendance) return;
    const input = this.template?.querySelector<Validatable>('[data-id="minutes"]');
    const text = this.minutesDraft.trim();
    const minutes = Number(text);
    if (!text || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
      input?.setCustomValidity(LABELS.minutesInvalidLabel);
      input?.reportValidity();
      input?.focus();
      return;
    }
    input?.setCustomValidity('');
    const fields: Record<string, unknown> = { [ATT_MINUTES_FIELD.fieldApiName]: minutes };
    // The platform log is the evidence of a virtual attendee without another sign-in method.
    const virtualLog = attendance.mode === 'Virtual' && (!attendance.method || attendance.method === 'Virtual Log');
    if (virtualLog) fields[ATT_METHOD_FIELD.fieldApiName] = 'Virtual Log';
    const change = { minutes, ...(virtualLog ? { method: 'Virtual Log' } : {}) };
    await this.save(fields, change, formatLabel(LABELS.minutesSavedLabel, minutes, this.name));
  }
}
