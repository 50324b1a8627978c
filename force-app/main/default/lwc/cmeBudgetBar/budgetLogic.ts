/**
 * The budget bar's pure logic: the event's budget against its actual, committed and estimated spend
 * (the most serious overrun, what remains, the bar's segment widths) and money in the event currency.
 */
import { sumMoney } from 'c/cmeDomain';

/** Amount and number of lines of one stage. */
export interface StageTotal {
  stage: string;
  amount: number;
  count: number;
}

/** Per stage (Actual, Committed, Estimated) and over all lines. */
export interface BudgetTotals {
  byStage: Record<string, StageTotal>;
  total: number;
  count: number;
}

export type OverBudgetLevel = 'actual' | 'committed' | 'projected';

export interface BudgetView {
  budget: number;
  actual: number;
  committed: number;
  estimated: number;
  /** Every line, whatever its stage: what the event costs if all estimates are spent. */
  projected: number;
  /** The most serious overrun, or null when everything fits. */
  overLevel: OverBudgetLevel | null;
  overBy: number;
  remaining: number;
  /** Widths of the stacked bar's segments and the budget marker, in % of the bar. */
  actualPercent: number;
  committedPercent: number;
  estimatedPercent: number;
  budgetPercent: number;
  /** Projected spend as a whole percentage of the budget. */
  usedPercent: number;
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/**
 * Budget against spend. The overrun reported is the most serious one: actual spend alone, then
 * committed + actual (money already promised, as BUDGET_OVERRUN counts it), then every line.
 */
export function budgetView(budget: number, totals: BudgetTotals): BudgetView {
  const actual = totals.byStage.Actual.amount;
  const committed = totals.byStage.Committed.amount;
  const estimated = totals.byStage.Estimated.amount;
  const projected = totals.total;
  const committedAndActual = sumMoney([actual, committed]);
  let overLevel: OverBudgetLevel | null = null;
  let overBy = 0;
  if (budget > 0) {
    if (actual > budget) [overLevel, overBy] = ['actual', actual - budget];
    else if (committedAndActual > budget) [overLevel, overBy] = ['committed', committedAndActual - budget];
    else if (projected > budget) [overLevel, overBy] = ['projected', projected - budget];
  }
  const scale = Math.max(budget, projected);
  return {
    budget,
    actual,
    committed,
    estimated,
    projected,
    overLevel,
    overBy: sumMoney([overBy]),
    remaining: sumMoney([budget, -projected]),
    actualPercent: percent(actual, scale),
    committedPercent: percent(committed, scale),
    estimatedPercent: percent(estimated, scale),
    budgetPercent: percent(budget, scale),
    usedPercent: budget > 0 ? Math.round((projected / budget) * 100) : 0,
  };
}
