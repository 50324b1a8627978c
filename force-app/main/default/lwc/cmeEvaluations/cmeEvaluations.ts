import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import ATTENDANCE_OBJECT from '@salesforce/schema/CME_Attendance__c';
import { formServerErrors, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { connectionOf, refreshAfterWrite } from 'c/cmeRecords';
import type { FieldChangeDetail, FormControl } from 'c/cmeFormControl';
import { focusIn, formatLabel, showFieldMessages } from 'c/cmeUi';
import type { Option, Validatable } from 'c/cmeUi';

import {
  ATTENDANCE_PAGE_SIZE,
  ATTENDANCE_UPPER_BOUND,
  COMMENTS_MAX_LENGTH,
  COMPLETION_FIELD,
  DRAFT_FIELDS,
  RATING_VALUES,
  draftKeyOf,
  draftProblems,
  evaluationFields,
  evaluationRowsFrom,
  evaluationSummary,
  eventFrom,
  hasStarted,
  isReadOnly,
  mergeEvaluationRows,
} from './evaluationModel';
import type { DraftProblem, EvaluatedEvent, EvaluationDraft, EvaluationRow } from './evaluationModel';
import { LABELS } from './labels';
import { EVALUATIONS_QUERY } from './queries';

/** A question answered by tapping one choice: the three ratings and the practice change. */
interface ChoiceQuestion {
  key: keyof EvaluationDraft;
  field: string;
  id: string;
  label: string;
  options: Option[];
  value: string;
}

const RATING_OPTIONS: Option[] = RATING_VALUES.map((value) => ({ label: value, value }));

const PRACTICE_OPTIONS: Option[] = [
  { label: LABELS.practiceYesLabel, value: 'Yes' },
  { label: LABELS.practiceNoLabel, value: 'No' },
  { label: LABELS.practiceUnsureLabel, value: 'Unsure' },
];

const PROBLEM_LABELS: Record<keyof EvaluationDraft, Partial<Record<DraftProblem, string>>> = {
  overall: { required: LABELS.ratingRequiredLabel },
  relevance: { required: LABELS.ratingRequiredLabel },
  speaker: { required: LABELS.ratingRequiredLabel },
  practiceChange: { required: LABELS.practiceRequiredLabel },
  comments: { tooLong: LABELS.commentsTooLongLabel },
};

/**
 * The event page's Evaluations tab: after the event has started, each attendee with whether their
 * evaluation is completed, a summary (completed N of M, the average overall rating), and a form a
 * rep or the doctor at the venue fills in on a phone — three 1–5 ratings and the practice-change
 * answer as large tap targets, and comments. Saving completes the evaluation (Evaluated_On__c now)
 * with updateRecord and reloads the list; a refused save shows its messages under the fields and in
 * the form's notice.
 */
export default class CmeEvaluations extends LightningElement {
  @api recordId?: string;

  labels = LABELS;
  loaded = false;
  errors: string[] = [];
  event: EvaluatedEvent | undefined = undefined;
  rows: EvaluationRow[] = [];
  /** The attendance whose form is open, else undefined (the list shows). */
  selectedId: string | undefined = undefined;
  draft: EvaluationDraft | undefined = undefined;
  saving = false;
  formErrors: string[] = [];
  /** The wire's `refresh` (lightning/graphql puts it on each result), kept from the latest one. */
  refreshEvaluations?: () => Promise<void>;
  /** Field-level security lets the user complete evaluations (a compliance officer only reads them). */
  canEdit = true;
  private focusAfterRender?: string;

  /** The cursor of the next page of attendances; undefined for the first. */
  cursor: string | undefined = undefined;

  get variables(): Record<string, unknown> | undefined {
    return this.recordId
      ? {
          eventId: this.recordId,
          cursor: this.cursor,
          pageSize: ATTENDANCE_PAGE_SIZE,
          upperBound: ATTENDANCE_UPPER_BOUND,
        }
      : undefined;
  }

  @wire(graphql, { query: EVALUATIONS_QUERY, variables: '$variables' })
  wiredEvaluations(result: GraphqlResult) {
    const { data, errors, refresh } = result;
    if (refresh) this.refreshEvaluations = refresh;
    if (errors && errors.length) {
      this.errors = reduceErrors(errors as ErrorLike[]);
      if (!this.errors.length) this.errors = [LABELS.errorTitleLabel];
      this.loaded = true;
    } else if (data) {
      this.errors = [];
      this.event = eventFrom(data);
      const page = evaluationRowsFrom(data);
      // Pages after the first add to the rows; the first page (or its reload) starts them over.
      this.rows = this.cursor === undefined ? page : mergeEvaluationRows(this.rows, page);
      this.loaded = true;
      const info = connectionOf(data, 'CME_Attendance__c')?.pageInfo;
      if (info?.hasNextPage && info.endCursor && info.endCursor !== this.cursor) this.cursor = info.endCursor;
    }
  }

  /** Whether the user may edit the attendance and its Evaluated_On__c (until it answers, assume so; a refused save says why). */
  @wire(getObjectInfo, { objectApiName: ATTENDANCE_OBJECT })
  wiredObjectInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (!data) return;
    const info = data as ObjectInfo & { updateable?: boolean };
    const completion = info.fields?.[COMPLETION_FIELD] as { updateable?: boolean } | undefined;
    this.canEdit = info.updateable !== false && completion?.updateable !== false;
  }

  renderedCallback() {
    if (this.focusAfterRender && focusIn(this.template, this.focusAfterRender)) this.focusAfterRender = undefined;
  }

  // ------------------------------------------------------------------ states

  get isLoading(): boolean {
    return !this.loaded;
  }

  get notStarted(): boolean {
    return !!this.event && !hasStarted(this.event, new Date());
  }

  get noAttendees(): boolean {
    return !this.notStarted && this.rows.length === 0;
  }

  get isEmpty(): boolean {
    return this.loaded && this.errors.length === 0 && (this.notStarted || this.noAttendees);
  }

  get emptyMessage(): string {
    return this.notStarted ? LABELS.notStartedLabel : LABELS.noAttendeesLabel;
  }

  get emptyDetail(): string {
    return this.notStarted ? LABELS.notStartedDetailLabel : LABELS.noAttendeesDetailLabel;
  }

  get isReady(): boolean {
    return this.loaded && this.errors.length === 0 && !this.isEmpty;
  }

  /** A closed event's evaluations, or a user who may only read them: the list, and no form. */
  get readOnly(): boolean {
    return !this.canEdit || (!!this.event && isReadOnly(this.event));
  }

  get readOnlyMessages(): string[] {
    return [this.canEdit ? LABELS.readOnlyLabel : LABELS.noEditAccessLabel];
  }

  get showList(): boolean {
    return this.isReady && !this.selectedRow;
  }

  get showForm(): boolean {
    return this.isReady && !!this.selectedRow;
  }

  // ------------------------------------------------------------------ list

  get summaryText(): string {
    const { completed, total } = evaluationSummary(this.rows);
    return formatLabel(LABELS.summaryLabel, completed, total);
  }

  get averageOverall(): number | null {
    return evaluationSummary(this.rows).averageOverall;
  }

  get hasAverage(): boolean {
    return this.averageOverall !== null;
  }

  get listRows() {
    return this.rows.map((row) => {
      const status = row.completed
        ? LABELS.statusCompletedLabel
        : row.attended
          ? LABELS.statusNotYetLabel
          : LABELS.statusNoAttendanceLabel;
      return {
        ...row,
        status,
        // A closed event's evaluations are read-only, and one without check-in or minutes cannot be made.
        choosable: row.attended && !this.readOnly,
        ariaLabel: formatLabel(LABELS.rowAriaLabel, row.name, status),
        statusClass: row.completed ? 'status slds-badge slds-theme_success' : 'status slds-badge slds-badge_lightest',
      };
    });
  }

  handleChoose(event: Event) {
    const id = (event.currentTarget as HTMLElement).dataset.attendanceId;
    const row = this.rows.find((r) => r.attendanceId === id);
    if (!row || !row.attended || this.readOnly) return;
    this.selectedId = row.attendanceId;
    this.draft = { ...row.draft };
    this.formErrors = [];
    this.focusAfterRender = '[data-id="form-heading"]';
  }

  // ------------------------------------------------------------------ form

  get selectedRow(): EvaluationRow | undefined {
    return this.rows.find((r) => r.attendanceId === this.selectedId);
  }

  get formHeading(): string {
    return formatLabel(LABELS.formHeadingLabel, this.selectedRow?.name ?? '');
  }

  get questions(): ChoiceQuestion[] {
    const draft = this.draft as EvaluationDraft;
    const question = (key: keyof EvaluationDraft, label: string, options: Option[]): ChoiceQuestion => ({
      key,
      field: DRAFT_FIELDS[key],
      id: `evaluation-${key}`,
      label,
      options,
      value: draft[key],
    });
    return [
      question('overall', LABELS.overallLabel, RATING_OPTIONS),
      question('relevance', LABELS.relevanceLabel, RATING_OPTIONS),
      question('speaker', LABELS.speakerLabel, RATING_OPTIONS),
      question('practiceChange', LABELS.practiceChangeLabel, PRACTICE_OPTIONS),
    ];
  }

  get commentsControl(): FormControl {
    return {
      field: DRAFT_FIELDS.comments,
      id: 'evaluation-comments',
      kind: 'textarea',
      label: LABELS.commentsLabel,
      maxLength: COMMENTS_MAX_LENGTH,
      value: this.draft?.comments ?? '',
    };
  }

  get hasFormErrors(): boolean {
    return this.formErrors.length > 0;
  }

  handleChoice(event: CustomEvent<{ value: string }>) {
    const target = event.currentTarget as Validatable;
    const key = draftKeyOf(target.dataset.field ?? '');
    if (!key || !this.draft) return;
    target.setCustomValidity('');
    target.reportValidity();
    this.draft = { ...this.draft, [key]: event.detail.value };
  }

  handleCommentsChange(event: CustomEvent<FieldChangeDetail>) {
    if (this.draft) this.draft = { ...this.draft, comments: event.detail.value };
  }

  handleBack() {
    const id = this.selectedId;
    this.closeForm();
    this.focusAfterRender = `[data-attendance-id="${id}"]`;
  }

  private closeForm() {
    this.selectedId = undefined;
    this.draft = undefined;
    this.formErrors = [];
  }

  private formInputs(): Validatable[] {
    return [...(this.template?.querySelectorAll<Validatable>('.evaluation-form [data-field]') ?? [])];
  }

  /** Puts each message under its field (client or server) and focuses the first; true when there was one. */
  private showFieldMessages(messages: Record<string, string>): boolean {
    return showFieldMessages(this.formInputs(), messages);
  }

  async handleSave(event?: Event) {
    event?.preventDefault();
    const row = this.selectedRow;
    if (this.saving || !row || !this.draft) return;
    const draft = this.draft;
    const messages: Record<string, string> = {};
    for (const [key, problem] of Object.entries(draftProblems(draft)) as [keyof EvaluationDraft, DraftProblem][])
      messages[DRAFT_FIELDS[key]] = PROBLEM_LABELS[key][problem] ?? '';
    this.formErrors = [];
    if (this.showFieldMessages(messages)) return;

    this.saving = true;
    const fields = evaluationFields(row.attendanceId, draft, new Date(), row.evaluatedOn);
    try {
      await updateRecord({ fields });
    } catch (error) {
      this.showServerErrors(error);
      return;
    } finally {
      this.saving = false;
    }
    // The saved row as written: the reload below re-reads the last page only, which may not hold it.
    const evaluatedOn = String(fields.Evaluated_On__c);
    this.rows = this.rows.map((r) => {
      return r.attendanceId === row.attendanceId ? { ...r, completed: true, evaluatedOn, draft: { ...draft } } : r;
    });
    this.dispatchEvent(successToast(LABELS.savedTitleLabel, formatLabel(LABELS.savedMessageLabel, row.name)));
    this.closeForm();
    this.focusAfterRender = `[data-attendance-id="${row.attendanceId}"]`;
    await refreshAfterWrite(this.refreshEvaluations, [row.attendanceId, this.recordId], notifyRecordUpdateAvailable);
  }

  private showServerErrors(error: unknown) {
    // A validation rule's message on a field the form shows goes under it; any other (Evaluated_On__c's
    // Evaluation_Needs_Attendance, a locked or read-only record) goes to the form's notice.
    const { fields, messages } = formServerErrors(error, (field) => draftKeyOf(field) !== undefined);
    this.formErrors = messages;
    this.showFieldMessages(fields);
    if (!Object.keys(fields).length) this.focusAfterRender = '[data-id="form-errors"]';
  }
}
