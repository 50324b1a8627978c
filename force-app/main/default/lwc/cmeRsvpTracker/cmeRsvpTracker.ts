import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { getFieldValue, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { isApprovalLocked } from 'c/cmeDomain';
import type { InvitationStatus } from 'c/cmeDomain';
import { connectionOf } from 'c/cmeRecords';
import { errorToast, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { formatLabel } from 'c/cmeUi';
import {
  STATUSES,
  canPromote,
  capacityOf,
  checkStatusChange,
  countByStatus,
  filterByStatus,
  invitationRowsFrom,
  mergeRows,
  nextFromWaitlist,
  statusUpdateFields,
  withStatus,
} from './rsvpModel';
import type { CapacityState, InvitationRow } from './rsvpModel';

import NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import CAPACITY_FIELD from '@salesforce/schema/CME_Event__c.Capacity__c';
import STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';

import { LABELS } from './labels';
import { INVITATIONS_QUERY } from './queries';

/** The largest GraphQL page; an event with more invitations is read in several pages. */
export const INVITATION_PAGE_SIZE = 2000;
/**
 * How many invitations the tracker reads at most. Cursor paging without `upperBound` stops at 4,000
 * records; with it, pages of 200–2,000 (`first`) run up to `upperBound` records, which acts as the
 * SOQL LIMIT ("Paginate with Upper-Bound Limit", developer.salesforce.com/docs/platform/graphql/guide/paginate-use-upperbound.html;
 * API v59.0+). Capacity and the counts need every invitation, so the bound is far above any event.
 */
export const INVITATION_UPPER_BOUND = 50000;

const EVENT_FIELDS = [NAME_FIELD, CAPACITY_FIELD, STATUS_FIELD];

export const STATUS_LABELS: Readonly<Record<InvitationStatus, string>> = Object.freeze({
  Invited: LABELS.statusInvitedLabel,
  Accepted: LABELS.statusAcceptedLabel,
  Tentative: LABELS.statusTentativeLabel,
  Declined: LABELS.statusDeclinedLabel,
  Waitlisted: LABELS.statusWaitlistedLabel,
  Cancelled: LABELS.statusCancelledLabel,
});

type Filter = InvitationStatus | 'All';

interface Pending {
  status: InvitationStatus;
  respondedOn: string | null;
}

interface FilterPill {
  key: string;
  label: string;
  pressed: string;
  className: string;
}

interface RowView extends InvitationRow {
  statusLabel: string;
  statusFor: string;
  saving: boolean;
  /** Saving, or locked by a pending approval: the status cannot be changed now. */
  locked: boolean;
  hasResponded: boolean;
}

export default class CmeRsvpTracker extends LightningElement {
  @api recordId?: string;

  labels = LABELS;

  eventRecord?: RecordRepresentation;
  eventErrors: string[] = [];

  invitations: InvitationRow[] = [];
  invitationErrors: string[] = [];
  loaded = false;
  complete = false;
  total = 0;
  cursor: string | null = null;
  wiredResult?: GraphqlResult;

  pending: Map<string, Pending> = new Map();
  filter: Filter = 'All';
  refusal: { id: string; doctorName: string } | null = null;

  @wire(getRecord, { recordId: '$recordId', fields: EVENT_FIELDS })
  wiredEvent({ data, error }: { data?: RecordRepresentation; error?: unknown }) {
    if (data) {
      this.eventRecord = data;
      this.eventErrors = [];
    } else if (error) {
      this.eventErrors = reduceErrors(error as ErrorLike);
    }
  }

  get variables(): Record<string, unknown> | undefined {
    return this.recordId
      ? {
          eventId: this.recordId,
          cursor: this.cursor,
          pageSize: INVITATION_PAGE_SIZE,
          upperBound: INVITATION_UPPER_BOUND,
        }
      : undefined;
  }

  @wire(graphql, { query: INVITATIONS_QUERY, variables: '$variables' })
  wiredInvitations(result: GraphqlResult) {
    this.wiredResult = result;
    if (result.errors) {
      this.invitationErrors = reduceErrors(result.errors as ErrorLike[]);
      return;
    }
    if (!result.data) return;
    const connection = connectionOf(result.data, 'CME_Invitation__c');
    this.invitations = mergeRows(this.invitations, invitationRowsFrom(result.data));
    this.total = Math.max(connection?.totalCount ?? 0, this.invitations.length);
    this.invitationErrors = [];
    this.loaded = true;
    const info = connection?.pageInfo;
    if (info?.hasNextPage && info.endCursor) {
      if (info.endCursor !== this.cursor) this.cursor = info.endCursor;
    } else this.complete = true;
  }

  // ------------------------------------------------------------------------------------ state

  /** The rows as the user sees them: saved state with changes still being saved on top. */
  get current(): InvitationRow[] {
    if (this.pending.size === 0) return this.invitations;
    return this.invitations.map((r) => {
      const change = this.pending.get(r.id);
      return change ? { ...r, ...change } : r;
    });
  }

  get capacityValue(): number | null {
    const value = getFieldValue(this.eventRecord, CAPACITY_FIELD);
    return typeof value === 'number' ? value : null;
  }

  get capacity(): CapacityState {
    return capacityOf(this.capacityValue, this.current);
  }

  get errors(): string[] {
    return [...this.eventErrors, ...(this.loaded ? [] : this.invitationErrors)];
  }

  get hasError(): boolean {
    return this.errors.length > 0;
  }

  get isLoading(): boolean {
    return !this.hasError && (!this.loaded || !this.eventRecord);
  }

  get isEmpty(): boolean {
    return this.complete && this.invitations.length === 0;
  }

  /** The tracker itself shows once nothing failed, everything needed is in and there are invitations. */
  get isReady(): boolean {
    return !this.hasError && !this.isLoading && !this.isEmpty;
  }

  get isLoadingMore(): boolean {
    return this.loaded && !this.complete && this.invitationErrors.length === 0;
  }

  get loadingMoreText(): string {
    return formatLabel(LABELS.loadingMoreLabel, this.invitations.length, this.total);
  }

  get refreshErrorText(): string {
    return this.loaded ? this.invitationErrors.join(' ') : '';
  }

  /** All pages read, yet the server counts more (past the upper bound): the counts say so. */
  get truncatedText(): string {
    return this.complete && this.total > this.invitations.length
      ? formatLabel(LABELS.truncatedLabel, this.invitations.length, this.total)
      : '';
  }

  // ------------------------------------------------------------------------------------ approval lock

  /** Pending approval: Salesforce locks the event and its invitations until the approval is decided. */
  get isLocked(): boolean {
    return isApprovalLocked(getFieldValue(this.eventRecord, STATUS_FIELD) as string | null);
  }

  // ------------------------------------------------------------------------------------ capacity

  get hasCapacity(): boolean {
    return this.capacity.capacity !== null;
  }

  get capacityText(): string {
    const state = this.capacity;
    if (state.capacity === null) return formatLabel(LABELS.noCapacityLabel, state.accepted);
    return formatLabel(LABELS.capacityLabel, state.accepted, state.capacity);
  }

  get capacityNote(): string {
    const state = this.capacity;
    if (state.over > 0) return formatLabel(LABELS.overCapacityLabel, state.over);
    return state.full ? LABELS.capacityFullLabel : '';
  }

  get capacityNoteClass(): string {
    // Full is normal; more accepted than places needs action.
    return this.capacity.over > 0
      ? 'capacity-note slds-text-body_small slds-text-color_error'
      : 'capacity-note slds-text-body_small slds-text-color_weak';
  }

  get barValue(): number {
    const state = this.capacity;
    if (!state.capacity) return state.accepted > 0 ? 100 : 0;
    return Math.min(100, Math.round((state.accepted / state.capacity) * 100));
  }

  /** The capacity bar's colour (c-cme-progress-bar): orange once every place is taken. */
  get barTone(): string {
    return this.capacity.full ? 'warning' : '';
  }

  // ------------------------------------------------------------------------------------ filters and rows

  get pills(): FilterPill[] {
    const counts = countByStatus(this.current);
    const pill = (key: Filter, label: string): FilterPill => ({
      key,
      label,
      pressed: String(this.filter === key),
      className:
        this.filter === key
          ? 'slds-button slds-button_brand filter-pill'
          : 'slds-button slds-button_neutral filter-pill',
    });
    return [
      pill('All', formatLabel(LABELS.filterAllLabel, this.current.length)),
      ...STATUSES.map((s) => pill(s, formatLabel(LABELS.filterStatusLabel, STATUS_LABELS[s], counts[s]))),
    ];
  }

  handleFilter(event: Event): void {
    this.filter = ((event.currentTarget as HTMLElement).dataset.status as Filter) ?? 'All';
  }

  get statusOptions(): { label: string; value: string }[] {
    return STATUSES.map((s) => ({ label: STATUS_LABELS[s], value: s }));
  }

  get rows(): RowView[] {
    return filterByStatus(this.current, this.filter).map((row) => ({
      ...row,
      statusLabel: STATUS_LABELS[row.status],
      statusFor: formatLabel(LABELS.statusForLabel, row.doctorName),
      saving: this.pending.has(row.id),
      locked: this.pending.has(row.id) || this.isLocked,
      hasResponded: !!row.respondedOn,
    }));
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get filteredEmptyText(): string {
    return this.filter === 'All' ? '' : formatLabel(LABELS.filteredEmptyLabel, STATUS_LABELS[this.filter]);
  }

  // ------------------------------------------------------------------------------------ waitlist

  get nextWaitlisted(): InvitationRow | undefined {
    return canPromote(this.current, this.capacityValue) ? nextFromWaitlist(this.current) : undefined;
  }

  get showPromote(): boolean {
    return !!this.nextWaitlisted;
  }

  get promoteText(): string {
    return formatLabel(LABELS.promoteOfferLabel, this.nextWaitlisted?.doctorName ?? '');
  }

  get promoteDisabled(): boolean {
    const next = this.nextWaitlisted;
    return !next || this.pending.has(next.id) || this.isLocked;
  }

  async handlePromote(): Promise<void> {
    const next = this.nextWaitlisted;
    if (!next || this.promoteDisabled) return;
    await this.saveStatus(next, 'Accepted', LABELS.promotedTitleLabel);
  }

  // ------------------------------------------------------------------------------------ status changes

  get refusalText(): string {
    return this.refusal
      ? formatLabel(LABELS.fullRefusedLabel, this.refusal.doctorName, this.capacity.capacity ?? 0)
      : '';
  }

  handleDismissRefusal(): void {
    this.refusal = null;
  }

  async handleWaitlistInstead(): Promise<void> {
    const row = this.current.find((r) => r.id === this.refusal?.id);
    this.refusal = null;
    if (row && row.status !== 'Waitlisted') await this.saveStatus(row, 'Waitlisted', LABELS.savedTitleLabel);
  }

  async handleStatusChange(event: CustomEvent<{ value: InvitationStatus }>): Promise<void> {
    const combobox = event.target as HTMLElement & { value: string };
    const id = combobox.dataset.invitationId ?? '';
    const status = event.detail.value;
    const rows = this.current;
    const row = rows.find((r) => r.id === id);
    /* istanbul ignore if -- every status combobox belongs to a listed invitation */
    if (!row) return;
    const check = checkStatusChange(rows, id, status, this.capacityValue);
    if (!check.allowed) {
      // Put the picker back: nothing changed.
      combobox.value = row.status;
      if (check.reason === 'full') this.refusal = { id, doctorName: row.doctorName };
      return;
    }
    await this.saveStatus(row, status, LABELS.savedTitleLabel);
  }

  async saveStatus(row: InvitationRow, status: InvitationStatus, title: string): Promise<void> {
    /* istanbul ignore if -- every control that saves is disabled while the event is locked */
    if (this.isLocked) return;
    const eventId = this.recordId;
    const fields = statusUpdateFields(row.id, status, new Date().toISOString());
    const respondedOn = fields.Responded_On__c as string | null;
    if (this.refusal?.id === row.id) this.refusal = null;
    this.pending = new Map([...this.pending, [row.id, { status, respondedOn }]]);
    let saved = false;
    try {
      await updateRecord({ fields });
      this.invitations = withStatus(this.invitations, row.id, status, respondedOn);
      saved = true;
    } catch (error) {
      this.dispatchEvent(errorToast(formatLabel(LABELS.saveErrorLabel, row.doctorName), error as ErrorLike));
    } finally {
      const next = new Map(this.pending);
      next.delete(row.id);
      this.pending = next;
    }
    if (!saved) return;
    this.dispatchEvent(
      successToast(title, formatLabel(LABELS.savedMessageLabel, row.doctorName, STATUS_LABELS[status])),
    );
    try {
      // lightning/graphql refreshes through the `refresh` function on the wire's emitted result
      // (lwc-recipes graphqlRefresh); it has no refreshGraphQL export.
      await this.wiredResult?.refresh?.();
      if (eventId) await notifyRecordUpdateAvailable([{ recordId: eventId }]);
    } catch {
      // The answer is saved; the counters catch up on the next load.
    }
  }
}
