import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import type { CmeEvent, ComplianceInput, Doctor, InvitationRole, RulePack } from 'c/cmeDomain';
import { mergeComplianceInputs, todayIso } from 'c/cmeRecords';
import { reduceErrors } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import type { InsightView } from 'c/cmeDoctorRow';
import { formatLabel } from 'c/cmeUi';
import {
  attendedEventIds,
  computeInsights,
  hasMoreRecords,
  historyInputFrom,
  historyRange,
  historyVariables,
  sharedInputFrom,
} from './doctorInsights';
import type { DoctorInsight } from './doctorInsights';
import { insightView } from './insightView';
import { HISTORY_QUERY, SHARED_COSTS_QUERY } from './insightQueries';
import { LABELS } from './labels';

export * from './doctorInsights';
export * from './insightView';

/** How long the rows on screen must stay the same before their history is fetched. */
export const INSIGHT_DELAY_MS = 250;
/** Doctors whose history one request reads (an `in` over their ids). */
export const HISTORY_BATCH_SIZE = 50;

/** A doctor on screen: its id and the record as the domain core reads it. */
export interface InsightDoctor {
  id: string;
  doctor: Doctor;
}

/** What `insightschange` carries: everything known so far (not only the last batch). */
export interface InsightsChange {
  insights: Map<string, DoctorInsight>;
  views: Map<string, InsightView>;
  failedIds: Set<string>;
}

interface InsightBatch {
  ids: string[];
  history?: ComplianceInput;
}

type GraphqlWireResult = GraphqlResult & { errors?: unknown[] };

/**
 * The doctors' insights for the invite screen: once the rows on screen have stayed the same for a
 * moment, it reads the history of those without one (a batch at a time: their invitations,
 * attendance and expenses, then the shared costs of the events they attended), computes the value
 * against the cap, events and warnings, and emits `insightschange`. Shows only its error, with Retry.
 */
export default class CmeDoctorInsights extends LightningElement {
  /** The event (null until loaded) and whether the rule packs have been read. */
  @api event: CmeEvent | null = null;
  @api pack: RulePack | null = null;
  @api roles: ReadonlyMap<string, InvitationRole> = new Map();

  labels = LABELS;
  shown: InsightDoctor[] = [];
  ready = false;
  /** Every doctor seen, for batches after the rows changed. */
  known: Map<string, InsightDoctor> = new Map();
  insights: Map<string, DoctorInsight> = new Map();
  views: Map<string, InsightView> = new Map();
  failedIds: Set<string> = new Set();
  errors: string[] = [];
  batch: InsightBatch | null = null;
  failedBatch: { batch: InsightBatch; stage: 'history' | 'shared' } | null = null;
  historyVars?: Record<string, unknown>;
  sharedVars?: Record<string, unknown>;
  sharedInput: ComplianceInput = { events: [], attendance: [], expenses: [] };
  sharedEventIds: Set<string> = new Set();
  historyResult?: GraphqlWireResult;
  sharedResult?: GraphqlWireResult;
  timer?: number;

  /** The doctors on screen, in order; a new list (other ids) waits for the rows to settle again. */
  @api
  get doctors(): InsightDoctor[] {
    return this.shown;
  }
  set doctors(value: InsightDoctor[]) {
    const next = value ?? [];
    const changed = next.map((d) => d.id).join() !== this.shown.map((d) => d.id).join();
    this.shown = next;
    for (const d of next) this.known.set(d.id, d);
    if (changed) this.schedule();
  }

  /** Whether the event and the rule packs are loaded: insights wait for both. */
  @api
  get loaded(): boolean {
    return this.ready;
  }
  set loaded(value: boolean) {
    this.ready = !!value;
    this.schedule();
  }

  get errorText(): string {
    return this.errors.length ? formatLabel(LABELS.insightsErrorLabel, this.errors.join(' ')) : '';
  }

  get historyQuery(): unknown {
    return this.historyVars ? HISTORY_QUERY : undefined;
  }

  @wire(graphql, { query: '$historyQuery', variables: '$historyVars' })
  wiredHistory(result: GraphqlWireResult) {
    this.historyResult = result;
    const batch = this.batch;
    if (!batch || batch.history) return;
    if (result.errors) {
      this.fail(batch, 'history', result.errors);
      return;
    }
    if (!result.data) return;
    if (hasMoreRecords(result.data)) {
      // More than one page of history: ask again for half the doctors (the rest follow in the next
      // batch); one doctor with more than a page is reported rather than summed from a cut list.
      if (batch.ids.length > 1) this.start(batch.ids.slice(0, Math.ceil(batch.ids.length / 2)));
      else this.fail(batch, 'history', LABELS.historyTooLargeLabel);
      return;
    }
    let history: ComplianceInput;
    try {
      history = historyInputFrom(result.data);
    } catch (error) {
      this.fail(batch, 'history', error);
      return;
    }
    this.batch = { ...batch, history };
    const needed = attendedEventIds(history).filter((id) => !this.sharedEventIds.has(id));
    if (needed.length === 0) this.complete();
    else this.sharedVars = { eventIds: needed };
  }

  get sharedQuery(): unknown {
    return this.sharedVars ? SHARED_COSTS_QUERY : undefined;
  }

  @wire(graphql, { query: '$sharedQuery', variables: '$sharedVars' })
  wiredShared(result: GraphqlWireResult) {
    this.sharedResult = result;
    const batch = this.batch;
    if (!batch?.history) return;
    if (result.errors) {
      this.fail(batch, 'shared', result.errors);
      return;
    }
    if (!result.data) return;
    if (hasMoreRecords(result.data)) {
      // An event with more attendance or shared lines than a page: its split cannot be computed here.
      this.fail(batch, 'shared', LABELS.historyTooLargeLabel);
      return;
    }
    const shared = sharedInputFrom(result.data);
    this.sharedInput = mergeComplianceInputs(this.sharedInput, shared);
    this.sharedEventIds = new Set([...this.sharedEventIds, ...shared.events.map((e) => e.Id)]);
    this.complete();
  }

  /** Starts loading history for shown doctors without insights once the rows have been stable for a moment. */
  schedule(): void {
    // Rows that vanish with the next search are not worth a request.
    window.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch || this.failedBatch || !this.ready || !this.event) return;
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.timer = window.setTimeout(() => this.start(), INSIGHT_DELAY_MS);
  }

  /** Asks for the history of these doctors, or of the next shown doctors without insights. */
  start(ids?: string[]): void {
    this.timer = undefined;
    const missing =
      ids ??
      this.shown
        .map((d) => d.id)
        .filter((id) => !this.insights.has(id) && !this.failedIds.has(id))
        .slice(0, HISTORY_BATCH_SIZE);
    if (missing.length === 0) return;
    this.batch = { ids: missing };
    this.historyVars = historyVariables(
      missing,
      historyRange(this.event ?? undefined, this.pack ?? undefined, todayIso()),
    );
  }

  complete(): void {
    const batch = this.batch;
    const event = this.event;
    /* istanbul ignore if -- a batch only starts once the event is loaded */
    if (!batch?.history || !event) return;
    const doctors = batch.ids.map((id) => this.known.get(id)?.doctor).filter((d) => d !== undefined);
    try {
      const pack = this.pack ?? undefined;
      const computed = computeInsights(mergeComplianceInputs(batch.history, this.sharedInput), {
        event,
        pack,
        today: todayIso(),
        now: new Date().toISOString(),
        doctors,
        roles: this.roles ?? new Map(),
      });
      this.insights = new Map([...this.insights, ...computed]);
      const views = [...computed].map(([id, insight]) => [id, insightView(insight, pack?.currencyCode)] as const);
      this.views = new Map([...this.views, ...views]);
      this.batch = null;
    } catch (error) {
      this.fail(batch, 'shared', error);
      return;
    }
    this.emit();
    this.schedule();
  }

  fail(batch: InsightBatch, stage: 'history' | 'shared', error: unknown): void {
    this.errors = reduceErrors(error as ErrorLike | ErrorLike[]);
    this.failedIds = new Set([...this.failedIds, ...batch.ids]);
    this.failedBatch = { batch, stage };
    this.batch = null;
    this.emit();
  }

  emit(): void {
    const detail: InsightsChange = { insights: this.insights, views: this.views, failedIds: this.failedIds };
    this.dispatchEvent(new CustomEvent<InsightsChange>('insightschange', { detail }));
  }

  async handleRetry(): Promise<void> {
    const failed = this.failedBatch;
    this.errors = [];
    this.failedIds = new Set();
    this.failedBatch = null;
    this.emit();
    /* istanbul ignore if -- Retry shows only with a failed batch */
    if (!failed) return;
    const stillShown = new Set(this.shown.map((d) => d.id));
    if (!failed.batch.ids.every((id) => stillShown.has(id)) && failed.stage === 'history') {
      // Different rows now: a fresh batch for what is on screen.
      this.schedule();
      return;
    }
    this.batch = failed.batch;
    try {
      // lightning/graphql refreshes through the `refresh` function on the wire's emitted result
      // (lwc-recipes graphqlRefresh; the sfdx-lwc-jest stub's emit puts it there).
      await (failed.stage === 'history' ? this.historyResult : this.sharedResult)?.refresh?.();
    } catch (error) {
      this.fail(failed.batch, failed.stage, error);
    }
  }

  disconnectedCallback(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
