import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/cmeUi';

import { moneyOrNumber } from 'c/cmeDomain';
import { budgetView } from './budgetLogic';
import type { BudgetTotals, BudgetView } from './budgetLogic';
import { LABELS } from './labels';

interface Option {
  label: string;
  value: string;
}

const NO_TOTALS: BudgetTotals = {
  byStage: {
    Actual: { stage: 'Actual', amount: 0, count: 0 },
    Committed: { stage: 'Committed', amount: 0, count: 0 },
    Estimated: { stage: 'Estimated', amount: 0, count: 0 },
  },
  total: 0,
  count: 0,
};

/**
 * An event's budget against its expense lines: a summary sentence, a bar stacking actual, committed
 * and estimated spend with a marker where the budget ends, the most serious overrun (or what
 * remains), and each stage's total. Shows what it is given; emits nothing.
 */
export default class CmeBudgetBar extends LightningElement {
  /** The event's budget (0: none). */
  @api budget = 0;
  /** The budget as the page shows it (the record's display value when there is no currency). */
  @api budgetText = '';
  /** The rule pack's ISO currency ('' when unknown). */
  @api currency = '';
  /** Totals per stage and over all lines. */
  @api totals: BudgetTotals = NO_TOTALS;
  /** The Stage__c picklist, for the stages' names. */
  @api stageOptions: Option[] = [];

  labels = LABELS;

  private get view(): BudgetView {
    return budgetView(this.budget, this.totals ?? NO_TOTALS);
  }

  private money(amount: number): string {
    return moneyOrNumber(amount, this.currency);
  }

  private stageName(stage: string): string {
    return (this.stageOptions ?? []).find((v) => v.value === stage)?.label ?? stage;
  }

  private linesText(count: number): string {
    return count === 1 ? LABELS.linesOneLabel : formatLabel(LABELS.linesManyLabel, count);
  }

  get hasBudget(): boolean {
    return this.budget > 0;
  }

  get budgetSummary(): string {
    const v = this.view;
    return formatLabel(LABELS.budgetSummaryLabel, this.money(v.projected), this.budgetText, v.usedPercent);
  }

  get overBudgetText(): string {
    const v = this.view;
    if (!this.hasBudget || !v.overLevel) return '';
    const label =
      v.overLevel === 'actual'
        ? LABELS.overActualLabel
        : v.overLevel === 'committed'
          ? LABELS.overCommittedLabel
          : LABELS.overProjectedLabel;
    return formatLabel(label, this.money(v.overBy));
  }

  get overBudgetClass(): string {
    const severe = this.view.overLevel === 'actual' || this.view.overLevel === 'committed';
    return `over-budget slds-scoped-notification slds-var-m-top_x-small ${
      severe ? 'slds-theme_error' : 'slds-theme_warning'
    }`;
  }

  get remainingText(): string {
    return formatLabel(LABELS.remainingLabel, this.money(this.view.remaining));
  }

  get segments() {
    const v = this.view;
    return [
      { key: 'Actual', className: 'segment segment-actual', style: `width: ${v.actualPercent}%` },
      { key: 'Committed', className: 'segment segment-committed', style: `width: ${v.committedPercent}%` },
      { key: 'Estimated', className: 'segment segment-estimated', style: `width: ${v.estimatedPercent}%` },
    ];
  }

  get budgetMarkerStyle(): string {
    return `left: ${this.view.budgetPercent}%`;
  }

  get legend() {
    const t = this.totals ?? NO_TOTALS;
    const rows = ['Actual', 'Committed', 'Estimated'].map((stage) => ({
      key: stage,
      swatchClass: `swatch swatch-${stage.toLowerCase()}`,
      text: formatLabel(
        LABELS.stageTotalLabel,
        this.stageName(stage),
        this.money(t.byStage[stage].amount),
        this.linesText(t.byStage[stage].count),
      ),
    }));
    rows.push({
      key: 'All',
      swatchClass: 'swatch swatch-none',
      text: formatLabel(LABELS.allLinesLabel, this.money(t.total), this.linesText(t.count)),
    });
    return rows;
  }
}
