import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { connectionOf, refreshAfterWrite, totalCountOf } from 'c/cmeRecords';
import { reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { askRecordUrls, formatLabel, isPlainClick, recordViewPage, recordViewUrl } from 'c/cmeUi';
import type { Option } from 'c/cmeUi';
import type { EventFilters } from 'c/cmeEventFilters';
import USER_ID from '@salesforce/user/Id';

import EVENT_OBJECT from '@salesforce/schema/CME_Event__c';
import TYPE_FIELD from '@salesforce/schema/CME_Event__c.Event_Type__c';
import FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';
import THERAPY_AREA_FIELD from '@salesforce/schema/CME_Event__c.Therapy_Area__c';

import { NO_FILTERS, buildEventWhere, eventsFrom, hasActiveFilters, rulePackOptions } from './plannerModel';
import type { PlannerEvent } from './plannerModel';
import { LABELS } from './labels';
import { EVENTS_QUERY, RULE_PACKS_QUERY } from './queries';

/** GraphQL's largest page. */
const MAX_EVENTS = 2000;

type View = 'list' | 'calendar';

interface PicklistResult {
  data?: { defaultValue: PicklistValue | null; values: PicklistValue[] };
  error?: unknown;
}

/** LightningElement with NavigationMixin's methods, as tsc should see `NavigationMixin(LightningElement)`. */
type Navigating = LightningElement & {
  [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
  [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
};

function eventPage(recordId: string): PageReference {
  return recordViewPage(recordId, EVENT_OBJECT.objectApiName);
}
type NavigatingElement = Omit<typeof LightningElement, 'prototype'> & {
  new (): Navigating;
  readonly prototype: Navigating;
};

export default class CmeEventPlanner extends (NavigationMixin(LightningElement) as unknown as NavigatingElement) {
  /** "List" or "Calendar": the view the planner opens with. */
  @api defaultView = 'List';
  /** Start with "Only my events" switched on. */
  @api mineByDefault = false;
  /** Events loaded at a time (and added by "Show more"). */
  @api pageSize = 200;
  /** "Sunday" or "Monday": the first column of the calendar. */
  @api firstDayOfWeek = 'Sunday';

  labels = LABELS;

  loadedEvents: PlannerEvent[] = [];
  /** Each event's address from NavigationMixin.GenerateUrl: its links' href (open in a new tab, copy it). */
  eventUrls: Record<string, string> = {};
  private urlsAsked = new Set<string>();
  totalCount = 0;
  hasNextPage = false;
  loadErrors: string[] = [];
  loaded = false;
  refreshing = false;
  limit = 200;
  /**
   * The events wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before the wire has emitted one; there is then
   * nothing stale to refresh, as the wire's first result is fresh.
   */
  refreshEvents?: () => Promise<void>;

  filters: EventFilters = { ...NO_FILTERS };
  view: View = 'list';
  /** The month the calendar shows (from its monthchange), kept when the view switches; its own default first. */
  calendarMonth?: string;

  recordTypeId?: string;
  typeValues: PicklistValue[] = [];
  typeDefault?: string;
  formatValues: PicklistValue[] = [];
  formatDefault?: string;
  statusValues: PicklistValue[] = [];
  therapyAreaValues: PicklistValue[] = [];
  optionErrors: string[] = [];
  rulePacks: Option[] = [];
  rulePackErrors: string[] = [];

  isFormOpen = false;
  private returnFocusTo?: string;
  private openerId?: string;
  private initialised = false;

  connectedCallback(): void {
    if (this.initialised) return;
    this.initialised = true;
    this.view = String(this.defaultView).toLowerCase() === 'calendar' ? 'calendar' : 'list';
    this.filters = { ...NO_FILTERS, mineOnly: Boolean(this.mineByDefault) };
    this.limit = this.pageLimit;
  }

  /** Asks the addresses of new events; after the form closes, focus goes back to the button that opened it. */
  renderedCallback(): void {
    askRecordUrls(
      this.loadedEvents.map((e) => e.id),
      this.urlsAsked,
      (recordId) => this[NavigationMixin.GenerateUrl](eventPage(recordId)),
      (urls) => {
        this.eventUrls = { ...this.eventUrls, ...urls };
      },
    );
    if (!this.returnFocusTo) return;
    const root = this.template as ShadowRoot;
    const target =
      root.querySelector<HTMLElement>(`[data-id="${this.returnFocusTo}"]`) ??
      root.querySelector<HTMLElement>('[data-id="new-event"]');
    this.returnFocusTo = undefined;
    target?.focus();
  }

  private get pageLimit(): number {
    const size = Number(this.pageSize);
    return Number.isInteger(size) && size > 0 ? Math.min(size, MAX_EVENTS) : 200;
  }

  /** 0 Sunday or 1 Monday, for the calendar. */
  get weekStartsOn(): number {
    return String(this.firstDayOfWeek).toLowerCase() === 'monday' ? 1 : 0;
  }

  get variables(): Record<string, unknown> {
    return { where: buildEventWhere(this.filters, USER_ID), first: this.limit };
  }

  @wire(graphql, { query: EVENTS_QUERY, variables: '$variables', operationName: 'UpcomingEvents' })
  wiredEvents(result: GraphqlResult) {
    const { data, errors, refresh } = result ?? {};
    if (refresh) this.refreshEvents = refresh;
    if (data) {
      this.loadedEvents = eventsFrom(data, LABELS.onlineLabel);
      this.totalCount = totalCountOf(data, 'CME_Event__c') || this.events.length;
      this.hasNextPage = Boolean(connectionOf(data, 'CME_Event__c')?.pageInfo?.hasNextPage);
      this.loadErrors = [];
      this.loaded = true;
      this.refreshing = false;
    } else if (errors) {
      this.loadErrors = reduceErrors(errors as ErrorLike[]);
      this.loaded = true;
      this.refreshing = false;
    }
  }

  @wire(graphql, { query: RULE_PACKS_QUERY, operationName: 'ActiveRulePacks' })
  wiredRulePacks({ data, errors }: GraphqlResult = {}) {
    if (data) {
      this.rulePacks = rulePackOptions(data);
      this.rulePackErrors = [];
    } else if (errors) {
      this.rulePackErrors = reduceErrors(errors as ErrorLike[]);
    }
  }

  @wire(getObjectInfo, { objectApiName: EVENT_OBJECT })
  wiredObjectInfo({ data, error }: { data?: ObjectInfo; error?: unknown }) {
    if (data) this.recordTypeId = data.defaultRecordTypeId;
    else if (error) this.addOptionError(error);
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: TYPE_FIELD })
  wiredTypes(result: PicklistResult) {
    const picklist = this.picklist(result);
    if (picklist) [this.typeValues, this.typeDefault] = picklist;
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: FORMAT_FIELD })
  wiredFormats(result: PicklistResult) {
    const picklist = this.picklist(result);
    if (picklist) [this.formatValues, this.formatDefault] = picklist;
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: STATUS_FIELD })
  wiredStatuses(result: PicklistResult) {
    this.statusValues = this.picklist(result)?.[0] ?? this.statusValues;
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: THERAPY_AREA_FIELD })
  wiredTherapyAreas(result: PicklistResult) {
    this.therapyAreaValues = this.picklist(result)?.[0] ?? this.therapyAreaValues;
  }

  /** A picklist's values and its default (else its first value); undefined, its error noted, without data. */
  private picklist({ data, error }: PicklistResult): [PicklistValue[], string | undefined] | undefined {
    if (data) return [data.values, data.defaultValue?.value ?? data.values[0]?.value];
    if (error) this.addOptionError(error);
    return undefined;
  }

  private addOptionError(error: unknown): void {
    this.optionErrors = [...new Set([...this.optionErrors, ...reduceErrors(error as ErrorLike)])];
  }

  async handleRetry(): Promise<void> {
    this.refreshing = true;
    try {
      // Resolves once the query has run again and the wire has its new result.
      await this.refreshEvents?.();
    } catch (error) {
      this.loadErrors = reduceErrors(error as ErrorLike);
    } finally {
      this.refreshing = false;
    }
  }

  /** The loaded events, each with its link's address once known (the list and the calendar link them). */
  get events(): PlannerEvent[] {
    return this.loadedEvents.map((e) => ({
      ...e,
      url: this.eventUrls[e.id] ?? recordViewUrl(e.id, EVENT_OBJECT.objectApiName),
    }));
  }

  get isLoading(): boolean {
    return !this.loaded;
  }

  get hasError(): boolean {
    return this.loaded && this.loadErrors.length > 0;
  }

  get hasOptionErrors(): boolean {
    return this.optionErrors.length > 0;
  }

  get hasEvents(): boolean {
    return this.loaded && !this.hasError && this.events.length > 0;
  }

  get isEmpty(): boolean {
    return this.loaded && !this.hasError && this.events.length === 0;
  }

  get isFiltered(): boolean {
    return hasActiveFilters(this.filters);
  }

  get isListView(): boolean {
    return this.view === 'list';
  }

  get countText(): string {
    return this.totalCount === 1 ? LABELS.countOneLabel : formatLabel(LABELS.countManyLabel, this.totalCount);
  }

  get showingText(): string {
    return this.events.length < this.totalCount
      ? formatLabel(LABELS.showingLabel, this.events.length, this.totalCount)
      : '';
  }

  get canShowMore(): boolean {
    return this.hasNextPage && this.limit < MAX_EVENTS;
  }

  get viewOptions(): Option[] {
    return [
      { label: LABELS.viewListLabel, value: 'list' },
      { label: LABELS.viewCalendarLabel, value: 'calendar' },
    ];
  }

  /** The filter bar's filterchange: the filter the user changed. */
  handleFiltersChange(event: CustomEvent<{ changes: Partial<EventFilters> }>): void {
    this.setFilters({ ...this.filters, ...event.detail.changes });
  }

  handleClearFilters(): void {
    this.setFilters(NO_FILTERS);
  }

  private setFilters(filters: EventFilters): void {
    if (JSON.stringify(filters) === JSON.stringify(this.filters)) return;
    this.filters = { ...filters };
    this.limit = this.pageLimit;
    this.refreshing = true;
  }

  handleShowMore(): void {
    this.limit = Math.min(this.limit + this.pageLimit, MAX_EVENTS);
    this.refreshing = true;
  }

  handleViewChange(event: CustomEvent<{ value?: string }>): void {
    this.view = event.detail?.value === 'calendar' ? 'calendar' : 'list';
  }

  handleMonthChange(event: CustomEvent<{ month: string }>): void {
    this.calendarMonth = event.detail.month;
  }

  handleCalendarSelect(event: CustomEvent<{ recordId: string }>): void {
    this.navigateToEvent(event.detail.recordId);
  }

  /** A plain click opens the event in this tab (isPlainClick); other clicks are the browser's, by the href. */
  handleOpenEvent(event: MouseEvent): void {
    const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
    if (!recordId || !isPlainClick(event)) return;
    event.preventDefault();
    this.navigateToEvent(recordId);
  }

  private navigateToEvent(recordId: string): void {
    this[NavigationMixin.Navigate](eventPage(recordId));
  }

  handleNewEvent(event: Event): void {
    this.openerId = (event.currentTarget as HTMLElement).dataset.id;
    this.isFormOpen = true;
  }

  handleFormCancel(): void {
    this.isFormOpen = false;
    this.returnFocusTo = this.openerId ?? 'new-event';
  }

  /** The form has created the event: confirm it, refresh the list and open the new record. */
  async handleEventCreated(event: CustomEvent<{ recordId: string; name: string }>): Promise<void> {
    const { recordId, name } = event.detail;
    this.isFormOpen = false;
    this.dispatchEvent(successToast(LABELS.createdTitleLabel, formatLabel(LABELS.createdMessageLabel, name)));
    await refreshAfterWrite(this.refreshEvents, [recordId], notifyRecordUpdateAvailable);
    this.navigateToEvent(recordId);
  }
}
