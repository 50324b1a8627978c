import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { getFieldValue, getFieldDisplayValue, getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { errorToast, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { refreshAfterWrite } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import { focusIn, formatLabel } from 'c/cmeUi';
import EVENT_NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import EVENT_STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';
import EVENT_FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import EVENT_TIME_ZONE_FIELD from '@salesforce/schema/CME_Event__c.Time_Zone__c';
import EVENT_KEY_FIELD from '@salesforce/schema/CME_Event__c.Event_Key__c';
import { MAX_VISIBLE_ROWS, buildRoster, canRecordAttendance, checkInAvailability, checkInMethod } from './checkInLogic';
import { defaultMode, filterRoster, formatClock, isDuplicateError, notYetReturned } from './checkInLogic';
import { splitName, withPatches } from './checkInLogic';
import type { AttendanceInfo, CheckInAvailability, RosterEntry } from './checkInLogic';
import { ATTENDANCE_OBJECT, ATT_SIGNATURE_HASH_FIELD, createAttendance, saveSignature } from './attendanceWrites';
import { LABELS } from './labels';
import { ROSTER_QUERY } from './rosterQuery';
import { detailView, navTarget, rowView, screenView, searchAction, walkInPlan } from './rosterView';
import type { RowView } from './rosterView';

const EVENT_FIELDS = [EVENT_NAME_FIELD, EVENT_STATUS_FIELD, EVENT_FORMAT_FIELD, EVENT_TIME_ZONE_FIELD, EVENT_KEY_FIELD];

/** The `sign` event of c-cme-signature-pad. */
type SignEvent = CustomEvent<{ name: string; dataUrl: string; method: 'drawn' | 'typed' }>;
/** The `walkin` event of c-cme-walk-in-form: the doctor found or created. */
type WalkIn = { doctorId: string; doctor: GraphqlNode; name: string; draftName: string; created: boolean };
type Origin = 'search' | 'row' | 'walk-in';

/**
 * Venue check-in for a CME event: the roster (search, keyboard navigation, one-tap check-in) composed
 * with c-cme-signature-pad, c-cme-attendance-details and c-cme-walk-in-form, whose events it saves.
 */
export default class CmeCheckIn extends LightningElement {
  @api recordId?: string;
  /**
   * Sign-in evidence recorded by a one-tap check-in at the venue: 'E-Signature' (the doctor signs on
   * this screen next) or 'Paper Sheet' (the doctor signs the printed sheet).
   */
  @api signInMethod = 'E-Signature';

  eventRecord?: RecordRepresentation;
  eventErrors: string[] = [];
  eventLoaded = false;

  /**
   * The roster wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before the first result, when nothing is stale.
   */
  refreshRoster?: () => Promise<void>;
  rosterData?: unknown;
  rosterErrors: string[] = [];
  rosterLoaded = false;

  /** Attendances created here that the query has not returned yet. */
  optimistic: { doctorNode: GraphqlNode; attendance: AttendanceInfo }[] = [];
  /** Changes saved here (signature, meal, minutes) until the refreshed query shows them. */
  patches: Record<string, Partial<AttendanceInfo>> = {};

  query = '';
  chosenMode?: 'In-Person' | 'Virtual';
  busyKeys: Record<string, boolean> = {};
  expandedKey: string | null = null;
  announcement = '';
  signing = false;
  showWalkIn = false;
  walkInPrefill: { firstName?: string; lastName?: string } = {};
  walkInSaving = false;
  signatureWritable = true;
  labels = LABELS;

  private focusAfterRender?: string;

  // ------------------------------------------------------------------ data

  @wire(getRecord, { recordId: '$recordId', fields: EVENT_FIELDS })
  wiredEvent({ data, error }: { data?: RecordRepresentation; error?: unknown }) {
    if (!data && !error) return;
    this.eventRecord = data;
    this.eventErrors = data ? [] : reduceErrors(error as ErrorLike);
    this.eventLoaded = true;
  }

  get rosterVariables(): Record<string, unknown> | undefined {
    return this.recordId ? { eventId: this.recordId } : undefined;
  }

  @wire(graphql, { query: ROSTER_QUERY, variables: '$rosterVariables' })
  wiredRosterResult(result: GraphqlResult) {
    const { data, errors, refresh } = result ?? {};
    if (refresh) this.refreshRoster = refresh;
    if (data) {
      this.rosterData = data;
      this.rosterErrors = [];
      this.rosterLoaded = true;
      this.patches = {};
      this.optimistic = notYetReturned(this.optimistic, data);
    } else if (errors && errors.length) {
      this.rosterErrors = reduceErrors(errors as ErrorLike[]);
      this.rosterLoaded = true;
    }
  }

  /** A rep whose Signature SHA-256 field is read-only cannot save a signature (the rule needs it). */
  @wire(getObjectInfo, { objectApiName: ATTENDANCE_OBJECT })
  wiredAttendanceInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (data) {
      const field = data.fields[ATT_SIGNATURE_HASH_FIELD.fieldApiName] as { updateable?: boolean } | undefined;
      this.signatureWritable = field?.updateable !== false;
    }
  }

  /** Focuses what the last action leads to; a child component (signature pad) focuses its own field. */
  renderedCallback() {
    if (this.focusAfterRender && focusIn(this.template, this.focusAfterRender)) this.focusAfterRender = undefined;
  }

  get eventStatus(): string {
    return String(getFieldValue(this.eventRecord, EVENT_STATUS_FIELD) ?? '');
  }

  get eventFormat(): string {
    return String(getFieldValue(this.eventRecord, EVENT_FORMAT_FIELD) ?? '');
  }

  get timeZone(): string | undefined {
    return (getFieldValue(this.eventRecord, EVENT_TIME_ZONE_FIELD) as string | null) ?? undefined;
  }

  get availability(): CheckInAvailability {
    return checkInAvailability(this.eventStatus);
  }

  get canRecord(): boolean {
    return canRecordAttendance(this.availability);
  }

  get currentMode(): 'In-Person' | 'Virtual' {
    if (this.eventFormat === 'Hybrid' && this.chosenMode) return this.chosenMode;
    return defaultMode(this.eventFormat);
  }

  get roster(): RosterEntry[] {
    return withPatches(buildRoster(this.rosterData, this.optimistic), this.patches);
  }

  get filtered(): RosterEntry[] {
    return filterRoster(this.roster, this.query);
  }

  /** Loading and error state, and the texts and flags around the rows (rosterView.ts). */
  get view() {
    return screenView({
      loaded: this.eventLoaded && this.rosterLoaded,
      errors: [...this.eventErrors, ...this.rosterErrors],
      roster: this.roster,
      filtered: this.filtered,
      query: this.query,
      availability: this.availability,
      statusLabel: getFieldDisplayValue(this.eventRecord, EVENT_STATUS_FIELD) ?? this.eventStatus,
      format: this.eventFormat,
      showWalkIn: this.showWalkIn,
    });
  }

  get rows(): RowView[] {
    const { availability, canRecord, timeZone, busyKeys, expandedKey } = this;
    const ctx = { availability, canRecord, timeZone, busyKeys, expandedKey };
    return this.filtered.slice(0, MAX_VISIBLE_ROWS).map((e) => rowView(e, ctx));
  }

  get expandedEntry(): RosterEntry | undefined {
    return this.expandedKey ? this.roster.find((e) => e.key === this.expandedKey && e.attendance) : undefined;
  }

  get detail() {
    const { canRecord, signatureWritable, timeZone } = this;
    return detailView(this.expandedEntry?.attendance ?? undefined, { canRecord, signatureWritable, timeZone });
  }

  // ------------------------------------------------------------------ search and keyboard

  handleSearch(event: CustomEvent<{ value: string }>) {
    this.query = event.detail?.value ?? '';
  }

  /** Enter checks in the single match (or moves to it), goes to the first of several, or opens a walk-in. */
  handleSearchKeydown(event: KeyboardEvent) {
    if (event.key !== 'Enter' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const action = searchAction(this.filtered, this.query, this.canRecord, event.key);
    if (action.checkIn) this.checkIn(action.checkIn, 'search');
    else if (action.focus) this.focusRow(action.focus);
    else if (action.walkIn) this.openWalkIn(splitName(this.query));
  }

  handleListKeydown(event: KeyboardEvent) {
    const current = (event.target as HTMLElement | null)?.dataset?.nav;
    const keys = this.rows.map((r) => r.key);
    const next = current ? navTarget(keys, current, event.key) : undefined;
    if (next === undefined) return;
    event.preventDefault();
    if (next === null) this.template?.querySelector<HTMLElement>('[data-id="search"]')?.focus();
    else this.focusRow(next);
  }

  private focusRow(key: string) {
    this.template?.querySelector<HTMLElement>(`[data-nav="${key}"]`)?.focus();
  }

  handleModeChange(event: CustomEvent<{ value: string }>) {
    this.chosenMode = event.detail.value === 'Virtual' ? 'Virtual' : 'In-Person';
  }

  // ------------------------------------------------------------------ check-in

  handleCheckInClick(event: Event) {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const entry = this.roster.find((e) => e.key === key);
    if (entry) this.checkIn(entry, 'row');
  }

  private async checkIn(entry: RosterEntry, origin: Origin): Promise<void> {
    if (!this.recordId || !this.canRecord || entry.attendance || this.busyKeys[entry.key]) return;
    this.busyKeys = { ...this.busyKeys, [entry.key]: true };
    try {
      const attendance = await this.recordAttendance(entry.doctorId, entry.invitationId, { Id: entry.doctorId });
      const time = formatClock(attendance.checkedInAt, this.timeZone);
      this.done(LABELS.successTitleLabel, formatLabel(LABELS.successLabel, entry.name, time));
      this.afterCheckIn(entry.key, attendance, origin);
      await this.refresh();
    } catch (error) {
      await this.failed(error, entry.name, LABELS.failedLabel);
    } finally {
      this.busyKeys = Object.fromEntries(Object.entries(this.busyKeys).filter(([key]) => key !== entry.key));
    }
  }

  /** Opens the signature step after an e-signature check-in; otherwise keeps the rep's place. */
  private afterCheckIn(key: string, attendance: AttendanceInfo, origin: Origin) {
    if (attendance.method === 'E-Signature' && this.signatureWritable) {
      this.expandedKey = key;
      this.focusAfterRender = `li[data-key="${key}"] c-cme-signature-pad`;
    } else {
      this.focusAfterRender = origin === 'search' ? '[data-id="search"]' : `[data-nav="${key}"]`;
    }
  }

  /** Announces a saved write and toasts it. */
  private done(title: string, message: string) {
    this.announcement = message;
    this.dispatchEvent(successToast(title, message));
  }

  private showDuplicate(name: string) {
    const message = formatLabel(LABELS.duplicateLabel, name);
    this.announcement = message;
    this.dispatchEvent(new ShowToastEvent({ title: LABELS.duplicateTitleLabel, message, variant: 'info' }));
  }

  /** A refused check-in: "already checked in" for a taken attendance key (then refreshed), else the error. */
  private async failed(error: unknown, name: string, title: string): Promise<void> {
    if (isDuplicateError(error)) {
      this.showDuplicate(name);
      await this.refresh();
    } else {
      this.dispatchEvent(errorToast(title, error as ErrorLike | ErrorLike[]));
    }
  }

  /** Creates the attendance; `doctorNode` is what the list shows until the query returns it. */
  private async recordAttendance(doctorId: string, invitationId: string | null, doctorNode: GraphqlNode) {
    const mode = this.currentMode;
    const method = checkInMethod(mode, this.signInMethod);
    const eventId = this.recordId as string;
    const attendance = await createAttendance({ eventId, doctorId, invitationId, mode, method });
    this.optimistic = [...this.optimistic, { doctorNode: { ...doctorNode, Id: doctorId }, attendance }];
    return attendance;
  }

  /** After every write: the roster wire's refresh, and the record page's other components told. */
  private refresh(): Promise<void> {
    return refreshAfterWrite(this.refreshRoster, [this.recordId], notifyRecordUpdateAvailable);
  }

  private patch(attendanceId: string, change: Partial<AttendanceInfo>) {
    this.patches = { ...this.patches, [attendanceId]: { ...this.patches[attendanceId], ...change } };
  }

  // ------------------------------------------------------------------ details: signature, meal, minutes

  handleToggleDetails(event: Event) {
    const key = (event.currentTarget as HTMLElement).dataset.key as string;
    this.expandedKey = this.expandedKey === key ? null : key;
  }

  /** Stores the signature c-cme-signature-pad emitted, with its fingerprint. */
  async handleSign(event: SignEvent): Promise<void> {
    const entry = this.expandedEntry;
    const attendance = entry?.attendance;
    if (!entry || !attendance || this.signing) return;
    const { name, dataUrl } = event.detail;
    this.signing = true;
    try {
      const eventKey = String(getFieldValue(this.eventRecord, EVENT_KEY_FIELD) ?? this.recordId ?? '');
      const signedAt = await saveSignature(attendance.id, { dataUrl, name, eventKey });
      this.patch(attendance.id, { signed: true, signedName: name, signedAt, method: 'E-Signature' });
      this.done(LABELS.signatureSavedTitleLabel, formatLabel(LABELS.signatureSavedLabel, entry.name));
      this.focusAfterRender = `[data-nav="${entry.key}"]`;
      await this.refresh();
    } catch (error) {
      this.dispatchEvent(errorToast(LABELS.signatureFailedLabel, error as ErrorLike));
    } finally {
      this.signing = false;
    }
  }

  /** A change c-cme-attendance-details saved: shown at once, announced, and the roster refreshed. */
  handleAttendanceChange(
    event: CustomEvent<{ attendanceId: string; change: Partial<AttendanceInfo>; message: string }>,
  ) {
    this.patch(event.detail.attendanceId, event.detail.change);
    this.announcement = event.detail.message;
    return this.refresh();
  }

  // ------------------------------------------------------------------ walk-ins

  handleToggleWalkIn() {
    if (this.showWalkIn) this.closeWalkIn();
    else this.openWalkIn({});
  }

  /** Shows the walk-in form (it focuses its first field), with names typed in the search if any. */
  private openWalkIn(prefill: { firstName?: string; lastName?: string }) {
    this.walkInPrefill = prefill;
    this.showWalkIn = true;
  }

  closeWalkIn() {
    this.showWalkIn = false;
    this.focusAfterRender = '[data-id="walk-in-toggle"]';
  }

  /** Checks in the doctor c-cme-walk-in-form found or created (with the invitation, if any). */
  async handleWalkIn(event: CustomEvent<WalkIn>): Promise<void> {
    if (this.walkInSaving || !this.recordId) return;
    const { doctorId, doctor, draftName } = event.detail;
    this.walkInSaving = true;
    try {
      const { duplicate, invitationId, message } = walkInPlan(this.roster, event.detail);
      if (duplicate) {
        this.showDuplicate(duplicate.name);
        this.finishWalkIn(duplicate.key);
        return;
      }
      const attendance = await this.recordAttendance(doctorId, invitationId, doctor);
      this.done(LABELS.walkInSuccessTitleLabel, message);
      this.finishWalkIn(doctorId);
      this.afterCheckIn(doctorId, attendance, 'walk-in');
      await this.refresh();
    } catch (error) {
      await this.failed(error, draftName, LABELS.walkInFailedLabel);
    } finally {
      this.walkInSaving = false;
    }
  }

  /** The walk-in form's lookup or Contact creation failed. */
  handleWalkInError(event: CustomEvent<{ error: unknown; draftName: string }>): Promise<void> {
    return this.failed(event.detail.error, event.detail.draftName, LABELS.walkInFailedLabel);
  }

  /** Shows the checked-in doctor in the list (search cleared) and closes the form. */
  private finishWalkIn(doctorKey: string) {
    this.showWalkIn = false;
    this.query = '';
    this.focusAfterRender = `[data-nav="${doctorKey}"]`;
  }
}
