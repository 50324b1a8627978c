import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { evaluateCompliance, ruleSetting } from 'c/cmeDomain';
import type { CmeEvent, ComplianceInput, RulePack } from 'c/cmeDomain';
import { complianceInputFrom, mergeComplianceInputs, recordsOf, rulePacksFrom, todayIso } from 'c/cmeRecords';
import { reduceErrors } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { formatLabel } from 'c/cmeUi';
import {
  choosePack,
  closeoutChecklist,
  findingRows,
  hasEnded,
  historyEventIds,
  historyEventsInput,
  historyWindow,
  involvedDoctorIds,
  isTruncated,
  summaryText,
  windowBounds,
} from './preflight';
import type { CheckItem, FindingRow, PackChoice } from './preflight';
import { EVENT_QUERY, HISTORY_EVENTS_QUERY, HISTORY_QUERY } from './queries';

import { LABELS } from './labels';

type EventNode = CmeEvent & { Rule_Pack__r?: { Name?: string | null } | null };

interface StageOne {
  event?: EventNode;
  input: ComplianceInput;
  packs: RulePack[];
  choice: PackChoice;
  doctorIds: string[];
  truncated: boolean;
}

/** The three queries, each with its own errors. */
type QuerySource = 'event' | 'history' | 'historyEvents';

/** The event query's answer: the event, its HCPs' rules input and the pack that applies. */
function stageOneFrom(data: unknown): StageOne {
  const input = complianceInputFrom(data);
  const event = recordsOf<EventNode>(data, 'CME_Event__c')[0];
  if (!event) throw new Error(LABELS.eventNotFoundLabel);
  // Throws a RulePackError naming the pack and field when an admin left a pack unusable.
  const packs = rulePacksFrom(data);
  const choice = choosePack(event, packs);
  return { event, input, packs, choice, doctorIds: involvedDoctorIds(input), truncated: isTruncated(data) };
}

/** One term of a finding's facts list: its dt and dd (each with its own key) and the dd's class. */
interface Fact {
  key: string;
  valueKey: string;
  label: string;
  value: string;
  valueClass: string;
}

/** A finding's facts in order: its rule id, then the HCP, amount and limit it names, if any. */
function factsOf(row: FindingRow): Fact[] {
  const facts: [string, string, string][] = [
    ['rule-id', LABELS.ruleIdLabel, row.ruleId],
    ['hcp', LABELS.hcpLabel, row.hcp],
    ['amount', LABELS.amountLabel, row.amountText],
    ['limit', LABELS.limitLabel, row.limitText],
  ];
  return facts
    .filter(([, , value]) => value)
    .map(([key, label, value]) => ({
      key,
      valueKey: `${key}-value`,
      label,
      value,
      valueClass: `slds-item_detail ${key}`,
    }));
}

interface Evaluated {
  rows: (FindingRow & {
    facts: Fact[];
    expanded: boolean;
    expandedText: string;
    toggleLabel: string;
    evidenceId: string;
  })[];
  blocking: number;
  warnings: number;
}

export default class CmeCompliancePreflight extends LightningElement {
  @api recordId?: string;

  stageOne: StageOne | undefined = undefined;
  history: ComplianceInput | undefined = undefined;
  historyTruncated = false;
  historyEvents: ComplianceInput | undefined = undefined;
  historyEventsTruncated = false;
  /** Load and evaluation errors by where they came from, so a later success clears only its own. */
  stageErrors: { event: string[]; history: string[]; historyEvents: string[]; evaluation: string[] } = {
    event: [],
    history: [],
    historyEvents: [],
    evaluation: [],
  };
  evaluated: Evaluated | undefined = undefined;
  checklist: CheckItem[] = [];
  eventEnded = false;
  expandedKeys: string[] = [];
  refreshing = false;

  /**
   * Each wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before a wire's first result, when nothing is stale.
   */
  refreshEvent?: () => Promise<void>;
  refreshHistory?: () => Promise<void>;
  refreshHistoryEvents?: () => Promise<void>;

  labels = LABELS;

  // ------------------------------------------------------------------ wires

  get eventVariables(): Record<string, unknown> | undefined {
    return this.recordId ? { eventId: this.recordId } : undefined;
  }

  @wire(graphql, { query: EVENT_QUERY, variables: '$eventVariables' })
  wiredEvent(result: GraphqlResult) {
    if (result.refresh) this.refreshEvent = result.refresh;
    this.settle('event', result, (data) => {
      this.stageOne = data ? stageOneFrom(data) : undefined;
    });
  }

  /** Only once the pack is known (its year decides the window) and the event involves HCPs. */
  get historyVariables(): Record<string, unknown> | undefined {
    const pack = this.stageOne?.choice.pack;
    if (!pack || !this.stageOne?.doctorIds.length) return undefined;
    const bounds = windowBounds(historyWindow(this.stageOne.event, pack, todayIso()));
    return { eventId: this.recordId, doctorIds: this.stageOne.doctorIds, from: bounds.from, to: bounds.to };
  }

  get historyQuery(): string | undefined {
    return this.historyVariables ? HISTORY_QUERY : undefined;
  }

  @wire(graphql, { query: '$historyQuery', variables: '$historyVariables' })
  wiredHistory(result: GraphqlResult) {
    if (result.refresh) this.refreshHistory = result.refresh;
    this.settle('history', result, (data) => {
      this.history = data ? complianceInputFrom(data) : undefined;
      this.historyTruncated = !!data && isTruncated(data);
    });
  }

  get historyEventsVariables(): Record<string, unknown> | undefined {
    if (!this.history || !this.historyVariables) return undefined;
    const ids = historyEventIds(this.history, this.recordId);
    return ids.length ? { historyEventIds: ids } : undefined;
  }

  get historyEventsQuery(): string | undefined {
    return this.historyEventsVariables ? HISTORY_EVENTS_QUERY : undefined;
  }

  @wire(graphql, { query: '$historyEventsQuery', variables: '$historyEventsVariables' })
  wiredHistoryEvents(result: GraphqlResult) {
    if (result.refresh) this.refreshHistoryEvents = result.refresh;
    this.settle('historyEvents', result, (data) => {
      this.historyEvents = data ? historyEventsInput(data) : undefined;
      this.historyEventsTruncated = !!data && isTruncated(data);
    });
  }

  /**
   * Settles one query's answer under its source's name: `keep` reads and stores the data (a throw,
   * such as a pack an admin left unusable, becomes that source's error), and is called without data
   * to clear what it stored when the query failed. A result with neither only re-evaluates.
   */
  private settle(source: QuerySource, { data, errors }: GraphqlResult, keep: (data?: unknown) => void) {
    if (errors && errors.length) {
      keep();
      this.setErrors(source, errors);
    } else if (data) {
      try {
        keep(data);
        this.setErrors(source, null);
      } catch (error) {
        keep();
        this.setErrors(source, error);
      }
    }
    this.recompute();
  }

  /** Records (or, with null, clears) the errors of one source, as messages a user can read. */
  private setErrors(source: keyof CmeCompliancePreflight['stageErrors'], error: unknown) {
    let messages: string[] = [];
    if (error !== null) {
      messages = reduceErrors(error as ErrorLike | ErrorLike[]);
      if (!messages.length) messages = [LABELS.errorTitleLabel];
    }
    this.stageErrors = { ...this.stageErrors, [source]: messages };
  }

  get errors(): string[] {
    const { event, history, historyEvents, evaluation } = this.stageErrors;
    return [...new Set([...event, ...history, ...historyEvents, ...evaluation])];
  }

  // ------------------------------------------------------------------ evaluation

  /** Whether every query the event needs has answered. */
  get isComplete(): boolean {
    if (!this.stageOne) return false;
    if (!this.historyVariables) return true;
    if (!this.history) return false;
    return !this.historyEventsVariables || !!this.historyEvents;
  }

  private recompute() {
    this.evaluated = undefined;
    this.checklist = [];
    this.setErrors('evaluation', null);
    const stage = this.stageOne;
    if (!stage?.event || this.errors.length) return;
    const pack = stage.choice.pack;
    const event = stage.event;
    this.eventEnded = hasEnded(event, Date.now());
    if (this.eventEnded)
      this.checklist = closeoutChecklist(
        event,
        stage.input.attendance ?? [],
        stage.input.expenses ?? [],
        pack ? ruleSetting(pack, 'ATTENDANCE_EVIDENCE').limit : null,
        pack?.currencyCode,
      );
    if (!pack || !this.isComplete) return;
    try {
      const input = mergeComplianceInputs(
        stage.input,
        this.history ?? { events: [] },
        this.historyEvents ?? { events: [] },
      );
      const findings = evaluateCompliance(input, pack, { today: todayIso(), eventIds: [event.Id] });
      const rows = findingRows(findings, input.doctors ?? [], pack.currencyCode).map((row) => {
        const expanded = this.expandedKeys.includes(row.key);
        return {
          ...row,
          facts: factsOf(row),
          expanded,
          expandedText: String(expanded),
          toggleLabel: expanded ? LABELS.evidenceHideLabel : formatLabel(LABELS.evidenceShowLabel, row.evidence.length),
          evidenceId: `evidence-${row.key}`,
        };
      });
      this.evaluated = {
        rows,
        blocking: findings.filter((f) => f.severity === 'block').length,
        warnings: findings.filter((f) => f.severity === 'warn').length,
      };
    } catch (error) {
      this.setErrors('evaluation', error);
    }
  }

  // ------------------------------------------------------------------ view

  get isLoading(): boolean {
    if (this.errors.length) return false;
    if (!this.stageOne) return true;
    return !!this.stageOne.choice.pack && !this.isComplete;
  }

  get hasError(): boolean {
    return this.errors.length > 0;
  }

  get isReady(): boolean {
    return !this.isLoading && !this.hasError && !!this.stageOne;
  }

  get refreshDisabled(): boolean {
    return this.refreshing || this.isLoading;
  }

  get hasPack(): boolean {
    return !!this.evaluated;
  }

  get noPackText(): string {
    const choice = this.stageOne?.choice;
    if (!choice || choice.pack) return '';
    if (choice.problem === 'named-inactive') return formatLabel(LABELS.noPackInactiveLabel, choice.namedPack ?? '');
    if (choice.problem === 'several-active') return formatLabel(LABELS.noPackSeveralLabel, choice.activeCount);
    return LABELS.noPackNoneLabel;
  }

  get packText(): string {
    const pack = this.stageOne?.choice.pack;
    if (!pack) return '';
    return pack.version
      ? formatLabel(LABELS.packLabel, pack.name, pack.code, pack.version)
      : formatLabel(LABELS.packNoVersionLabel, pack.name, pack.code);
  }

  get summary(): string {
    return summaryText(this.evaluated?.blocking ?? 0, this.evaluated?.warnings ?? 0);
  }

  get summaryClass(): string {
    const base = 'summary slds-text-heading_small slds-var-m-vertical_x-small';
    if (!this.evaluated) return base;
    if (this.evaluated.blocking) return `${base} slds-text-color_error`;
    return this.evaluated.warnings ? base : `${base} slds-text-color_success`;
  }

  /** Blocking findings, then warnings, each group only when it has findings. */
  get groups() {
    const rows = this.evaluated?.rows ?? [];
    return [
      { key: 'block', heading: LABELS.blockingHeadingLabel, badge: 'slds-theme_error' },
      { key: 'warn', heading: LABELS.warningsHeadingLabel, badge: 'slds-theme_warning' },
    ]
      .map((g) => {
        const groupRows = rows
          .filter((r) => r.severity === g.key)
          .map((r) => ({ ...r, badgeClass: `severity slds-badge ${g.badge}` }));
        return {
          key: g.key,
          heading: `${g.heading} (${groupRows.length})`,
          headingId: `heading-${g.key}`,
          listClass: `findings findings-${g.key}`,
          rows: groupRows,
        };
      })
      .filter((g) => g.rows.length > 0);
  }

  get isTruncatedHistory(): boolean {
    return !!this.stageOne?.truncated || this.historyTruncated || this.historyEventsTruncated;
  }

  get checklistItems() {
    return this.checklist.map((item) => ({
      ...item,
      mark: item.done ? '✓' : '✗',
      statusLabel: item.done ? LABELS.checkDoneLabel : LABELS.checkMissingLabel,
      itemClass: item.done ? 'check-item check-done' : 'check-item check-missing',
    }));
  }

  get checklistProgress(): string {
    return formatLabel(
      LABELS.checklistProgressLabel,
      this.checklist.filter((c) => c.done).length,
      this.checklist.length,
    );
  }

  get hasChecklist(): boolean {
    return this.checklist.length > 0;
  }

  // ------------------------------------------------------------------ actions

  handleToggleEvidence(event: Event) {
    const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
    this.expandedKeys = this.expandedKeys.includes(key)
      ? this.expandedKeys.filter((k) => k !== key)
      : [...this.expandedKeys, key];
    this.recompute();
  }

  async handleRefresh() {
    this.refreshing = true;
    try {
      await Promise.all([this.refreshEvent?.(), this.refreshHistory?.(), this.refreshHistoryEvents?.()]);
    } catch (error) {
      this.setErrors('event', error);
    } finally {
      this.refreshing = false;
    }
  }
}
