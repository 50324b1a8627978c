/**
 * What the check-in screen shows for its roster: each row's text and state, the counts, the search
 * result line and the availability notice. Pure: the component passes in what it knows.
 */
import { formatLabel } from 'c/cmeUi';
import { MAX_VISIBLE_ROWS, formatClock } from './checkInLogic';
import { canRecordAttendance, countRoster } from './checkInLogic';
import type { AttendanceInfo, CheckInAvailability, CheckInCounts, RosterEntry } from './checkInLogic';
import { LABELS } from './labels';

/**
 * A row's check-in button: enabled while attendance can be recorded (busy while its check-in is saved),
 * or, while the event is pending approval, disabled and described by the lock notice (`availability`).
 */
export interface CheckInButton {
  /** Its data-id: 'check-in', or 'check-in-locked' for the disabled one. */
  id: 'check-in' | 'check-in-locked';
  disabled: boolean;
  describedBy: string | undefined;
  /** Its data-nav (the row's key): the enabled button is where the keyboard moves on this row. */
  nav: string | undefined;
  text: string;
}

export interface RowView {
  key: string;
  name: string;
  meta: string;
  badgeText: string;
  badgeClass: string;
  roleText: string;
  statusText: string;
  evidenceText: string;
  /** Null when checked in, or when check-in is neither open nor locked. */
  checkIn: CheckInButton | null;
  canOpenDetails: boolean;
  checkInAria: string;
  detailsAria: string;
  expanded: boolean;
  expandedText: string;
  liNav: string | undefined;
  liTabindex: string | undefined;
  rowClass: string;
}

export interface RowContext {
  availability: CheckInAvailability;
  canRecord: boolean;
  /** Rows whose check-in is being saved. */
  busyKeys: Readonly<Record<string, boolean>>;
  /** The row whose details are open. */
  expandedKey: string | null;
  timeZone?: string;
}

/** The sign-in evidence an attendance has (or lacks), and the meal opt-out. */
export function evidenceText(a: AttendanceInfo, timeZone?: string): string {
  let text: string;
  if (a.signed) text = formatLabel(LABELS.signedAtLabel, formatClock(a.signedAt, timeZone));
  else if (a.method === 'Virtual Log' && a.minutes !== null) text = formatLabel(LABELS.virtualMinutesLabel, a.minutes);
  else if (a.method === 'E-Signature') text = LABELS.needsSignatureLabel;
  else if (a.method) text = a.methodLabel || a.method;
  else if (a.mode === 'Virtual')
    text = a.minutes !== null ? formatLabel(LABELS.virtualMinutesLabel, a.minutes) : LABELS.needsMinutesLabel;
  else text = LABELS.needsEvidenceLabel;
  return a.mealOptOut ? `${text} · ${LABELS.noMealLabel}` : text;
}

function checkInButton(e: RosterEntry, ctx: RowContext): CheckInButton | null {
  if (e.attendance) return null;
  if (ctx.canRecord) {
    const busy = ctx.busyKeys[e.key] === true;
    const text = busy ? LABELS.checkingInLabel : LABELS.checkInLabel;
    return { id: 'check-in', disabled: busy, describedBy: undefined, nav: e.key, text };
  }
  if (ctx.availability !== 'locked') return null;
  return {
    id: 'check-in-locked',
    disabled: true,
    describedBy: 'availability',
    nav: undefined,
    text: LABELS.checkInLabel,
  };
}

export function rowView(e: RosterEntry, ctx: RowContext): RowView {
  const a = e.attendance;
  const checkIn = checkInButton(e, ctx);
  const expanded = ctx.expandedKey === e.key && !!a;
  // A row with no enabled button takes the keyboard's focus itself.
  const focusable = !checkIn?.nav && !a;
  const accepted = e.invitationStatus === 'Accepted';
  return {
    key: e.key,
    name: e.name,
    meta: [e.specialty, e.city, e.registration ? formatLabel(LABELS.registrationShortLabel, e.registration) : '']
      .filter(Boolean)
      .join(' · '),
    badgeText: e.invitationId ? e.invitationStatusLabel : LABELS.walkInBadgeLabel,
    badgeClass: `slds-badge${accepted ? ' slds-theme_success' : ''}`,
    roleText: e.role && e.role !== 'Attendee' ? e.roleLabel : '',
    statusText: a
      ? formatLabel(LABELS.checkedInAtLabel, formatClock(a.checkedInAt, ctx.timeZone))
      : LABELS.notCheckedInLabel,
    evidenceText: a ? evidenceText(a, ctx.timeZone) : '',
    checkIn,
    canOpenDetails: !!a,
    checkInAria: formatLabel(LABELS.checkInAriaLabel, e.name),
    detailsAria: formatLabel(LABELS.detailsAriaLabel, e.name),
    expanded,
    expandedText: String(expanded),
    liNav: focusable ? e.key : undefined,
    liTabindex: focusable ? '-1' : undefined,
    rowClass: `roster-row slds-var-p-vertical_x-small${a ? ' is-checked-in' : ''}`,
  };
}

/** "1 of 4 accepted checked in · 1 walk-in · 1 other invitee". */
export function countsText(c: CheckInCounts): string {
  const parts = [formatLabel(LABELS.countsLabel, c.acceptedCheckedIn, c.accepted)];
  parts.push(c.walkIns === 1 ? LABELS.countsWalkInLabel : formatLabel(LABELS.countsWalkInsLabel, c.walkIns));
  if (c.otherInviteesCheckedIn > 0)
    parts.push(
      c.otherInviteesCheckedIn === 1
        ? LABELS.countsOtherLabel
        : formatLabel(LABELS.countsOthersLabel, c.otherInviteesCheckedIn),
    );
  return parts.join(' · ');
}

/** The line under the search box: how many match, or how to register a walk-in when none does. */
export function resultText(query: string, matches: number): string {
  const typed = query.trim();
  if (!typed) return '';
  if (matches === 0) return formatLabel(LABELS.noMatchLabel, typed);
  return matches === 1 ? LABELS.resultsOneLabel : formatLabel(LABELS.resultsManyLabel, matches);
}

/** The notice above the list when check-in is late, not yet open, locked or over ('' when open). */
export function availabilityMessage(availability: CheckInAvailability, statusLabel: string): string {
  switch (availability) {
    case 'late':
      return LABELS.lateLabel;
    case 'not-yet':
      return formatLabel(LABELS.notYetLabel, statusLabel);
    case 'locked':
      return LABELS.lockedLabel;
    case 'cancelled':
      return LABELS.cancelledLabel;
    case 'closed':
      return LABELS.closedLabel;
    case 'unknown':
      return LABELS.unknownStatusLabel;
    default:
      return '';
  }
}

/** A hybrid event's check-in modes. */
export const MODE_OPTIONS: readonly { label: string; value: string }[] = Object.freeze([
  { label: LABELS.modeInPersonLabel, value: 'In-Person' },
  { label: LABELS.modeVirtualLabel, value: 'Virtual' },
]);

export interface ScreenInput {
  /** Both the event and its roster have answered. */
  loaded: boolean;
  errors: string[];
  roster: readonly RosterEntry[];
  filtered: readonly RosterEntry[];
  query: string;
  availability: CheckInAvailability;
  /** The event status as the user reads it (for the not-yet notice). */
  statusLabel: string;
  format: string;
  showWalkIn: boolean;
}

/** The screen's texts and flags around the rows. */
export function screenView(input: ScreenInput) {
  const { roster, filtered, availability } = input;
  const canRecord = canRecordAttendance(availability);
  const hasError = input.errors.length > 0;
  return {
    isLoading: !hasError && !input.loaded,
    /** The content shows: loaded, and nothing failed. */
    isReady: !hasError && input.loaded,
    errors: input.errors,
    availabilityMessage: availabilityMessage(availability, input.statusLabel),
    availabilityClass: `availability slds-scoped-notification slds-var-m-bottom_small ${
      canRecord ? 'slds-theme_info' : 'slds-theme_warning'
    }`,
    /** A hybrid event's venue / online switch, while attendance can be recorded. */
    showMode: input.format === 'Hybrid' && canRecord,
    modeOptions: MODE_OPTIONS,
    showMinutes: input.format === 'Virtual' || input.format === 'Hybrid',
    countsText: countsText(countRoster(roster)),
    resultText: resultText(input.query, filtered.length),
    isEmpty: roster.length === 0,
    hasRows: filtered.length > 0,
    hasMoreRows: filtered.length > MAX_VISIBLE_ROWS,
    moreRowsText: formatLabel(LABELS.moreRowsLabel, MAX_VISIBLE_ROWS, filtered.length),
    readOnly: !canRecord,
    walkInToggleExpanded: String(input.showWalkIn),
  };
}

/**
 * What Enter (or ArrowDown) in the search box does: check in the single match not yet checked in,
 * move to the single or first match, or (Enter, nothing matches) open the walk-in form.
 */
export function searchAction(
  matches: readonly RosterEntry[],
  query: string,
  canRecord: boolean,
  key: 'Enter' | 'ArrowDown' | string,
): { checkIn?: RosterEntry; focus?: string; walkIn?: boolean } {
  const [first] = matches;
  if (key !== 'Enter') return { focus: first?.key };
  if (matches.length === 1 && !first.attendance && canRecord) return { checkIn: first };
  if (first) return { focus: first.key };
  return { walkIn: !!query.trim() && canRecord };
}

/**
 * Where a key pressed on a roster row moves the focus: another row's key, null for the search box,
 * or undefined when the key is not a navigation key (Enter and Space press the focused button).
 */
export function navTarget(keys: readonly string[], current: string, key: string): string | null | undefined {
  const index = keys.indexOf(current);
  switch (key) {
    case 'ArrowDown':
      return keys[Math.min(index + 1, keys.length - 1)];
    case 'ArrowUp':
      return index <= 0 ? null : keys[index - 1];
    case 'Home':
      return keys[0];
    case 'End':
      return keys[keys.length - 1];
    case 'Escape':
      return null;
    default:
      return undefined;
  }
}

/** What checking in a walk-in found or created means: a duplicate, or the invitation and message. */
export function walkInPlan(
  roster: readonly RosterEntry[],
  walkIn: { doctorId: string; name: string; created: boolean },
): { duplicate?: RosterEntry; invitationId: string | null; message: string } {
  // A doctor already checked in is `duplicate` (the message is then unused).
  if (walkIn.created) return { invitationId: null, message: formatLabel(LABELS.walkInNewLabel, walkIn.name) };
  const entry = roster.find((e) => e.doctorId === walkIn.doctorId);
  const name = entry?.name ?? walkIn.name;
  if (entry?.attendance) return { duplicate: entry, invitationId: null, message: '' };
  const invitationId = entry?.invitationId ?? null;
  const message = formatLabel(invitationId ? LABELS.walkInInvitedLabel : LABELS.walkInExistingLabel, name);
  return { invitationId, message };
}

/** The open attendee's signature state: signed (and when), the pad, or why the pad is missing. */
export function detailView(
  a: AttendanceInfo | undefined,
  ctx: { canRecord: boolean; signatureWritable: boolean; timeZone?: string },
) {
  const unsigned = !!a && !a.signed && ctx.canRecord;
  return {
    attendance: a,
    signed: a?.signed === true,
    signedText: a?.signed
      ? formatLabel(LABELS.signedTextLabel, a.signedName ?? '', formatClock(a.signedAt, ctx.timeZone))
      : '',
    showPad: unsigned && ctx.signatureWritable,
    showNoAccess: unsigned && !ctx.signatureWritable,
  };
}
