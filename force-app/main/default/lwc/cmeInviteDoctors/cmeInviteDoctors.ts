import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import type { CmeEvent, InvitationRole, RulePack } from 'c/cmeDomain';
import { rulePackFor, todayIso } from 'c/cmeRecords';
import { errorToast, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import {
  DEFAULT_ROWS,
  appendDoctors,
  doctorPageFrom,
  doctorWhere,
  isFiltered,
  pageRowsOf,
  sameFilter,
} from './doctorSearch';
import type { DoctorEntry, DoctorFilter, SpecialtyOption } from './doctorSearch';
import { invitePacksFrom, inviteBlockOrError } from './inviteBlock';
import type { DoctorInsight, InsightsChange } from 'c/cmeDoctorInsights';
import { invitationVarsFor, invitedFrom, withIds } from './inviteActions';
import type { InviteOutcome } from 'c/cmeInviteBar';
import { doctorRows, eventFromRecord } from './doctorRows';
import type { DoctorRowView, InsightView, SelectionChange } from 'c/cmeDoctorRow';
import { LABELS } from './labels';
import {
  blockedNoticeOf,
  errorNotice,
  outcomeMessage,
  screenStateOf,
  searchView,
  selectionOf,
  yearNoteText,
} from './inviteView';
import type { BlockedNotice, ScreenState, SearchView, Selection } from './inviteView';
import { DOCTORS_QUERY, EVENT_FIELDS, EVENT_INVITATIONS_QUERY, RULE_PACKS_QUERY } from './queries';

import CONTACT_OBJECT from '@salesforce/schema/Contact';
import SPECIALTY_FIELD from '@salesforce/schema/Contact.CME_Specialty__c';

type GraphqlWireResult = GraphqlResult & { errors?: unknown[] };

export default class CmeInviteDoctors extends LightningElement {
  @api recordId?: string;
  /** Doctors per page of results; "Show more" adds as many again. */
  @api rowsPerPage = DEFAULT_ROWS;

  labels = LABELS;

  // The event, and whether it is open for invitations
  eventRecord?: RecordRepresentation;
  /** The event as the domain core reads it (kept, so the insights see a new one only when it changes). */
  event?: CmeEvent;
  block: { blocked: boolean; detail: string } = { blocked: true, detail: '' };
  eventErrors: string[] = [];

  // Rule packs
  packs: RulePack[] = [];
  packsSettled = false;
  packErrors: string[] = [];
  packVariables = { active: true };

  // This event's invitations of the doctors on screen
  invitedDoctorIds: Set<string> = new Set();
  invitedRoles: Map<string, InvitationRole> = new Map();
  invitationsErrors: string[] = [];
  invitationsResult?: GraphqlWireResult;
  invitationVars?: { eventId: string; doctorIds: string[] };

  // The search (the filter bar emits it once typing pauses) and its results
  /** The filter the results on screen answer. */
  applied: DoctorFilter = { text: '', specialty: '', territory: '' };
  specialtyValues: SpecialtyOption[] = [];
  contactRecordTypeId?: string;
  doctorVars?: { where: Record<string, unknown>; cursor: string | null; pageSize: number };
  doctorsResult?: GraphqlWireResult;
  doctors: DoctorEntry[] = [];
  /** Every doctor seen in this session, for toasts and insight batches after the rows changed. */
  known: Map<string, DoctorEntry> = new Map();
  doctorsTotal = 0;
  doctorsLoaded = false;
  nextCursor: string | null = null;
  searching = false;
  loadingMore = false;
  doctorErrors: string[] = [];
  moreErrors: string[] = [];

  // Selection and sending (c-cme-invite-bar sends; the screen knows while it does)
  selectedIds: Set<string> = new Set();
  justInvited: Set<string> = new Set();
  inviting = false;

  // Per-doctor insights for the rows on screen (c-cme-doctor-insights loads them)
  insights: Map<string, DoctorInsight> = new Map();
  insightViews: Map<string, InsightView> = new Map();
  failedInsightIds: Set<string> = new Set();

  connectedCallback(): void {
    this.requestDoctors(null);
  }

  get pageRows(): number {
    return pageRowsOf(this.rowsPerPage);
  }

  // ------------------------------------------------------------------------------------ wires

  /** Asks for a page of the applied search: the first (cursor null) or the one after `cursor`. */
  requestDoctors(cursor: string | null): void {
    this.doctorVars = {
      where: doctorWhere(this.applied, this.specialtyValues),
      cursor,
      pageSize: this.pageRows,
    };
  }

  // Declared first so the doctors' first page is the first request out.
  @wire(graphql, { query: DOCTORS_QUERY, variables: '$doctorVars' })
  wiredDoctors(result: GraphqlWireResult) {
    this.doctorsResult = result;
    const firstPage = !this.doctorVars?.cursor;
    if (result.errors) {
      const messages = reduceErrors(result.errors as ErrorLike[]);
      if (firstPage) this.doctorErrors = messages;
      else this.moreErrors = messages;
      this.searching = false;
      this.loadingMore = false;
      return;
    }
    if (!result.data) return;
    const { entries, totalCount, nextCursor } = doctorPageFrom(result.data);
    for (const entry of entries) this.known.set(entry.id, entry);
    this.doctors = firstPage ? entries : appendDoctors(this.doctors, entries);
    this.doctorsTotal = Math.max(totalCount, this.doctors.length);
    this.nextCursor = nextCursor;
    this.doctorsLoaded = true;
    this.doctorErrors = [];
    this.moreErrors = [];
    this.searching = false;
    this.loadingMore = false;
    this.askInvitations();
  }

  @wire(getRecord, { recordId: '$recordId', fields: EVENT_FIELDS })
  wiredEvent({ data, error }: { data?: RecordRepresentation; error?: unknown }) {
    if (data) {
      this.eventRecord = data;
      this.event = eventFromRecord(data);
      this.eventErrors = [];
      this.updateBlock();
      this.askInvitations();
    } else if (error) {
      this.eventRecord = undefined;
      this.event = undefined;
      this.eventErrors = reduceErrors(error as ErrorLike);
    }
  }

  @wire(graphql, { query: RULE_PACKS_QUERY, variables: '$packVariables' })
  wiredPacks({ data, errors }: GraphqlWireResult) {
    if (!errors && !data) return;
    if (errors) {
      this.packs = [];
      this.packErrors = reduceErrors(errors as ErrorLike[]);
    } else {
      ({ packs: this.packs, errors: this.packErrors } = invitePacksFrom(data));
    }
    this.packsSettled = true;
    this.updateBlock();
  }

  /** Asks for this event's invitations of the doctors on screen when they changed. */
  askInvitations(): void {
    const vars = invitationVarsFor(this.recordId, this.doctors, this.invitationVars);
    if (vars) this.invitationVars = vars;
  }

  @wire(graphql, { query: EVENT_INVITATIONS_QUERY, variables: '$invitationVars' })
  wiredInvitations(result: GraphqlWireResult) {
    this.invitationsResult = result;
    if (result.errors) {
      this.invitationsErrors = reduceErrors(result.errors as ErrorLike[]);
    } else if (result.data) {
      const known = { ids: this.invitedDoctorIds, roles: this.invitedRoles };
      const { ids, roles } = invitedFrom(result.data, this.invitationVars?.doctorIds ?? [], known);
      this.invitedDoctorIds = ids;
      this.invitedRoles = roles;
      this.invitationsErrors = [];
    }
  }

  // The specialty picker lists the picklist's values (not the values of the doctors loaded so far).
  @wire(getObjectInfo, { objectApiName: CONTACT_OBJECT })
  wiredContactInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (data) this.contactRecordTypeId = data.defaultRecordTypeId;
  }

  @wire(getPicklistValues, { recordTypeId: '$contactRecordTypeId', fieldApiName: SPECIALTY_FIELD })
  wiredSpecialties({ data }: { data?: { values: PicklistValue[] }; error?: unknown }) {
    if (!data) return;
    this.specialtyValues = data.values.map((v) => ({ label: v.label, value: v.value }));
    // Words typed before the labels arrived can now match specialties too.
    if (this.applied.text?.trim()) this.startSearch();
  }

  // ------------------------------------------------------------------------------------ insights

  get pack(): RulePack | undefined {
    return rulePackFor(this.event, this.packs);
  }

  /** The insights wait for the event and the rule packs. */
  get insightsLoaded(): boolean {
    return !!this.eventRecord && this.packsSettled;
  }

  handleInsights(event: CustomEvent<InsightsChange>): void {
    this.insights = event.detail.insights;
    this.insightViews = event.detail.views;
    this.failedInsightIds = event.detail.failedIds;
  }

  // ------------------------------------------------------------------------------------ search

  /** The filter bar's filter: sent to the server unless the results already answer it. */
  handleFilter(event: CustomEvent<DoctorFilter>): void {
    const filter = { ...event.detail };
    if (sameFilter(filter, this.applied)) return;
    this.applied = filter;
    this.startSearch();
  }

  startSearch(): void {
    this.searching = true;
    this.moreErrors = [];
    this.requestDoctors(null);
  }

  handleClearFilters(): void {
    (this.template?.querySelector('c-cme-doctor-filters') as (HTMLElement & { clear(): void }) | null)?.clear();
  }

  handleShowMore(): void {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    this.moreErrors = [];
    this.requestDoctors(this.nextCursor);
  }

  async handleRetrySearch(): Promise<void> {
    this.doctorErrors = [];
    this.moreErrors = [];
    try {
      await this.doctorsResult?.refresh?.();
    } catch (error) {
      this.doctorErrors = reduceErrors(error as ErrorLike);
    }
  }

  // ------------------------------------------------------------------------------------ states

  get state(): ScreenState {
    return screenStateOf({
      doctorsLoaded: this.doctorsLoaded,
      searching: this.searching,
      filtered: isFiltered(this.applied),
      shown: this.doctors.length,
      eventErrors: this.eventErrors,
      doctorErrors: this.doctorErrors,
    });
  }

  get search(): SearchView {
    return searchView({
      shown: this.doctors.length,
      total: this.doctorsTotal,
      pageRows: this.pageRows,
      nextCursor: this.nextCursor,
      loadingMore: this.loadingMore,
      doctorsLoaded: this.doctorsLoaded,
      doctorErrors: this.doctorErrors,
      moreErrors: this.moreErrors,
    });
  }

  get packErrorText(): string {
    return errorNotice(LABELS.packErrorLabel, this.packErrors);
  }

  get invitationsErrorText(): string {
    return errorNotice(LABELS.invitationsErrorLabel, this.invitationsErrors);
  }

  get yearNote(): string {
    return this.packsSettled ? yearNoteText(todayIso(), this.pack) : '';
  }

  // ------------------------------------------------------------------------------------ approval

  /** Recomputed when the event or the packs change, not on every render. */
  updateBlock(): void {
    this.block = inviteBlockOrError(this.event, this.pack, new Date().toISOString());
  }

  /** Known to be blocked (the event is loaded and not open for invitations). */
  get isBlocked(): boolean {
    return !!this.eventRecord && this.block.blocked;
  }

  get blockedNotice(): BlockedNotice {
    return blockedNoticeOf(this.eventRecord?.fields.Status__c, this.block.detail);
  }

  // ------------------------------------------------------------------------------------ rows

  isInvited(id: string): boolean {
    return this.invitedDoctorIds.has(id) || this.justInvited.has(id);
  }

  /** Doctors can be picked, and the action bar can send: the event is open, nothing is being sent. */
  get canSelect(): boolean {
    return !!this.eventRecord && !this.isBlocked && !this.inviting;
  }

  get rows(): DoctorRowView[] {
    return doctorRows(this.doctors, {
      isInvited: (id) => this.isInvited(id),
      selectedIds: this.selectedIds,
      selectable: this.canSelect,
      insights: this.insightViews,
      failedInsightIds: this.failedInsightIds,
    });
  }

  get tableClass(): string {
    // Rows of the previous search stay until the new ones arrive, dimmed.
    return this.searching ? 'doctor-table is-searching' : 'doctor-table';
  }

  // ------------------------------------------------------------------------------------ selection

  get selection(): Selection {
    return selectionOf({
      shown: this.doctors,
      selectedIds: this.selectedIds,
      isInvited: (id) => this.isInvited(id),
      canSelect: this.canSelect,
      isBlocking: (id) => !!this.insights.get(id)?.warnings.some((w) => w.severity === 'block'),
    });
  }

  handleRowSelect(event: CustomEvent<SelectionChange>): void {
    const { doctorId, selected } = event.detail;
    this.selectedIds = withIds(this.selectedIds, [doctorId], selected);
  }

  handleSelectAll(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.selectedIds = withIds(this.selectedIds, this.selection.selectableShownIds, checked);
  }

  handleClearSelection(): void {
    this.selectedIds = new Set();
  }

  // ------------------------------------------------------------------------------------ invite

  handleInviteStart(): void {
    this.inviting = true;
  }

  /** The bar has an answer for every invitation: mark, reselect, tell, and refresh the counters. */
  async handleInvited(event: CustomEvent<InviteOutcome>): Promise<void> {
    const outcome = event.detail;
    this.justInvited = new Set([...this.justInvited, ...outcome.invited, ...outcome.alreadyInvited]);
    // Failed doctors stay selected so the user can try again; the rest are done.
    this.selectedIds = new Set(outcome.failed.map((f) => f.doctorId));
    this.inviting = false;
    this.dispatchEvent(this.outcomeToast(outcome));
    if (!this.recordId || (!outcome.invited.length && !outcome.alreadyInvited.length)) return;
    try {
      // The wire result's own refresh (lightning/graphql has no refreshGraphQL export).
      await this.invitationsResult?.refresh?.();
      await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
    } catch {
      // The invitations exist; a failed refresh only delays the counters, which refresh on reload.
    }
  }

  outcomeToast(outcome: InviteOutcome): Event {
    const { ok, title, lines } = outcomeMessage(outcome, (id) => this.known.get(id)?.name ?? id);
    return ok ? successToast(title, lines[0]) : errorToast(title, lines);
  }
}
