import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/cmeUi';
import { LABELS } from './labels';

export { COLUMN_LABELS } from './labels';

/** One compliance warning as the row shows it (labels resolved by the screen). */
export interface WarningView {
  key: string;
  title: string;
  message: string;
  severityLabel: string;
  className: string;
}

/** What a row shows of a doctor's insight, formatted once when the insight is computed. */
export interface InsightView {
  tovText: string;
  hasCap: boolean;
  barValue: number;
  barStyle: string;
  barClass: string;
  eventsText: string;
  warnings: WarningView[];
}

/** One doctor as the invite screen lists it. */
export interface DoctorRowView {
  id: string;
  name: string;
  specialty: string;
  city: string;
  territory: string;
  /** Invited to this event already (cannot be selected). */
  invited: boolean;
  selected: boolean;
  /** Whether the screen lets anyone be selected now (event approved, nothing being sent). */
  selectable: boolean;
  /** The value, events and warnings, once computed. */
  insight: InsightView | null;
  /** The history could not be loaded. */
  insightFailed: boolean;
}

/** What `selectionchange` carries. */
export interface SelectionChange {
  doctorId: string;
  selected: boolean;
}

/**
 * One doctor of the invite screen: name, specialty, city, territory, value against the cap, events
 * and warnings, and the selection checkbox. It is a row of the screen's ARIA table: the host has
 * role="row" (a custom element cannot sit inside a <tbody>, and a <tr> in its shadow root would not
 * be in a table), its cells have role="cell" / "rowheader". Emits `selectionchange`.
 */
export default class CmeDoctorRow extends LightningElement {
  @api row?: DoctorRowView;

  labels = LABELS;

  connectedCallback(): void {
    // The screen's table owns this row; role on the host keeps the ARIA table valid in the flat tree.
    if (!this.getAttribute('role')) this.setAttribute('role', 'row');
  }

  get notSelectable(): boolean {
    return !this.row || this.row.invited || !this.row.selectable;
  }

  get isChecked(): boolean {
    return !!this.row && !this.row.invited && this.row.selected;
  }

  get selectLabel(): string {
    const row = this.row;
    return formatLabel(row?.invited ? LABELS.alreadyInvitedDoctorLabel : LABELS.selectDoctorLabel, row?.name ?? '');
  }

  get nameClass(): string {
    return this.row?.invited ? 'doctor-name is-invited' : 'doctor-name';
  }

  get insight(): InsightView | null {
    return this.row?.insight ?? null;
  }

  get insightFailed(): boolean {
    return !this.insight && !!this.row?.insightFailed;
  }

  get eventsText(): string {
    return this.insight?.eventsText ?? '';
  }

  get hasWarnings(): boolean {
    return !!this.insight && this.insight.warnings.length > 0;
  }

  handleChange(event: Event): void {
    const doctorId = this.row?.id;
    /* istanbul ignore if -- the checkbox renders with a row only */
    if (!doctorId) return;
    const selected = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent<SelectionChange>('selectionchange', { detail: { doctorId, selected } }));
  }
}
