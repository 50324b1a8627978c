/**
 * The expense table's pure logic: the next stage a line usually moves to, the check of a stage
 * change, money in the event currency and Date fields as days.
 */

/** The stages in the order a line moves through them. */
export const STAGES: readonly string[] = ['Estimated', 'Committed', 'Actual'];

/** An expense line as the table shows it. */
export interface ExpenseRow {
  id: string;
  category: string;
  categoryLabel: string;
  amount: number;
  amountDisplay: string;
  stage: string;
  stageLabel: string;
  doctorId: string | null;
  doctorName: string;
  vendor: string;
  receipt: string;
  incurredOn: string | null;
  incurredOnDisplay: string;
  paymentForm: string | null;
  description: string;
}

/** Moving on a stage is the usual change: Estimated → Committed → Actual (Actual stays). */
export function nextStage(stage: string): string {
  const index = STAGES.indexOf(stage);
  return index < 0 ? STAGES[0] : STAGES[Math.min(index + 1, STAGES.length - 1)];
}

/** What can be wrong with a stage change (the labels are the form's: Complete this field, Actual needs a date). */
export type StageProblem = 'required' | 'actualDate';

/** The problem of a stage change (Actual needs the date the cost was incurred). */
export function stageChangeProblem(stage: string, incurredOn: string): StageProblem | null {
  if (!stage) return 'required';
  return stage === 'Actual' && !incurredOn ? 'actualDate' : null;
}

/** A Date field's 'YYYY-MM-DD' in the user's locale, the day itself (no time-zone shift). */
export function formatDay(day: string | null | undefined): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return day ?? '';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
