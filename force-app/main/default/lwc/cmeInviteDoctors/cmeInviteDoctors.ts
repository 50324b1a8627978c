import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { createRecord, getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { isApprovalLocked } from 'c/cmeDomain';
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
import { invitationFields, invitationVarsFor, invitedFrom, sendInvitations, withIds } from './inviteActions';
import type { InviteOutcome } from './inviteActions';
import { doctorRows, eventFromRecord } from './doctorRows';
import type { DoctorRowView, InsightView, SelectionChange } from 'c/cmeDoctorRow';
import { LABELS } from './labels';
import { blockedReasonText, errorNotice, outcomeMessage, searchView, selectionOf, yearNoteText } from './inviteView';
import type { SearchView, Selection } from './inviteView';
import { DOCTORS_QUERY, EVENT_FIELDS, EVENT_INVITATIONS_QUERY, RULE_PACKS_QUERY } from './queries';

import userId from '@salesforce/user/Id';
import INVITATION_OBJECT from '@salesforce/schema/CME_Invitation__c';
import CHANNEL_FIELD from '@salesforce/schema/CME_Invitation__c.Channel__c';
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

  // Selection and sending
  selectedIds: Set<string> = new Set();
  justInvited: Set<string> = new Set();
  inviting = false;
  channel = '';
  channelOptions: { label: string; value: string }[] = [];
  invitationRecordTypeId?: string;

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
    if (errors) {
      this.packs = [];
      this.packErrors = reduceErrors(errors as ErrorLike[]);
      this.packsSettled = true;
      this.updateBlock();
    } else if (data) {
      ({ packs: this.packs, errors: this.packErrors } = invitePacksFrom(data));
      this.packsSettled = true;
      this.updateBlock();
    }
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

  @wire(getObjectInfo, { objectApiName: INVITATION_OBJECT })
  wiredObjectInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (data) this.invitationRecordTypeId = data.defaultRecordTypeId;
  }

  @wire(getPicklistValues, { recordTypeId: '$invitationRecordTypeId', fieldApiName: CHANNEL_FIELD })
  wiredChannels({ data }: { data?: { defaultValue: PicklistValue | null; values: PicklistValue[] }; error?: unknown }) {
    if (!data) return;
    this.channelOptions = data.values.map((v) => ({ label: v.label, value: v.value }));
    if (!this.channel || !data.values.some((v) => v.value === this.channel))
      this.channel = data.defaultValue?.value ?? data.values[0]?.value ?? '';
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

  get hasChannels(): boolean {
    return this.channelOptions.length > 0;
  }

  handleChannel(event: CustomEvent<{ value: string }>): void {
    this.channel = event.detail.value;
  }

  // ------------------------------------------------------------------------------------ states

  get isLoading(): boolean {
    return !this.doctorsLoaded && !this.hasLoadError;
  }

  get loadErrors(): string[] {
    return [...this.eventErrors, ...(this.doctorsLoaded ? [] : this.doctorErrors)];
  }

  get hasLoadError(): boolean {
    return this.loadErrors.length > 0;
  }

  /** Neither loading nor failed: the screen itself shows (the state panel shows the others). */
  get isReady(): boolean {
    return !this.isLoading && !this.hasLoadError;
  }

  get hasNoDoctors(): boolean {
    return this.doctorsLoaded && !this.searching && !isFiltered(this.applied) && this.doctors.length === 0;
  }

  get hasMatches(): boolean {
    return this.doctors.length > 0;
  }

  get isFilterSet(): boolean {
    return isFiltered(this.applied);
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

  /** Pending approval: Salesforce locks the event and its invitations until the approval is decided. */
  get isLocked(): boolean {
    return isApprovalLocked(this.eventRecord?.fields.Status__c?.value as string | null | undefined);
  }

  get blockedReason(): string {
    return blockedReasonText(this.eventRecord?.fields.Status__c, this.isLocked);
  }

  get blockedDetail(): string {
    // The pack's own words add something only when the status alone does not explain the block.
    return this.event?.Status__c === 'Approved' ? this.block.detail : '';
  }

  // ------------------------------------------------------------------------------------ rows

  isInvited(id: string): boolean {
    return this.invitedDoctorIds.has(id) || this.justInvited.has(id);
  }

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

  /** The channel can be chosen before picking doctors, but not while sending or when inviting is blocked. */
  get channelDisabled(): boolean {
    return !this.canSelect;
  }

  // ------------------------------------------------------------------------------------ invite

  async handleInvite(): Promise<void> {
    const eventId = this.recordId;
    const { inviteIds: ids, inviteDisabled } = this.selection;
    if (!eventId || ids.length === 0 || inviteDisabled) return;
    this.inviting = true;
    const channel = this.channel;
    const outcome = await sendInvitations(ids, (doctorId) =>
      createRecord({
        apiName: INVITATION_OBJECT.objectApiName,
        fields: invitationFields({ eventId, doctorId, userId, channel, now: new Date().toISOString() }),
      }),
    );
    this.justInvited = new Set([...this.justInvited, ...outcome.invited, ...outcome.alreadyInvited]);
    // Failed doctors stay selected so the user can try again; the rest are done.
    this.selectedIds = new Set(outcome.failed.map((f) => f.doctorId));
    this.inviting = false;
    this.dispatchEvent(this.outcomeToast(outcome));
    if (outcome.invited.length || outcome.alreadyInvited.length) {
      try {
        // The wire result's own refresh (lightning/graphql has no refreshGraphQL export).
        await this.invitationsResult?.refresh?.();
        await notifyRecordUpdateAvailable([{ recordId: eventId }]);
      } catch {
        // The invitations exist; a failed refresh only delays the counters, which refresh on reload.
      }
    }
  }

  outcomeToast(outcome: InviteOutcome): Event {
    const { ok, title, lines } = outcomeMessage(outcome, (id) => this.known.get(id)?.name ?? id);
    return ok ? successToast(title, lines[0]) : errorToast(title, lines);
  }

  get inviteStatusText(): string {
    return this.inviting ? LABELS.sendingLabel : '';
  }
}
