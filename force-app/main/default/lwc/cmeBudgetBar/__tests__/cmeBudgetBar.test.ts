import CmeBudgetBar from 'c/cmeBudgetBar';
import { $, $$, cleanUpEachTest, mountRendered, text, texts } from '../../../../../test/lwcTest';
import { totalsOf } from './fixtures';

const STAGES = [
  { label: 'Estimated', value: 'Estimated' },
  { label: 'Committed', value: 'Committed' },
  { label: 'Actual', value: 'Actual' },
];

function bar(props: Record<string, unknown>): Promise<HTMLElement> {
  return mountRendered('c-cme-budget-bar', CmeBudgetBar, { stageOptions: STAGES, currency: '', ...props });
}

describe('c-cme-budget-bar', () => {
  cleanUpEachTest();

  it('sums up the spend against the budget with a stacked bar and what remains', async () => {
    const element = await bar({ budget: 1000, budgetText: '1,000', totals: totalsOf(100, 200, 300) });
    expect(text($(element, '[data-id="budget-summary"]'))).toMatch(/600.*1,000.*60/);
    expect($(element, '.stack')!.getAttribute('role')).toBe('img');
    expect($$(element, '.segment').map((s) => s.style.width)).toEqual(['10%', '20%', '30%']);
    expect($(element, '.budget-marker')!.style.left).toBe('100%');
    expect(text($(element, '[data-id="remaining"]'))).toMatch(/400/);
    expect($(element, '[data-id="over-budget"]')).toBeNull();
    expect(texts(element, '.legend-text')).toHaveLength(4);
    expect(texts(element, '.legend-text')[0]).toMatch(/^Actual/);
  });

  it('warns of the most serious overrun', async () => {
    const projected = await bar({ budget: 500, budgetText: '500', totals: totalsOf(100, 200, 300) });
    expect($(projected, '[data-id="over-budget"]')!.className).toContain('slds-theme_warning');
    expect(text($(projected, '[data-id="over-budget"]'))).toMatch(/100/);
    const committed = await bar({ budget: 250, budgetText: '250', totals: totalsOf(100, 200, 300) });
    expect($(committed, '[data-id="over-budget"]')!.className).toContain('slds-theme_error');
    const actual = await bar({ budget: 50, budgetText: '50', totals: totalsOf(100, 200, 300) });
    expect(text($(actual, '[data-id="over-budget"]'))).toMatch(/50/);
  });

  it('says when there is no budget, and still totals the stages', async () => {
    const element = await bar({ budget: 0, budgetText: '', totals: totalsOf(0, 0, 1) });
    expect($(element, '[data-id="no-budget"]')).not.toBeNull();
    expect($(element, '.stack')).toBeNull();
    expect(texts(element, '.legend-text')[3]).toMatch(/1 line/);
  });

  it('is accessible with and without a budget', async () => {
    await expect(await bar({ budget: 1000, budgetText: '1,000', totals: totalsOf(100, 200, 300) })).toBeAccessible();
    await expect(await bar({ budget: 0, budgetText: '', totals: totalsOf(0, 0, 0) })).toBeAccessible();
  });
});
