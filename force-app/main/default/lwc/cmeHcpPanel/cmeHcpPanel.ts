import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { formatMoney, hcpName } from 'c/cmeDomain';
import type { Doctor, Expense, RulePack, YearWindow } from 'c/cmeDomain';
import { recordsOf, rulePacksFrom } from 'c/cmeRecords';
import { reduceErrors } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { formatLabel } from 'c/cmeUi';
import {
  attendanceFrom,
  capYear,
  categoryLabels,
  choosePanelPack,
  doctorAllocations,
  engagementStats,
  eventsOf,
  historyRows,
  invitationsFrom,
  transferEventIds,
  transferSummary,
  upcomingInvitations,
} from './hcpModel';
import type { AttendanceRow, Engagement, HistoryRow, InvitationRow, PanelPack, TransferSummary } from './hcpModel';
import { PANEL_QUERY, TRANSFERS_QUERY } from './queries';

import { LABELS } from './labels';

interface Loaded {
  doctor?: Doctor;
  invitations: InvitationRow[];
  attendance: AttendanceRow[];
  directExpenses: (Expense & { Event__r?: { Start__c?: string | null } | null })[];
  packs: RulePack[];
}

/** What one engagement tile says: data-id is its key. */
interface TileContent {
  key: string;
  label: string;
  value: string;
  detail?: string;
}

/** One engagement tile with its grid classes. */
interface EngagementTile extends TileContent {
  className: string;
}

/** Today in UTC, as the domain core counts days. */
function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A 1–5 average as the tiles show it ("4.5 / 5"). */
function ratingText(value: number): string {
  return formatLabel(LABELS.feedbackValueLabel, value.toFixed(1));
}

/**
 * The evaluation tiles: how many events the doctor evaluated, then the completed evaluations' average
 * relevance and speaker quality and their intended practice change. Without a completed evaluation
 * only the first shows, with the other tiles' empty state (notYetLabel): the rest would have nothing
 * to average.
 */
function evaluationTiles(e: Engagement | undefined): TileContent[] {
  const completed = e?.evaluationsCompleted ?? 0;
  const first: TileContent = {
    key: 'evaluations',
    label: LABELS.evaluationsLabel,
    value: completed ? String(completed) : LABELS.notYetLabel,
    detail: completed ? formatLabel(LABELS.evaluationsDetailLabel, e?.eventsAttended ?? 0) : '',
  };
  if (!e || !completed) return [first];
  const basis = (count: number) => (count ? formatLabel(LABELS.evaluationsBasisLabel, count) : '');
  const average = (value: number | null) => (value === null ? LABELS.notYetLabel : ratingText(value));
  return [
    first,
    {
      key: 'relevance',
      label: LABELS.relevanceLabel,
      value: average(e.averageRelevance),
      detail: basis(e.relevanceCount),
    },
    { key: 'speaker', label: LABELS.speakerLabel, value: average(e.averageSpeaker), detail: basis(e.speakerCount) },
    {
      key: 'practice-change',
      label: LABELS.practiceChangeLabel,
      value: e.practiceChangeAnswers
        ? formatLabel(LABELS.practiceChangeValueLabel, e.practiceChangeYes, e.practiceChangeAnswers)
        : LABELS.notYetLabel,
      detail: e.practiceChangeAnswers ? LABELS.practiceChangeDetailLabel : '',
    },
  ];
}

export default class CmeHcpPanel extends LightningElement {
  @api recordId?: string;
  /** How many history rows show before "Show all". */
  @api maxHistoryRows = 10;

  /**
   * Each wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before a wire's first result, when nothing is stale.
   */
  refreshPanel?: () => Promise<void>;
  refreshTransfers?: () => Promise<void>;
  loaded: Loaded | undefined = undefined;
  errors: string[] = [];
  transfersData: unknown = undefined;
  transferErrors: string[] = [];
  showAllHistory = false;

  // Derived once per answer rather than in every getter render.
  panelPack: PanelPack = {};
  capWindow: YearWindow | undefined = undefined;
  engagement: Engagement | undefined = undefined;
  transfers: TransferSummary | undefined = undefined;
  allHistory: HistoryRow[] = [];
  upcomingRows: ReturnType<typeof upcomingInvitations> = [];

  labels = LABELS;

  // ------------------------------------------------------------------ wires

  get panelVariables(): Record<string, unknown> | undefined {
    return this.recordId ? { contactId: this.recordId } : undefined;
  }

  @wire(graphql, { query: PANEL_QUERY, variables: '$panelVariables' })
  wiredPanel(result: GraphqlResult) {
    const { data, errors, refresh } = result;
    if (refresh) this.refreshPanel = refresh;
    if (errors && errors.length) {
      this.loaded = undefined;
      this.setErrors(errors);
    } else if (data) {
      try {
        this.loaded = {
          doctor: recordsOf<Doctor>(data, 'Contact')[0],
          invitations: invitationsFrom(data),
          attendance: attendanceFrom(data),
          directExpenses: recordsOf(data, 'CME_Expense__c'),
          // Throws a RulePackError naming the pack and field when a pack cannot be used.
          packs: rulePacksFrom(data),
        };
        this.errors = [];
      } catch (error) {
        this.loaded = undefined;
        this.setErrors(error);
      }
    }
    this.recompute();
  }

  private setErrors(error: unknown) {
    const messages = reduceErrors(error as ErrorLike | ErrorLike[]);
    this.errors = messages.length ? messages : [LABELS.errorTitleLabel];
  }

  get transferEvents(): string[] {
    const window = this.capWindow;
    if (!this.loaded || !window) return [];
    return transferEventIds(this.loaded.attendance, this.loaded.directExpenses, window);
  }

  get transfersVariables(): Record<string, unknown> | undefined {
    const eventIds = this.transferEvents;
    return eventIds.length ? { contactId: this.recordId, eventIds } : undefined;
  }

  get transfersQuery(): string | undefined {
    return this.transfersVariables ? TRANSFERS_QUERY : undefined;
  }

  @wire(graphql, { query: '$transfersQuery', variables: '$transfersVariables' })
  wiredTransfers(result: GraphqlResult) {
    const { data, errors, refresh } = result;
    if (refresh) this.refreshTransfers = refresh;
    if (errors && errors.length) {
      this.transfersData = undefined;
      this.transferErrors = reduceErrors(errors as ErrorLike[]);
    } else if (data) {
      this.transfersData = data;
      this.transferErrors = [];
    }
    this.recompute();
  }

  private recompute() {
    const loaded = this.loaded;
    const today = utcToday();
    if (!loaded) {
      this.panelPack = {};
      this.capWindow = undefined;
      this.engagement = undefined;
      this.transfers = undefined;
      this.allHistory = [];
      this.upcomingRows = [];
      return;
    }
    this.panelPack = choosePanelPack(eventsOf(loaded.invitations, loaded.attendance), loaded.packs, today);
    const pack = this.panelPack.pack;
    this.capWindow = pack ? capYear(pack, today) : undefined;
    this.engagement = engagementStats(loaded.invitations, loaded.attendance, Date.now());
    this.allHistory = historyRows(loaded.invitations, loaded.attendance);
    this.upcomingRows = upcomingInvitations(loaded.invitations, today);
    this.transfers = undefined;
    if (!pack || !this.capWindow || !this.recordId) return;
    // No events in the year: nothing to load, and nothing transferred.
    const needsData = this.transferEvents.length > 0;
    const data = needsData ? this.transfersData : undefined;
    if (needsData && !data) return;
    const allocations = data ? doctorAllocations(data, this.recordId, loaded.invitations) : [];
    this.transfers = transferSummary(allocations, this.capWindow, pack, data ? categoryLabels(data) : new Map());
  }

  // ------------------------------------------------------------------ state

  get isLoading(): boolean {
    return !this.loaded && this.errors.length === 0;
  }

  get isEmpty(): boolean {
    return !!this.loaded && this.loaded.invitations.length === 0 && this.loaded.attendance.length === 0;
  }

  /** The content shows once loaded and not empty; an error (a failed refresh) replaces it. */
  get hasData(): boolean {
    return !!this.loaded && !this.isEmpty && this.errors.length === 0;
  }

  get doctorName(): string {
    const doctor = this.loaded?.doctor;
    return doctor ? hcpName(doctor, doctor.Id) : '';
  }

  get emptyText(): string {
    return formatLabel(LABELS.emptyLabel, this.doctorName);
  }

  // ------------------------------------------------------------------ engagement

  /** The engagement tiles in order: a term, its value and, for some, a detail line under it; then the evaluations'. */
  get tiles(): EngagementTile[] {
    const e = this.engagement;
    function orNotYet(value: number | null | undefined, format: (value: number) => string): string {
      return value === null || value === undefined ? LABELS.notYetLabel : format(value);
    }
    const countText = (label: string, count = 0) => (count ? formatLabel(label, count) : '');
    const engagement: TileContent[] = [
      {
        key: 'attendance-rate',
        label: LABELS.attendanceRateLabel,
        value: orNotYet(e?.attendanceRate, (rate) => `${rate}%`),
        detail: e?.accepted ? formatLabel(LABELS.attendanceRateDetailLabel, e.attendedOfAccepted, e.accepted) : '',
      },
      {
        key: 'total-minutes',
        label: LABELS.totalMinutesLabel,
        value: new Intl.NumberFormat('en-US').format(e?.totalMinutes ?? 0),
      },
      { key: 'questions', label: LABELS.questionsLabel, value: String(e?.questions ?? 0) },
      {
        key: 'feedback',
        label: LABELS.feedbackLabel,
        value: orNotYet(e?.averageFeedback, ratingText),
        detail: countText(LABELS.feedbackDetailLabel, e?.feedbackCount),
      },
      {
        key: 'score',
        label: LABELS.scoreLabel,
        value: orNotYet(e?.averageScore, (value) => formatLabel(LABELS.scoreValueLabel, value)),
        detail: countText(LABELS.scoreDetailLabel, e?.scoreCount),
      },
    ];
    const evaluations = evaluationTiles(e);
    const count = engagement.length + evaluations.length;
    // Phones show two a row, an odd last one across the width; wider screens a row of the five
    // engagement tiles and one of the (up to four) evaluation tiles.
    const className = (index: number, perRow: number) =>
      `tile slds-col slds-size_1-of-${count % 2 && index === count - 1 ? 1 : 2} slds-medium-size_1-of-${perRow}`;
    return [
      ...engagement.map((tile, i) => ({ ...tile, className: className(i, engagement.length) })),
      ...evaluations.map((tile, i) => ({ ...tile, className: className(engagement.length + i, 4) })),
    ];
  }

  // ------------------------------------------------------------------ transfers of value

  get hasPack(): boolean {
    return !!this.panelPack.pack;
  }

  get packText(): string {
    const { pack, source, event } = this.panelPack;
    if (!pack) return LABELS.packNoneLabel;
    if (source === 'named') return formatLabel(LABELS.packNamedLabel, pack.name, pack.code, event?.Name ?? '');
    return formatLabel(LABELS.packOnlyLabel, pack.name, pack.code);
  }

  get tovHeading(): string {
    return formatLabel(LABELS.tovHeadingLabel, this.capWindow?.label ?? '');
  }

  get hasTransferError(): boolean {
    return this.transferErrors.length > 0;
  }

  get isTransfersLoading(): boolean {
    return !!this.transfersVariables && !this.transfersData && !this.hasTransferError;
  }

  /** The totals show once the transfers are neither loading nor failed (the section's state panel shows those). */
  get isTransfersSettled(): boolean {
    return !this.isTransfersLoading && !this.hasTransferError;
  }

  private money(amount: number): string {
    return formatMoney(amount, this.panelPack.pack?.currencyCode ?? 'USD');
  }

  get hasTransfers(): boolean {
    return (this.transfers?.total ?? 0) > 0;
  }

  get tovNoneText(): string {
    return formatLabel(LABELS.tovNoneLabel, this.capWindow?.label ?? '');
  }

  get hasCap(): boolean {
    return this.transfers?.cap !== null && this.transfers?.cap !== undefined;
  }

  get tovTotalText(): string {
    const t = this.transfers;
    if (!t) return '';
    if (t.cap === null) return formatLabel(LABELS.tovNoCapLabel, this.money(t.total), this.panelPack.pack?.code ?? '');
    return formatLabel(LABELS.tovTotalLabel, this.money(t.total), this.money(t.cap), t.percentOfCap ?? 0);
  }

  get tovSplitText(): string {
    const t = this.transfers;
    return t ? formatLabel(LABELS.tovSplitLabel, this.money(t.paid), this.money(t.committed)) : '';
  }

  get tovStatusText(): string {
    const t = this.transfers;
    if (!t || t.cap === null) return '';
    if (t.over) return formatLabel(LABELS.tovOverLabel, this.money(t.total - t.cap));
    return t.warning ? formatLabel(LABELS.tovWarningLabel, t.warnPercent ?? 0) : '';
  }

  get tovStatusClass(): string {
    return this.transfers?.over
      ? 'tov-status slds-text-color_error slds-text-body_small'
      : 'tov-status slds-text-body_small';
  }

  /** The share of the annual cap the c-cme-progress-bar shows: red over the cap, orange near it. */
  get barValue(): number {
    return this.transfers?.percentOfCap ?? 0;
  }

  get barTone(): string {
    const t = this.transfers;
    if (t?.over) return 'error';
    return t?.warning ? 'warning' : '';
  }

  get categoryRows() {
    return (this.transfers?.byCategory ?? []).map((c) => ({ ...c, amountText: this.money(c.amount) }));
  }

  // ------------------------------------------------------------------ upcoming and history

  get hasUpcoming(): boolean {
    return this.upcomingRows.length > 0;
  }

  get historyTableRows() {
    const rows = this.showAllHistory ? this.allHistory : this.allHistory.slice(0, Math.max(1, this.maxHistoryRows));
    return rows.map((r) => ({
      ...r,
      statusText: r.walkIn ? LABELS.walkInLabel : r.status,
      attendedText: r.attended ? LABELS.yesLabel : LABELS.noLabel,
      minutesText: r.minutes === null ? '' : String(r.minutes),
      hasStart: !!r.start,
    }));
  }

  get hasMoreHistory(): boolean {
    return this.allHistory.length > Math.max(1, this.maxHistoryRows);
  }

  get historyToggleLabel(): string {
    return this.showAllHistory ? LABELS.showFewerLabel : formatLabel(LABELS.showAllLabel, this.allHistory.length);
  }

  // ------------------------------------------------------------------ actions

  handleToggleHistory() {
    this.showAllHistory = !this.showAllHistory;
  }

  async handleRefresh() {
    try {
      await Promise.all([this.refreshPanel?.(), this.refreshTransfers?.()]);
    } catch (error) {
      this.setErrors(error);
    }
  }
}
