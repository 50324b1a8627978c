import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { createRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { recordsOf } from 'c/cmeRecords';
import { errorToast, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import type { FieldChangeDetail, FormControl } from 'c/cmeFormControl';
import { formatLabel, localTodayIso } from 'c/cmeUi';
import USER_ID from '@salesforce/user/Id';
import TASK_OBJECT from '@salesforce/schema/Task';
import TASK_ID_FIELD from '@salesforce/schema/Task.Id';
import TASK_STATUS_FIELD from '@salesforce/schema/Task.Status';
import {
  PRIORITY_OPTIONS,
  STATUS_COMPLETED,
  SUBJECT_MAX_LENGTH,
  TEMPLATES,
  attendeesFrom,
  draftFromTemplate,
  openFollowUpsFrom,
  taskFields,
  templateFor,
  toggleSelection,
  validateDraft,
} from './followUps';
import type { Attendee, FollowUpDraft, OpenFollowUp } from './followUps';

import { LABELS } from './labels';
import { FOLLOW_UPS_QUERY } from './queries';

/**
 * One of the draft's controls (see c/cmeFormControl) with its grid column. Its field is the draft's
 * property, or 'template', which re-fills the draft; a date input's min is an ISO date, which
 * FormControl's min (a number) does not say.
 */
type DraftControl = Omit<FormControl, 'min'> & { field: keyof FollowUpDraft | 'template'; min?: string; width: string };

const HALF = 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2';

export default class CmeEventFollowUps extends LightningElement {
  @api recordId?: string;
  /** The template picked when the card opens (slides, thanks, certificate, visit or question). */
  @api defaultTemplate = 'slides';

  /**
   * The wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before the first result, when nothing is stale.
   */
  refreshFollowUps?: () => Promise<void>;
  loaded = false;
  errors: string[] = [];
  eventName = '';
  attendees: Attendee[] = [];
  followUps: OpenFollowUp[] = [];
  selectedIds: string[] = [];
  templateKey = '';
  draft: FollowUpDraft | undefined = undefined;
  saving = false;
  /** One line per doctor whose follow-up could not be created: the name and the reason. */
  failures: string[] = [];
  completing: string[] = [];

  labels = LABELS;

  get variables(): Record<string, unknown> | undefined {
    return this.recordId ? { eventId: this.recordId } : undefined;
  }

  @wire(graphql, { query: FOLLOW_UPS_QUERY, variables: '$variables' })
  wiredFollowUps(result: GraphqlResult) {
    const { data, errors, refresh } = result;
    if (refresh) this.refreshFollowUps = refresh;
    if (errors && errors.length) {
      this.errors = reduceErrors(errors as ErrorLike[]);
      if (!this.errors.length) this.errors = [LABELS.errorTitleLabel];
      this.loaded = true;
    } else if (data) {
      this.errors = [];
      this.eventName = recordsOf<{ Name?: string }>(data, 'CME_Event__c')[0]?.Name ?? '';
      this.attendees = attendeesFrom(data);
      this.followUps = openFollowUpsFrom(data, localTodayIso());
      // Keep only selections of doctors still listed.
      this.selectedIds = this.selectedIds.filter((id) => this.attendees.some((a) => a.doctorId === id));
      if (!this.draft) this.applyTemplate(templateFor(this.defaultTemplate) ? this.defaultTemplate : TEMPLATES[0].key);
      this.loaded = true;
    }
  }

  private applyTemplate(key: string) {
    const template = templateFor(key);
    if (!template) return;
    this.templateKey = key;
    this.draft = draftFromTemplate(template, this.eventName, localTodayIso());
  }

  // ------------------------------------------------------------------ view

  get isLoading(): boolean {
    return !this.loaded;
  }

  get isReady(): boolean {
    return this.loaded && this.errors.length === 0;
  }

  get hasAttendees(): boolean {
    return this.attendees.length > 0;
  }

  get attendeeRows() {
    return this.attendees.map((a) => ({ ...a, selected: this.selectedIds.includes(a.doctorId) }));
  }

  get allSelected(): boolean {
    return this.hasAttendees && this.selectedIds.length === this.attendees.length;
  }

  get selectAllLabel(): string {
    return formatLabel(LABELS.selectAllLabel, this.attendees.length);
  }

  get selectedCountText(): string {
    return formatLabel(LABELS.selectedCountLabel, this.selectedIds.length, this.attendees.length);
  }

  /** The draft's controls in keyboard order: template and priority, subject and due date, description. */
  get draftControls(): DraftControl[] {
    const draft = this.draft;
    return [
      {
        field: 'template',
        id: 'template',
        kind: 'combobox',
        label: LABELS.templateLabel,
        options: TEMPLATES.map((t) => ({ label: t.label, value: t.key })),
        value: this.templateKey,
        width: HALF,
      },
      {
        field: 'priority',
        id: 'priority',
        kind: 'combobox',
        label: LABELS.priorityLabel,
        options: [...PRIORITY_OPTIONS],
        value: draft?.priority ?? '',
        width: HALF,
      },
      {
        field: 'subject',
        id: 'subject',
        label: LABELS.subjectLabel,
        value: draft?.subject ?? '',
        maxLength: SUBJECT_MAX_LENGTH,
        required: true,
        width: 'slds-col slds-size_1-of-1 slds-medium-size_2-of-3',
      },
      {
        field: 'dueDate',
        id: 'due-date',
        type: 'date',
        label: LABELS.dueDateLabel,
        value: draft?.dueDate ?? '',
        min: this.today,
        required: true,
        width: 'slds-col slds-size_1-of-1 slds-medium-size_1-of-3',
      },
      {
        field: 'description',
        id: 'description',
        kind: 'textarea',
        label: LABELS.descriptionLabel,
        value: draft?.description ?? '',
        width: 'slds-col slds-size_1-of-1',
      },
    ];
  }

  get today(): string {
    return localTodayIso();
  }

  get createLabel(): string {
    const n = this.selectedIds.length;
    if (n === 0) return LABELS.createNoneLabel;
    return n === 1 ? LABELS.createOneLabel : formatLabel(LABELS.createManyLabel, n);
  }

  get createDisabled(): boolean {
    return this.saving || this.selectedIds.length === 0 || !this.draft;
  }

  get hasFailures(): boolean {
    return this.failures.length > 0;
  }

  get hasFollowUps(): boolean {
    return this.followUps.length > 0;
  }

  get openHeading(): string {
    return formatLabel(LABELS.openHeadingLabel, this.followUps.length);
  }

  get followUpRows() {
    return this.followUps.map((f) => ({
      ...f,
      hasDue: !!f.due,
      busy: this.completing.includes(f.id),
      markDoneAlt: formatLabel(LABELS.markDoneAltLabel, f.subject, f.doctor),
    }));
  }

  // ------------------------------------------------------------------ selection and draft

  handleSelectAll(event: CustomEvent<{ checked: boolean }>) {
    this.selectedIds = event.detail.checked ? this.attendees.map((a) => a.doctorId) : [];
  }

  handleSelect(event: CustomEvent<{ checked: boolean }>) {
    const doctorId = (event.currentTarget as HTMLElement).dataset.doctorId ?? '';
    this.selectedIds = toggleSelection(this.selectedIds, doctorId, event.detail.checked, this.attendees);
  }

  /** A control's change: a template re-fills the draft, any other field sets its own value. */
  handleDraftChange(event: CustomEvent<FieldChangeDetail>) {
    const { field, value } = event.detail;
    if (field === 'template') {
      this.applyTemplate(value);
      this.clearValidity();
    } else {
      this.draft = { ...(this.draft as FollowUpDraft), [field]: value };
    }
  }

  private input(id: string) {
    return this.template?.querySelector(`[data-id="${id}"]`) as
      (HTMLElement & { setCustomValidity(m: string): void; reportValidity(): boolean }) | null;
  }

  private clearValidity() {
    for (const id of ['subject', 'due-date']) {
      const input = this.input(id);
      input?.setCustomValidity('');
      input?.reportValidity();
    }
  }

  /** Shows each field's problem under it; true when there is none. */
  private checkDraft(): boolean {
    const errors = validateDraft(this.draft as FollowUpDraft, localTodayIso());
    const fields: [string, string | undefined][] = [
      ['subject', errors.subject],
      ['due-date', errors.dueDate],
    ];
    for (const [id, message] of fields) {
      const input = this.input(id);
      input?.setCustomValidity(message ?? '');
      input?.reportValidity();
    }
    return !errors.subject && !errors.dueDate;
  }

  // ------------------------------------------------------------------ writes

  async handleCreate() {
    if (this.createDisabled || !this.recordId || !this.checkDraft()) return;
    const draft = this.draft as FollowUpDraft;
    const eventId = this.recordId;
    const targets = this.attendees.filter((a) => this.selectedIds.includes(a.doctorId));
    this.saving = true;
    this.failures = [];
    const results = await Promise.allSettled(
      targets.map((a) =>
        createRecord({
          apiName: TASK_OBJECT.objectApiName,
          fields: taskFields(draft, a.doctorId, eventId, USER_ID),
        }),
      ),
    );
    const failed: { attendee: Attendee; error: unknown }[] = [];
    results.forEach((r, i) => {
      if (r.status === 'rejected') failed.push({ attendee: targets[i], error: r.reason });
    });
    const created = targets.length - failed.length;
    this.failures = failed.map(({ attendee, error }) =>
      formatLabel(LABELS.failureItemLabel, attendee.name, reduceErrors(error as ErrorLike).join(' ')),
    );
    // Failed doctors stay selected so the rep can retry them; the others are done.
    this.selectedIds = failed.map((f) => f.attendee.doctorId);

    if (failed.length === 0)
      this.dispatchEvent(
        successToast(
          LABELS.createdTitleLabel,
          created === 1 ? LABELS.createdOneLabel : formatLabel(LABELS.createdManyLabel, created),
        ),
      );
    else
      this.dispatchEvent(
        errorToast(
          created === 0
            ? LABELS.failedTitleLabel
            : formatLabel(LABELS.partialTitleLabel, created, targets.length, failed.length),
          failed.map((f) => f.error as ErrorLike),
        ),
      );
    if (created > 0) await this.refresh();
    this.saving = false;
  }

  async handleMarkDone(event: Event) {
    const taskId = (event.currentTarget as HTMLElement).dataset.taskId ?? '';
    const task = this.followUps.find((f) => f.id === taskId);
    if (!task || this.completing.includes(taskId)) return;
    this.completing = [...this.completing, taskId];
    try {
      await updateRecord({
        fields: { [TASK_ID_FIELD.fieldApiName]: taskId, [TASK_STATUS_FIELD.fieldApiName]: STATUS_COMPLETED },
      });
      this.dispatchEvent(
        successToast(LABELS.doneTitleLabel, formatLabel(LABELS.doneMessageLabel, task.subject, task.doctor)),
      );
      await this.refresh(taskId);
    } catch (error) {
      this.dispatchEvent(errorToast(LABELS.doneErrorLabel, error as ErrorLike));
    } finally {
      this.completing = this.completing.filter((id) => id !== taskId);
    }
  }

  /** Reloads the lists and tells other components on the page that the event (and task) changed. */
  private async refresh(taskId?: string) {
    const ids = [this.recordId, taskId].filter((id): id is string => !!id).map((recordId) => ({ recordId }));
    try {
      await Promise.all([this.refreshFollowUps?.(), notifyRecordUpdateAvailable(ids)]);
    } catch (error) {
      // The write worked; a failed reload must not read as a failed write.
      this.errors = reduceErrors(error as ErrorLike);
    }
  }
}
