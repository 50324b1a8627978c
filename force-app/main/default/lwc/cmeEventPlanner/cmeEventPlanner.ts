import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import { gql, graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { createRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { connectionOf, totalCountOf } from 'c/cmeRecords';
import { reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { formatLabel, localTodayIso } from 'c/cmeUi';
import USER_ID from '@salesforce/user/Id';

import EVENT_OBJECT from '@salesforce/schema/CME_Event__c';
import TYPE_FIELD from '@salesforce/schema/CME_Event__c.Event_Type__c';
import FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';
import THERAPY_AREA_FIELD from '@salesforce/schema/CME_Event__c.Therapy_Area__c';

import {
  F,
  NO_FILTERS,
  buildEventWhere,
  defaultDraft,
  endAfterMovingStart,
  eventsFrom,
  firstOfMonth,
  hasActiveFilters,
  isDraftField,
  longDay,
  monthAgenda,
  monthGrid,
  monthTitle,
  moveFocusDate,
  optionsWithBlank,
  recordFieldsFrom,
  rulePackOptions,
  sameMonth,
  serverErrorsFrom,
  validateDraft,
  weekdayNames,
  addMonths,
} from './plannerModel';
import type { ComboboxOption, DraftErrors, EventDraft, PlannerEvent, PlannerFilters } from './plannerModel';

import titleLabel from '@salesforce/label/c.CME_Planner_Title';
import loadingLabel from '@salesforce/label/c.CME_Planner_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Planner_Error_Title';
import retryLabel from '@salesforce/label/c.CME_Planner_Retry';
import filtersLabel from '@salesforce/label/c.CME_Planner_Filters';
import filterTypeLabel from '@salesforce/label/c.CME_Planner_Filter_Type';
import filterFormatLabel from '@salesforce/label/c.CME_Planner_Filter_Format';
import filterStatusLabel from '@salesforce/label/c.CME_Planner_Filter_Status';
import filterTherapyLabel from '@salesforce/label/c.CME_Planner_Filter_Therapy_Area';
import filterAllLabel from '@salesforce/label/c.CME_Planner_Filter_All';
import filterMineLabel from '@salesforce/label/c.CME_Planner_Filter_Mine';
import toggleOnLabel from '@salesforce/label/c.CME_Planner_Toggle_On';
import toggleOffLabel from '@salesforce/label/c.CME_Planner_Toggle_Off';
import clearFiltersLabel from '@salesforce/label/c.CME_Planner_Clear_Filters';
import viewLabel from '@salesforce/label/c.CME_Planner_View';
import viewListLabel from '@salesforce/label/c.CME_Planner_View_List';
import viewCalendarLabel from '@salesforce/label/c.CME_Planner_View_Calendar';
import newEventLabel from '@salesforce/label/c.CME_Planner_New_Event';
import countOneLabel from '@salesforce/label/c.CME_Planner_Count_One';
import countManyLabel from '@salesforce/label/c.CME_Planner_Count_Many';
import showingLabel from '@salesforce/label/c.CME_Planner_Showing';
import showMoreLabel from '@salesforce/label/c.CME_Planner_Show_More';
import listLabel from '@salesforce/label/c.CME_Planner_List_Label';
import emptyTitleLabel from '@salesforce/label/c.CME_Planner_Empty_Title';
import emptyBodyLabel from '@salesforce/label/c.CME_Planner_Empty_Body';
import emptyFilteredLabel from '@salesforce/label/c.CME_Planner_Empty_Filtered';
import onlineLabel from '@salesforce/label/c.CME_Planner_Online';
import previousMonthLabel from '@salesforce/label/c.CME_Planner_Previous_Month';
import nextMonthLabel from '@salesforce/label/c.CME_Planner_Next_Month';
import todayLabel from '@salesforce/label/c.CME_Planner_Today';
import calendarHelpLabel from '@salesforce/label/c.CME_Planner_Calendar_Help';
import agendaEmptyLabel from '@salesforce/label/c.CME_Planner_Agenda_Empty';
import formTitleLabel from '@salesforce/label/c.CME_Planner_Form_Title';
import closeLabel from '@salesforce/label/c.CME_Planner_Close';
import cancelLabel from '@salesforce/label/c.CME_Planner_Cancel';
import saveLabel from '@salesforce/label/c.CME_Planner_Save';
import savingLabel from '@salesforce/label/c.CME_Planner_Saving';
import sectionEventLabel from '@salesforce/label/c.CME_Planner_Section_Event';
import sectionWhenLabel from '@salesforce/label/c.CME_Planner_Section_When';
import sectionWhereLabel from '@salesforce/label/c.CME_Planner_Section_Where';
import sectionContentLabel from '@salesforce/label/c.CME_Planner_Section_Content';
import sectionPlanLabel from '@salesforce/label/c.CME_Planner_Section_Plan';
import fieldNameLabel from '@salesforce/label/c.CME_Planner_Field_Name';
import fieldStartLabel from '@salesforce/label/c.CME_Planner_Field_Start';
import fieldEndLabel from '@salesforce/label/c.CME_Planner_Field_End';
import fieldTimeZoneLabel from '@salesforce/label/c.CME_Planner_Field_Time_Zone';
import fieldTimeZoneHelpLabel from '@salesforce/label/c.CME_Planner_Field_Time_Zone_Help';
import fieldVenueLabel from '@salesforce/label/c.CME_Planner_Field_Venue';
import fieldCityLabel from '@salesforce/label/c.CME_Planner_Field_City';
import fieldCountryLabel from '@salesforce/label/c.CME_Planner_Field_Country';
import fieldCountryHelpLabel from '@salesforce/label/c.CME_Planner_Field_Country_Help';
import fieldVirtualUrlLabel from '@salesforce/label/c.CME_Planner_Field_Virtual_Url';
import fieldTopicLabel from '@salesforce/label/c.CME_Planner_Field_Topic';
import fieldNeedLabel from '@salesforce/label/c.CME_Planner_Field_Educational_Need';
import fieldNeedHelpLabel from '@salesforce/label/c.CME_Planner_Field_Educational_Need_Help';
import fieldCapacityLabel from '@salesforce/label/c.CME_Planner_Field_Capacity';
import fieldBudgetLabel from '@salesforce/label/c.CME_Planner_Field_Budget';
import fieldRulePackLabel from '@salesforce/label/c.CME_Planner_Field_Rule_Pack';
import fieldRulePackHelpLabel from '@salesforce/label/c.CME_Planner_Field_Rule_Pack_Help';
import noneLabel from '@salesforce/label/c.CME_Planner_None';
import rulePacksErrorLabel from '@salesforce/label/c.CME_Planner_Rule_Packs_Error';
import errorCapacityLabel from '@salesforce/label/c.CME_Planner_Error_Capacity';
import errorBudgetLabel from '@salesforce/label/c.CME_Planner_Error_Budget';
import errorCountryLabel from '@salesforce/label/c.CME_Planner_Error_Country';
import errorUrlInvalidLabel from '@salesforce/label/c.CME_Planner_Error_Url_Invalid';
import formErrorTitleLabel from '@salesforce/label/c.CME_Planner_Form_Error_Title';
import fixFieldsLabel from '@salesforce/label/c.CME_Planner_Fix_Fields';
import fixFieldLabel from '@salesforce/label/c.CME_Planner_Fix_Field';
import createdTitleLabel from '@salesforce/label/c.CME_Planner_Created_Title';
import createdMessageLabel from '@salesforce/label/c.CME_Planner_Created_Message';

const EVENTS_QUERY = gql`
  query UpcomingEvents($where: CME_Event__c_Filter, $first: Int) {
    uiapi {
      query {
        CME_Event__c(where: $where, orderBy: { Start__c: { order: ASC } }, first: $first) {
          edges {
            node {
              Id
              Name {
                value
              }
              Status__c {
                value
                displayValue
              }
              Event_Type__c {
                value
                displayValue
              }
              Format__c {
                value
                displayValue
              }
              Start__c {
                value
              }
              End__c {
                value
              }
              Time_Zone__c {
                value
              }
              City__c {
                value
              }
              Country__c {
                value
              }
              Therapy_Area__c {
                value
                displayValue
              }
              OwnerId {
                value
              }
            }
          }
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const RULE_PACKS_QUERY = gql`
  query ActiveRulePacks {
    uiapi {
      query {
        CME_Rule_Pack__c(where: { Active__c: { eq: true } }, orderBy: { Name: { order: ASC } }, first: 200) {
          edges {
            node {
              Id
              Name {
                value
              }
              Code__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

/** GraphQL's largest page. */
const MAX_EVENTS = 2000;

type View = 'list' | 'calendar';

interface PicklistData {
  defaultValue: PicklistValue | null;
  values: PicklistValue[];
}

/** Reads `event.detail.value` (base components) or the target's value. */
function changedValue(event: Event): string {
  const detail = (event as CustomEvent<{ value?: unknown }>).detail;
  const value = detail && detail.value !== undefined ? detail.value : (event.target as HTMLInputElement).value;
  return value === null || value === undefined ? '' : String(value);
}

interface ValidatableElement extends HTMLElement {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
}

/** LightningElement with NavigationMixin's Navigate, as tsc should see `NavigationMixin(LightningElement)`. */
type Navigating = LightningElement & {
  [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
};
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

  labels = {
    titleLabel,
    loadingLabel,
    errorTitleLabel,
    retryLabel,
    filtersLabel,
    filterTypeLabel,
    filterFormatLabel,
    filterStatusLabel,
    filterTherapyLabel,
    filterMineLabel,
    toggleOnLabel,
    toggleOffLabel,
    clearFiltersLabel,
    viewLabel,
    newEventLabel,
    showMoreLabel,
    listLabel,
    emptyTitleLabel,
    emptyBodyLabel,
    emptyFilteredLabel,
    previousMonthLabel,
    nextMonthLabel,
    todayLabel,
    calendarHelpLabel,
    agendaEmptyLabel,
    formTitleLabel,
    closeLabel,
    cancelLabel,
    sectionEventLabel,
    sectionWhenLabel,
    sectionWhereLabel,
    sectionContentLabel,
    sectionPlanLabel,
    fieldNameLabel,
    fieldStartLabel,
    fieldEndLabel,
    fieldTimeZoneLabel,
    fieldTimeZoneHelpLabel,
    fieldVenueLabel,
    fieldCityLabel,
    fieldCountryLabel,
    fieldCountryHelpLabel,
    fieldVirtualUrlLabel,
    fieldTopicLabel,
    fieldNeedLabel,
    fieldNeedHelpLabel,
    fieldCapacityLabel,
    fieldBudgetLabel,
    fieldRulePackLabel,
    fieldRulePackHelpLabel,
    errorCapacityLabel,
    errorBudgetLabel,
    errorCountryLabel,
    errorUrlInvalidLabel,
    formErrorTitleLabel,
  };

  /** The API names the form's inputs carry in data-field. */
  fields = F;

  // ---------------------------------------------------------------- state

  events: PlannerEvent[] = [];
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

  eventTypeFilter = '';
  formatFilter = '';
  statusFilter = '';
  therapyAreaFilter = '';
  mineOnly = false;

  view: View = 'list';
  todayIso = localTodayIso();
  calendarMonth = firstOfMonth(localTodayIso());
  focusDate = localTodayIso();

  recordTypeId?: string;
  typeValues: PicklistValue[] = [];
  typeDefault?: string;
  formatValues: PicklistValue[] = [];
  formatDefault?: string;
  statusValues: PicklistValue[] = [];
  therapyAreaValues: PicklistValue[] = [];
  optionErrors: string[] = [];
  rulePacks: ComboboxOption[] = [];
  rulePackErrors: string[] = [];

  isFormOpen = false;
  draft: EventDraft = {};
  fieldErrors: DraftErrors = {};
  serverFieldErrors: DraftErrors = {};
  formMessages: string[] = [];
  isSaving = false;
  private showErrors = false;
  private focusCellOnRender = false;
  private focusFormOnRender = false;
  private returnFocusTo?: string;
  private openerId?: string;
  private initialised = false;

  connectedCallback(): void {
    if (this.initialised) return;
    this.initialised = true;
    this.view = String(this.defaultView).toLowerCase() === 'calendar' ? 'calendar' : 'list';
    this.mineOnly = Boolean(this.mineByDefault);
    this.limit = this.pageLimit;
  }

  renderedCallback(): void {
    if (this.focusCellOnRender) {
      this.focusCellOnRender = false;
      const cell = this.root.querySelector<HTMLElement>(`td[data-date="${this.focusDate}"]`);
      cell?.focus();
    }
    if (this.focusFormOnRender) {
      this.focusFormOnRender = false;
      this.root.querySelector<HTMLElement>(`[data-field="${F.name}"]`)?.focus();
    }
    if (this.returnFocusTo) {
      const target =
        this.root.querySelector<HTMLElement>(`[data-id="${this.returnFocusTo}"]`) ??
        this.root.querySelector<HTMLElement>('[data-id="new-event"]');
      this.returnFocusTo = undefined;
      target?.focus();
    }
  }

  private get root(): ShadowRoot {
    return this.template as ShadowRoot;
  }

  private get pageLimit(): number {
    const size = Number(this.pageSize);
    return Number.isInteger(size) && size > 0 ? Math.min(size, MAX_EVENTS) : 200;
  }

  private get weekStartsOn(): number {
    return String(this.firstDayOfWeek).toLowerCase() === 'monday' ? 1 : 0;
  }

  // ---------------------------------------------------------------- data

  get filters(): PlannerFilters {
    return {
      eventType: this.eventTypeFilter,
      format: this.formatFilter,
      status: this.statusFilter,
      therapyArea: this.therapyAreaFilter,
      mineOnly: this.mineOnly,
    };
  }

  get variables(): Record<string, unknown> {
    return { where: buildEventWhere(this.filters, USER_ID), first: this.limit };
  }

  @wire(graphql, { query: EVENTS_QUERY, variables: '$variables', operationName: 'UpcomingEvents' })
  wiredEvents(result: GraphqlResult) {
    const { data, errors, refresh } = result ?? {};
    if (refresh) this.refreshEvents = refresh;
    if (data) {
      this.events = eventsFrom(data, onlineLabel);
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
  wiredTypes({ data, error }: { data?: PicklistData; error?: unknown }) {
    if (data) {
      this.typeValues = data.values;
      this.typeDefault = data.defaultValue?.value ?? data.values[0]?.value;
    } else if (error) this.addOptionError(error);
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: FORMAT_FIELD })
  wiredFormats({ data, error }: { data?: PicklistData; error?: unknown }) {
    if (data) {
      this.formatValues = data.values;
      this.formatDefault = data.defaultValue?.value ?? data.values[0]?.value;
    } else if (error) this.addOptionError(error);
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: STATUS_FIELD })
  wiredStatuses({ data, error }: { data?: PicklistData; error?: unknown }) {
    if (data) this.statusValues = data.values;
    else if (error) this.addOptionError(error);
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: THERAPY_AREA_FIELD })
  wiredTherapyAreas({ data, error }: { data?: PicklistData; error?: unknown }) {
    if (data) this.therapyAreaValues = data.values;
    else if (error) this.addOptionError(error);
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

  // ---------------------------------------------------------------- states

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
    return this.totalCount === 1 ? countOneLabel : formatLabel(countManyLabel, this.totalCount);
  }

  get showingText(): string {
    return this.events.length < this.totalCount ? formatLabel(showingLabel, this.events.length, this.totalCount) : '';
  }

  get canShowMore(): boolean {
    return this.hasNextPage && this.limit < MAX_EVENTS;
  }

  // ---------------------------------------------------------------- filters

  get typeOptions(): ComboboxOption[] {
    return optionsWithBlank(filterAllLabel, this.typeValues);
  }

  get formatOptions(): ComboboxOption[] {
    return optionsWithBlank(filterAllLabel, this.formatValues);
  }

  get statusOptions(): ComboboxOption[] {
    return optionsWithBlank(filterAllLabel, this.statusValues);
  }

  get therapyAreaOptions(): ComboboxOption[] {
    return optionsWithBlank(filterAllLabel, this.therapyAreaValues);
  }

  get viewOptions(): ComboboxOption[] {
    return [
      { label: viewListLabel, value: 'list' },
      { label: viewCalendarLabel, value: 'calendar' },
    ];
  }

  handleFilterChange(event: Event): void {
    const filter = (event.currentTarget as HTMLElement).dataset.filter;
    const value = changedValue(event);
    const before = JSON.stringify(this.filters);
    if (filter === 'eventType') this.eventTypeFilter = value;
    else if (filter === 'format') this.formatFilter = value;
    else if (filter === 'status') this.statusFilter = value;
    else if (filter === 'therapyArea') this.therapyAreaFilter = value;
    this.filtersChanged(before);
  }

  handleMineChange(event: Event): void {
    const before = JSON.stringify(this.filters);
    const detail = (event as CustomEvent<{ checked?: boolean }>).detail;
    this.mineOnly = Boolean(detail?.checked ?? (event.target as HTMLInputElement).checked);
    this.filtersChanged(before);
  }

  handleClearFilters(): void {
    const before = JSON.stringify(this.filters);
    this.eventTypeFilter = NO_FILTERS.eventType;
    this.formatFilter = NO_FILTERS.format;
    this.statusFilter = NO_FILTERS.status;
    this.therapyAreaFilter = NO_FILTERS.therapyArea;
    this.mineOnly = NO_FILTERS.mineOnly;
    this.filtersChanged(before);
  }

  private filtersChanged(before: string): void {
    if (JSON.stringify(this.filters) === before) return;
    this.limit = this.pageLimit;
    this.refreshing = true;
  }

  handleShowMore(): void {
    this.limit = Math.min(this.limit + this.pageLimit, MAX_EVENTS);
    this.refreshing = true;
  }

  handleViewChange(event: Event): void {
    this.view = changedValue(event) === 'calendar' ? 'calendar' : 'list';
  }

  // ---------------------------------------------------------------- calendar

  get monthTitle(): string {
    return monthTitle(this.calendarMonth);
  }

  get weekdays(): { key: string; short: string; long: string }[] {
    return weekdayNames(this.weekStartsOn);
  }

  /** The day that holds the roving tab stop: the focused day if in this month, else today or the 1st. */
  private get tabStopDate(): string {
    if (sameMonth(this.focusDate, this.calendarMonth)) return this.focusDate;
    return sameMonth(this.todayIso, this.calendarMonth) ? this.todayIso : this.calendarMonth;
  }

  get weeks() {
    const tabStop = this.tabStopDate;
    return monthGrid(this.calendarMonth, this.events, this.todayIso, this.weekStartsOn).map((week) => ({
      key: week.key,
      days: week.days.map((day) => ({
        ...day,
        tabIndex: day.iso === tabStop ? 0 : -1,
        ariaCurrent: day.isToday ? 'date' : undefined,
        className: [
          'calendar-day',
          day.inMonth ? '' : 'calendar-day_outside',
          day.isToday ? 'calendar-day_today' : '',
          day.iso === tabStop ? 'calendar-day_focus' : '',
        ]
          .filter(Boolean)
          .join(' '),
        hasEvents: day.events.length > 0,
      })),
    }));
  }

  get agenda() {
    return monthAgenda(this.calendarMonth, this.events, this.todayIso).map((day) => ({
      ...day,
      title: longDay(day.iso),
    }));
  }

  get hasAgenda(): boolean {
    return this.agenda.length > 0;
  }

  handlePreviousMonth(): void {
    this.showMonth(addMonths(this.calendarMonth, -1));
  }

  handleNextMonth(): void {
    this.showMonth(addMonths(this.calendarMonth, 1));
  }

  handleToday(): void {
    this.todayIso = localTodayIso();
    this.showMonth(this.todayIso);
    this.focusDate = this.todayIso;
  }

  private showMonth(iso: string): void {
    this.calendarMonth = firstOfMonth(iso);
    this.focusDate = sameMonth(this.todayIso, this.calendarMonth) ? this.todayIso : this.calendarMonth;
  }

  handleGridKeydown(event: KeyboardEvent): void {
    const cell = event.currentTarget as HTMLElement;
    // Keys typed on an event button inside the day are the button's own (Enter, Space).
    if (event.target !== cell) return;
    const next = moveFocusDate(cell.dataset.date as string, event.key, this.weekStartsOn);
    if (!next) return;
    event.preventDefault();
    this.focusDate = next;
    if (!sameMonth(next, this.calendarMonth)) this.calendarMonth = firstOfMonth(next);
    this.focusCellOnRender = true;
  }

  handleCellFocus(event: FocusEvent): void {
    const iso = (event.currentTarget as HTMLElement).dataset.date as string;
    if (iso !== this.focusDate && sameMonth(iso, this.calendarMonth)) this.focusDate = iso;
  }

  // ---------------------------------------------------------------- navigation

  handleOpenEvent(event: Event): void {
    const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
    if (recordId) this.navigateToEvent(recordId);
  }

  private navigateToEvent(recordId: string): void {
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId, objectApiName: EVENT_OBJECT.objectApiName, actionName: 'view' },
    });
  }

  // ---------------------------------------------------------------- new event form

  get typeFormOptions(): ComboboxOption[] {
    return this.typeValues.map((v) => ({ label: v.label, value: v.value }));
  }

  get formatFormOptions(): ComboboxOption[] {
    return this.formatValues.map((v) => ({ label: v.label, value: v.value }));
  }

  get therapyAreaFormOptions(): ComboboxOption[] {
    return optionsWithBlank(noneLabel, this.therapyAreaValues);
  }

  get rulePackFormOptions(): ComboboxOption[] {
    return [{ label: noneLabel, value: '' }, ...this.rulePacks];
  }

  get rulePackHelp(): string {
    return this.rulePackErrors.length
      ? formatLabel(rulePacksErrorLabel, this.rulePackErrors.join(' '))
      : fieldRulePackHelpLabel;
  }

  get hasFormMessages(): boolean {
    return this.formMessages.length > 0;
  }

  get saveButtonLabel(): string {
    return this.isSaving ? savingLabel : saveLabel;
  }

  get venueRequired(): boolean {
    return ['In-Person', 'Hybrid'].includes(this.draft[F.format]);
  }

  get urlRequired(): boolean {
    return ['Virtual', 'Hybrid'].includes(this.draft[F.format]);
  }

  handleNewEvent(event: Event): void {
    this.openerId = (event.currentTarget as HTMLElement).dataset.id;
    this.draft = defaultDraft(new Date(), {
      eventType: this.typeDefault,
      format: this.formatDefault,
      rulePackId: this.rulePacks.length === 1 ? this.rulePacks[0].value : undefined,
      timeZone: browserTimeZone(),
    });
    this.fieldErrors = {};
    this.serverFieldErrors = {};
    this.formMessages = [];
    this.showErrors = false;
    this.isFormOpen = true;
    this.focusFormOnRender = true;
  }

  handleCancel(): void {
    this.closeForm();
  }

  /** Escape closes the dialog; Tab and Shift+Tab wrap around inside it (it is modal). */
  handleFormKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !this.isSaving) {
      event.stopPropagation();
      this.closeForm();
      return;
    }
    if (event.key !== 'Tab') return;
    const first = this.root.querySelector<HTMLElement>('[data-id="form-close"]');
    const last = this.root.querySelector<HTMLElement>(
      this.isSaving ? '[data-id="form-close"]' : '[data-id="form-save"]',
    );
    const active = this.root.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  private closeForm(): void {
    this.isFormOpen = false;
    this.returnFocusTo = this.openerId ?? 'new-event';
  }

  handleDraftChange(event: Event): void {
    const field = (event.currentTarget as HTMLElement).dataset.field as string;
    let value = changedValue(event);
    if (field === F.country) value = value.toUpperCase();
    const draft = { ...this.draft, [field]: value };
    if (field === F.start) draft[F.end] = endAfterMovingStart(this.draft[F.start], this.draft[F.end], value);
    this.draft = draft;
    if (this.serverFieldErrors[field]) {
      const rest = { ...this.serverFieldErrors };
      delete rest[field];
      this.serverFieldErrors = rest;
    }
    if (this.showErrors) {
      this.fieldErrors = { ...validateDraft(this.draft), ...this.serverFieldErrors };
      this.applyFieldErrors();
    }
  }

  /** Puts each field's message under it (lightning-input's custom validity) and shows it. */
  private applyFieldErrors(): void {
    for (const element of this.root.querySelectorAll<ValidatableElement>('[data-field]')) {
      const field = element.dataset.field as string;
      if (!isDraftField(field)) continue;
      element.setCustomValidity(this.fieldErrors[field] ?? '');
      element.reportValidity();
    }
  }

  private focusFirstInvalid(): void {
    const first = this.root.querySelector<HTMLElement>(
      Object.keys(this.fieldErrors)
        .map((f) => `[data-field="${f}"]`)
        .join(', ') || '[data-field]',
    );
    first?.focus();
  }

  private fixText(count: number): string {
    return count === 1 ? fixFieldLabel : formatLabel(fixFieldsLabel, count);
  }

  async handleSave(): Promise<void> {
    if (this.isSaving) return;
    this.showErrors = true;
    this.serverFieldErrors = {};
    this.fieldErrors = validateDraft(this.draft);
    this.applyFieldErrors();
    const invalid = Object.keys(this.fieldErrors).length;
    if (invalid) {
      this.formMessages = [this.fixText(invalid)];
      this.focusFirstInvalid();
      return;
    }
    this.formMessages = [];
    this.isSaving = true;
    let recordId: string;
    const name = this.draft[F.name].trim();
    try {
      const record = await createRecord({ apiName: EVENT_OBJECT.objectApiName, fields: recordFieldsFrom(this.draft) });
      recordId = record.id;
    } catch (error) {
      const { fieldErrors, messages } = serverErrorsFrom(error);
      this.serverFieldErrors = fieldErrors;
      this.fieldErrors = { ...fieldErrors };
      this.applyFieldErrors();
      const onFields = Object.keys(fieldErrors).length;
      this.formMessages = [...messages, ...(onFields ? [this.fixText(onFields)] : [])];
      this.isSaving = false;
      if (onFields) this.focusFirstInvalid();
      return;
    }
    this.isSaving = false;
    this.isFormOpen = false;
    this.dispatchEvent(successToast(createdTitleLabel, formatLabel(createdMessageLabel, name)));
    try {
      await Promise.all([this.refreshEvents?.(), notifyRecordUpdateAvailable([{ recordId }])]);
    } catch {
      // The event is saved; the list shows it on its next load and the wire reports its own errors.
    }
    this.navigateToEvent(recordId);
  }
}
