import { budgetView } from '../budgetLogic';
import { totalsOf } from './fixtures';

describe('cmeBudgetBar logic', () => {
  it('compares spend with the budget at each level', () => {
    const totals = totalsOf(68500.5, 200000, 100000);
    expect(budgetView(500000, totals)).toMatchObject({ overLevel: null, remaining: 131499.5, usedPercent: 74 });
    expect(budgetView(300000, totals)).toMatchObject({ overLevel: 'projected', overBy: 68500.5 });
    expect(budgetView(250000, totals)).toMatchObject({ overLevel: 'committed', overBy: 18500.5 });
    expect(budgetView(60000, totals)).toMatchObject({ overLevel: 'actual', overBy: 8500.5 });
    expect(budgetView(0, totals)).toMatchObject({
      overLevel: null,
      usedPercent: 0,
      budgetPercent: 0,
      actualPercent: 18.6,
    });
    expect(budgetView(0, totalsOf(0, 0, 0))).toMatchObject({ actualPercent: 0, remaining: 0 });
  });

  it('scales the bar to the larger of budget and spend', () => {
    expect(budgetView(100, totalsOf(50, 0, 0))).toMatchObject({ actualPercent: 50, budgetPercent: 100 });
    expect(budgetView(100, totalsOf(100, 100, 0))).toMatchObject({ actualPercent: 50, budgetPercent: 50 });
  });
});
