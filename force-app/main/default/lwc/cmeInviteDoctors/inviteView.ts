// What the invite screen's status lines, notes and buttons say, from its state: pure, so the screen
// only holds state and wiring (tested through the screen and in inviteView.test.ts).
import { isApprovalLocked } from 'c/cmeDomain';
import type { RulePack } from 'c/cmeDomain';
import { formatLabel } from 'c/cmeUi';
import { capWindowOf } from 'c/cmeDoctorInsights';
import type { InviteOutcome } from 'c/cmeInviteBar';
import { numberText } from './doctorRows';
import { LABELS } from './labels';

/**
 * The most result rows the screen holds: past this it asks the user to narrow the search. Cursor
 * paging without upperBound stops at 4,000 records (developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html),
 * and the invitations of the rows on screen are read with one `in` over their ids, so 500 keeps both
 * far inside the limits (at most 500 invitations: one per doctor per event, Invitation_Key__c).
 */
export const MAX_LOADED_ROWS = 500;

/** Where the search and its pages stand. */
export interface SearchState {
  shown: number;
  total: number;
  pageRows: number;
  nextCursor: string | null;
  loadingMore: boolean;
  doctorsLoaded: boolean;
  /** Errors of the first page of the applied search. */
  doctorErrors: readonly string[];
  /** Errors of a later page. */
  moreErrors: readonly string[];
}

export interface SearchView {
  matchCountText: string;
  searchErrorText: string;
  loadingMoreText: string;
  loadIncompleteText: string;
  refineText: string;
  /** Past MAX_LOADED_ROWS the screen asks for a narrower search instead of more pages. */
  atRowLimit: boolean;
  hasMore: boolean;
  showMoreText: string;
}

export function searchView(s: SearchState): SearchView {
  const shown = numberText(s.shown);
  const total = numberText(s.total);
  const atRowLimit = !!s.nextCursor && s.shown >= MAX_LOADED_ROWS;
  const left = Math.max(0, s.total - s.shown);
  return {
    matchCountText: formatLabel(LABELS.matchCountLabel, shown, total),
    searchErrorText:
      s.doctorsLoaded && s.doctorErrors.length ? formatLabel(LABELS.searchErrorLabel, s.doctorErrors.join(' ')) : '',
    loadingMoreText: formatLabel(LABELS.loadingMoreLabel, shown, total),
    loadIncompleteText: s.moreErrors.length
      ? formatLabel(LABELS.loadIncompleteLabel, shown, total, s.moreErrors.join(' '))
      : '',
    refineText: atRowLimit ? formatLabel(LABELS.refineSearchLabel, shown, total) : '',
    atRowLimit,
    hasMore: !!s.nextCursor && !atRowLimit && !s.loadingMore,
    showMoreText: formatLabel(LABELS.showMoreLabel, numberText(Math.min(s.pageRows, left || s.pageRows))),
  };
}

/** A notice naming what failed ('' when nothing did). */
export function errorNotice(label: string, messages: readonly string[]): string {
  return messages.length ? formatLabel(label, messages.join(' ')) : '';
}

/** Which year the figures cover, and under which pack. */
export function yearNoteText(today: string, pack: RulePack | undefined): string {
  const window = capWindowOf(today, pack);
  return pack
    ? formatLabel(LABELS.yearNoteLabel, window.label, pack.name)
    : formatLabel(LABELS.yearNoteNoPackLabel, window.label);
}

/** The selection as the screen holds it. */
export interface SelectionState {
  /** The doctors on screen. */
  shown: readonly { id: string }[];
  selectedIds: ReadonlySet<string>;
  isInvited: (doctorId: string) => boolean;
  /** Whether doctors can be picked now (the event is open for invitations, nothing is being sent). */
  canSelect: boolean;
  /** Whether a doctor's insights have a blocking warning. */
  isBlocking: (doctorId: string) => boolean;
}

export interface Selection {
  /** Selected doctors who can still be invited (not invited meanwhile): what c-cme-invite-bar sends. */
  inviteIds: string[];
  /** How many of them have blocking warnings. */
  blockingCount: number;
  /** The doctors on screen who can still be invited: what "select all" picks. */
  selectableShownIds: string[];
  allShownSelected: boolean;
  selectAllDisabled: boolean;
}

/** What the selection is and what the select-all box allows (c-cme-invite-bar words the rest). */
export function selectionOf(s: SelectionState): Selection {
  const inviteIds = [...s.selectedIds].filter((id) => !s.isInvited(id));
  const selectableShownIds = s.shown.map((d) => d.id).filter((id) => !s.isInvited(id));
  return {
    inviteIds,
    blockingCount: inviteIds.filter(s.isBlocking).length,
    selectableShownIds,
    allShownSelected: selectableShownIds.length > 0 && selectableShownIds.every((id) => s.selectedIds.has(id)),
    selectAllDisabled: !s.canSelect || selectableShownIds.length === 0,
  };
}

/** Where the loading stands. */
export interface LoadState {
  doctorsLoaded: boolean;
  searching: boolean;
  /** A filter is applied. */
  filtered: boolean;
  /** How many doctors are on screen. */
  shown: number;
  eventErrors: readonly string[];
  /** Errors of the first page of the applied search. */
  doctorErrors: readonly string[];
}

/** Which of its states the screen is in. */
export interface ScreenState {
  /** The state panel's spinner: the first page has not arrived (and nothing failed). */
  loading: boolean;
  /** The state panel's errors: the event's, and the first page's while none has arrived. */
  loadErrors: string[];
  /** Neither loading nor failed: the screen itself shows (the state panel shows the others). */
  ready: boolean;
  /** There are no doctors at all (not merely none matching a filter). */
  noDoctors: boolean;
  hasMatches: boolean;
  filtered: boolean;
}

export function screenStateOf(s: LoadState): ScreenState {
  const loadErrors = [...s.eventErrors, ...(s.doctorsLoaded ? [] : s.doctorErrors)];
  const loading = !s.doctorsLoaded && loadErrors.length === 0;
  return {
    loading,
    loadErrors,
    ready: !loading && loadErrors.length === 0,
    noDoctors: s.doctorsLoaded && !s.searching && !s.filtered && s.shown === 0,
    hasMatches: s.shown > 0,
    filtered: s.filtered,
  };
}

/** The notice of a blocked event: why (the approval lock, or the status), and the pack's words. */
export interface BlockedNotice {
  reason: string;
  detail: string;
}

/** The notice for the event's Status__c field and the rule pack's reason (`packDetail`). */
export function blockedNoticeOf(
  status: { value?: unknown; displayValue?: string | null } | undefined,
  packDetail: string,
): BlockedNotice {
  const value = status?.value as string | null | undefined;
  // Pending approval: Salesforce locks the event and its invitations until the approval is decided.
  const reason = isApprovalLocked(value)
    ? LABELS.lockedReasonLabel
    : formatLabel(LABELS.blockedReasonLabel, status?.displayValue ?? String(value ?? ''));
  // The pack's own words add something only when the status alone does not explain the block.
  return { reason, detail: value === 'Approved' ? packDetail : '' };
}

/** The toast after sending: a summary, and a line per failed doctor (named by `nameOf`). */
export function outcomeMessage(
  outcome: InviteOutcome,
  nameOf: (doctorId: string) => string,
): { ok: boolean; title: string; lines: string[] } {
  const summary = formatLabel(
    LABELS.toastSummaryLabel,
    numberText(outcome.invited.length),
    numberText(outcome.alreadyInvited.length),
    numberText(outcome.failed.length),
  );
  if (outcome.failed.length === 0) return { ok: true, title: LABELS.toastSuccessTitleLabel, lines: [summary] };
  const lines = outcome.failed.map((f) =>
    formatLabel(LABELS.toastFailureLineLabel, nameOf(f.doctorId), f.messages.join(' ') || LABELS.unknownErrorLabel),
  );
  return { ok: false, title: LABELS.toastPartialTitleLabel, lines: [summary, ...lines] };
}
