import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import { notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { connectionOf, refreshAfterWrite } from 'c/cmeRecords';
import { errorToast, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { askRecordUrls, formatLabel, isPlainClick, localTodayIso, recordViewPage, recordViewUrl } from 'c/cmeUi';
import USER_ID from '@salesforce/user/Id';

import EVENT_OBJECT from '@salesforce/schema/CME_Event__c';
import TASK_ID_FIELD from '@salesforce/schema/Task.Id';
import TASK_STATUS_FIELD from '@salesforce/schema/Task.Status';

import {
  countsOf,
  eventNamesFrom,
  filterFollowUps,
  followUpsFrom,
  isFollowUpFilter,
  missingEventIds,
} from './followUpsModel';
import type { FollowUp, FollowUpFilter } from './followUpsModel';

import { LABELS } from './labels';
import { EVENT_NAMES_QUERY, TASKS_QUERY } from './queries';

const TASK_LIMIT = 500;
const COMPLETED = 'Completed';

type Navigating = LightningElement & {
  [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
  [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
};
/** `NavigationMixin(LightningElement)` as tsc should see it. */
type NavigatingElement = Omit<typeof LightningElement, 'prototype'> & {
  new (): Navigating;
  readonly prototype: Navigating;
};

function eventPage(recordId: string): PageReference {
  return recordViewPage(recordId, EVENT_OBJECT.objectApiName);
}

function filterFromSetting(setting: unknown): FollowUpFilter {
  const value = String(setting ?? '')
    .toLowerCase()
    .replace(/\s+/g, '');
  if (value === 'overdue') return 'overdue';
  if (value === 'thisweek' || value === 'week') return 'week';
  return 'all';
}

export default class CmeMyFollowUps extends (NavigationMixin(LightningElement) as unknown as NavigatingElement) {
  /** "All", "Overdue" or "This week": the filter the list opens with. */
  @api defaultFilter = 'All';
  /** "Sunday" or "Monday": when "This week" ends. */
  @api firstDayOfWeek = 'Sunday';

  labels = LABELS;

  keyPrefix?: string;
  objectInfoErrors: string[] = [];
  tasksData?: unknown;
  taskErrors: string[] = [];
  tasksLoaded = false;
  /**
   * The tasks wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before the first result, when nothing is stale.
   */
  refreshTasks?: () => Promise<void>;
  eventNames: Record<string, string> = {};
  /** Each event's address from NavigationMixin.GenerateUrl: the link's href (open in a new tab, copy it). */
  eventUrls: Record<string, string> = {};
  private urlsAsked = new Set<string>();
  filter: FollowUpFilter = 'all';
  savingIds: string[] = [];
  doneIds: string[] = [];
  todayIso = localTodayIso();
  private initialised = false;
  private focusAfterRender?: number;

  connectedCallback(): void {
    if (this.initialised) return;
    this.initialised = true;
    this.filter = filterFromSetting(this.defaultFilter);
  }

  renderedCallback(): void {
    this.askEventUrls();
    if (this.focusAfterRender === undefined) return;
    const index = this.focusAfterRender;
    this.focusAfterRender = undefined;
    const buttons = this.root.querySelectorAll<HTMLElement>('[data-id="mark-done"]');
    const target =
      buttons[Math.min(index, buttons.length - 1)] ?? this.root.querySelector<HTMLElement>('.follow-up-count');
    target?.focus();
  }

  private get root(): ShadowRoot {
    return this.template as ShadowRoot;
  }

  private get weekStartsOn(): number {
    return String(this.firstDayOfWeek).toLowerCase() === 'monday' ? 1 : 0;
  }

  // ---------------------------------------------------------------- data

  @wire(getObjectInfo, { objectApiName: EVENT_OBJECT })
  wiredObjectInfo({ data, error }: { data?: ObjectInfo & { keyPrefix?: string }; error?: unknown }) {
    if (data) {
      this.keyPrefix = data.keyPrefix;
      this.objectInfoErrors = [];
    } else if (error) {
      this.objectInfoErrors = reduceErrors(error as ErrorLike);
    }
  }

  get taskVariables(): Record<string, unknown> {
    return { ownerId: USER_ID, first: TASK_LIMIT };
  }

  @wire(graphql, { query: TASKS_QUERY, variables: '$taskVariables', operationName: 'MyFollowUps' })
  wiredTasks(result: GraphqlResult) {
    const { data, errors, refresh } = result ?? {};
    if (refresh) this.refreshTasks = refresh;
    if (data) {
      this.tasksData = data;
      this.taskErrors = [];
      this.tasksLoaded = true;
      this.todayIso = localTodayIso();
    } else if (errors) {
      this.taskErrors = reduceErrors(errors as ErrorLike[]);
      this.tasksLoaded = true;
    }
  }

  /** Only asked when some event names are missing (a wire with no query does not fetch). */
  get eventNamesQuery(): string | undefined {
    return this.missingIds.length ? EVENT_NAMES_QUERY : undefined;
  }

  get eventNameVariables(): Record<string, unknown> {
    return { ids: this.missingIds };
  }

  @wire(graphql, { query: '$eventNamesQuery', variables: '$eventNameVariables', operationName: 'FollowUpEventNames' })
  wiredEventNames({ data }: GraphqlResult = {}) {
    // Without names the list says "CME event": still a working link, so errors need no panel.
    if (data) this.eventNames = { ...this.eventNames, ...eventNamesFrom(data) };
  }

  private get allFollowUps(): FollowUp[] {
    if (!this.keyPrefix || !this.tasksData) return [];
    return followUpsFrom(this.tasksData, this.keyPrefix, this.todayIso, this.weekStartsOn)
      .filter((f) => !this.doneIds.includes(f.id))
      .map((f) => (f.eventName ? f : { ...f, eventName: this.eventNames[f.eventId] ?? null }));
  }

  private get missingIds(): string[] {
    return missingEventIds(this.allFollowUps);
  }

  async handleRetry(): Promise<void> {
    try {
      await this.refreshTasks?.();
    } catch (error) {
      this.taskErrors = reduceErrors(error as ErrorLike);
    }
  }

  // ---------------------------------------------------------------- states

  get errors(): string[] {
    return [...this.objectInfoErrors, ...this.taskErrors];
  }

  get hasError(): boolean {
    return this.errors.length > 0;
  }

  get isLoading(): boolean {
    return !this.hasError && !(this.tasksLoaded && this.keyPrefix);
  }

  get isEmpty(): boolean {
    return !this.isLoading && !this.hasError && this.allFollowUps.length === 0;
  }

  get hasFollowUps(): boolean {
    return !this.isLoading && !this.hasError && this.allFollowUps.length > 0;
  }

  get counts(): Record<FollowUpFilter, number> {
    return countsOf(this.allFollowUps);
  }

  get filterOptions(): { label: string; value: FollowUpFilter }[] {
    const counts = this.counts;
    return [
      { label: formatLabel(LABELS.filterOverdueLabel, counts.overdue), value: 'overdue' },
      { label: formatLabel(LABELS.filterWeekLabel, counts.week), value: 'week' },
      { label: formatLabel(LABELS.filterAllLabel, counts.all), value: 'all' },
    ];
  }

  get countText(): string {
    const all = this.counts.all;
    return all === 1 ? LABELS.countOneLabel : formatLabel(LABELS.countManyLabel, all);
  }

  get truncatedText(): string {
    const hasMore = Boolean(connectionOf(this.tasksData, 'Task')?.pageInfo?.hasNextPage);
    return hasMore ? formatLabel(LABELS.truncatedLabel, TASK_LIMIT) : '';
  }

  get items() {
    return filterFollowUps(this.allFollowUps, this.filter).map((f) => {
      const subject = f.subject || LABELS.noSubjectLabel;
      const eventName = f.eventName || LABELS.unnamedEventLabel;
      let dueNote = '';
      if (f.isOverdue)
        dueNote = f.daysOverdue === 1 ? LABELS.overdueOneLabel : formatLabel(LABELS.overdueLabel, f.daysOverdue);
      else if (f.isDueToday) dueNote = LABELS.dueTodayLabel;
      return {
        ...f,
        subject,
        eventName,
        doctorText: f.doctorName || LABELS.noDoctorLabel,
        dueNote,
        dueNoteClass: f.isOverdue ? 'due-note due-note_overdue slds-text-color_error' : 'due-note',
        rowClass: f.isOverdue ? 'follow-up follow-up_overdue' : 'follow-up',
        markDoneText: formatLabel(LABELS.markDoneA11yLabel, subject),
        openEventText: formatLabel(LABELS.openEventA11yLabel, eventName),
        eventUrl: this.eventUrls[f.eventId] ?? recordViewUrl(f.eventId, EVENT_OBJECT.objectApiName),
        isSaving: this.savingIds.includes(f.id),
      };
    });
  }

  get hasItems(): boolean {
    return this.items.length > 0;
  }

  get filteredEmptyText(): string {
    return this.filter === 'overdue' ? LABELS.emptyOverdueLabel : LABELS.emptyWeekLabel;
  }

  // ---------------------------------------------------------------- actions

  handleFilterChange(event: CustomEvent<{ value?: string }>): void {
    const value = event.detail?.value;
    if (isFollowUpFilter(value)) this.filter = value;
  }

  /** A plain click opens the event in this tab (isPlainClick); other clicks are the browser's, by the href. */
  handleOpenEvent(event: MouseEvent): void {
    const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
    if (!recordId || !isPlainClick(event)) return;
    event.preventDefault();
    this[NavigationMixin.Navigate](eventPage(recordId));
  }

  private askEventUrls(): void {
    askRecordUrls(
      this.allFollowUps.map((f) => f.eventId),
      this.urlsAsked,
      (recordId) => this[NavigationMixin.GenerateUrl](eventPage(recordId)),
      (urls) => {
        this.eventUrls = { ...this.eventUrls, ...urls };
      },
    );
  }

  async handleMarkDone(event: Event): Promise<void> {
    const taskId = (event.currentTarget as HTMLElement).dataset.taskId as string;
    const index = this.items.findIndex((i) => i.id === taskId);
    const item = this.items[index];
    if (!item || this.savingIds.includes(taskId)) return;
    this.savingIds = [...this.savingIds, taskId];
    try {
      await updateRecord({
        fields: { [TASK_ID_FIELD.fieldApiName]: taskId, [TASK_STATUS_FIELD.fieldApiName]: COMPLETED },
      });
    } catch (error) {
      this.savingIds = this.savingIds.filter((id) => id !== taskId);
      this.dispatchEvent(errorToast(LABELS.doneErrorLabel, error as ErrorLike));
      return;
    }
    this.savingIds = this.savingIds.filter((id) => id !== taskId);
    this.doneIds = [...this.doneIds, taskId];
    this.focusAfterRender = index;
    this.dispatchEvent(successToast(LABELS.doneTitleLabel, formatLabel(LABELS.doneMessageLabel, item.subject)));
    // The task is completed and already off the list; a failed reload leaves that to the next load.
    await refreshAfterWrite(this.refreshTasks, [taskId, item.eventId], notifyRecordUpdateAvailable);
  }
}
