// The rows of the invite screen as c-cme-doctor-row shows them, and small helpers the screen's model
// files share: pure, tested through the screen.
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import type { CmeEvent } from 'c/cmeDomain';
import type { DoctorRowView, InsightView } from 'c/cmeDoctorRow';
import type { DoctorEntry } from './doctorSearch';

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
