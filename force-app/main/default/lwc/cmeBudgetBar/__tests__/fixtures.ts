/** The budget bar's test input (not a test: jest runs *.test.ts). */
import type { BudgetTotals } from '../budgetLogic';

/** Totals as c-cme-event-expenses passes them: per stage and over all lines (one line per stage with an amount). */
export function totalsOf(actual: number, committed: number, estimated: number): BudgetTotals {
  const stage = (name: string, amount: number) => ({ stage: name, amount, count: amount ? 1 : 0 });
  return {
    byStage: {
      Actual: stage('Actual', actual),
      Committed: stage('Committed', committed),
      Estimated: stage('Estimated', estimated),
    },
    total: Math.round((actual + committed + estimated) * 100) / 100,
    count: [actual, committed, estimated].filter(Boolean).length,
  };
}
