// The rows of the invite screen as c-cme-doctor-row shows them, and the small formatting helpers the
// screen shares with them: pure, tested through the screen and on their own.
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import type { CmeEvent } from 'c/cmeDomain';
import type { DoctorRowView, InsightView } from 'c/cmeDoctorRow';
import { formatLabel } from 'c/cmeUi';
import { moneyText } from './doctorInsights';
import type { DoctorInsight } from './doctorInsights';
import type { DoctorEntry } from './doctorSearch';
import { LABELS } from './labels';

/** The event as the domain core reads it, from the record the screen loaded. */
export function eventFromRecord(record: RecordRepresentation): CmeEvent {
  const event: Record<string, unknown> = { Id: record.id };
  for (const [field, value] of Object.entries(record.fields)) event[field] = value.value;
  return event as unknown as CmeEvent;
}

const NUMBER_FORMAT = new Intl.NumberFormat();

/** A count as the user's locale writes it (1,234). */
export function numberText(n: number): string {
  return NUMBER_FORMAT.format(n);
}

/** What a row shows of a doctor's insight: formatted once, when the insight is computed. */
export function insightView(insight: DoctorInsight, currency: string | undefined): InsightView {
  const total = moneyText(insight.total, currency);
  const view: InsightView = {
    tovText: total,
    hasCap: false,
    barValue: 0,
    barStyle: '',
    barClass: 'slds-progress-bar__value',
    eventsText: formatLabel(LABELS.eventsCountLabel, insight.eventsThisYear),
    warnings: insight.warnings.map((w) => ({
      ...w,
      severityLabel: w.severity === 'block' ? LABELS.severityBlockLabel : LABELS.severityWarnLabel,
      className: w.severity === 'block' ? 'warning warning-block' : 'warning warning-warn',
    })),
  };
  if (insight.cap.cap !== null) {
    const percent = insight.cap.percent ?? 0;
    view.tovText = formatLabel(LABELS.tovOfCapLabel, total, moneyText(insight.cap.cap, currency), percent);
    view.hasCap = true;
    view.barValue = Math.min(100, percent);
    view.barStyle = `width: ${view.barValue}%`;
    const level = insight.cap.level;
    view.barClass =
      level === 'over' || level === 'reached'
        ? 'slds-progress-bar__value bar-over'
        : level === 'near'
          ? 'slds-progress-bar__value bar-near'
          : 'slds-progress-bar__value';
  }
  return view;
}

/** What the rows depend on besides the doctors. */
export interface RowState {
  isInvited(id: string): boolean;
  selectedIds: ReadonlySet<string>;
  /** Whether anyone can be selected now (event open for invitations, nothing being sent). */
  selectable: boolean;
  insights: ReadonlyMap<string, InsightView>;
  failedInsightIds: ReadonlySet<string>;
}

/** One row per doctor on screen. */
export function doctorRows(doctors: readonly DoctorEntry[], state: RowState): DoctorRowView[] {
  return doctors.map((entry) => {
    const invited = state.isInvited(entry.id);
    const insight = state.insights.get(entry.id) ?? null;
    return {
      id: entry.id,
      name: entry.name,
      specialty: entry.specialty,
      city: entry.city,
      territory: entry.territory,
      invited,
      selected: !invited && state.selectedIds.has(entry.id),
      selectable: state.selectable,
      insight,
      insightFailed: !insight && state.failedInsightIds.has(entry.id),
    };
  });
}
