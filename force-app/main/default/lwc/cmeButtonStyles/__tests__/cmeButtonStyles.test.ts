// The CSS module c/cmeButtonStyles has no JavaScript: its rules are tested where they land, in the
// templates of components whose CSS imports it (`@import 'c/cmeButtonStyles';`).
import CmeExpenseForm from '../../cmeExpenseForm/cmeExpenseForm';
import CmeWalkInForm from '../../cmeWalkInForm/cmeWalkInForm';
import { $$, cleanUpEachTest, mount } from '../../../../../test/lwcTest';

const IMPORTERS: [string, Parameters<typeof mount>[1]][] = [
  ['c-cme-walk-in-form', CmeWalkInForm],
  ['c-cme-expense-form', CmeExpenseForm],
];

describe('c/cmeButtonStyles', () => {
  cleanUpEachTest();

  it.each(IMPORTERS)('gives %s its 44 px action buttons in a wrapping row', (tag, Component) => {
    const element = mount(tag, Component, { categoryValues: [], stageOptions: [], paymentFormValues: [] });
    const buttons = $$(element, '.action-button');
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) {
      const style = getComputedStyle(button);
      expect([style.minHeight, style.whiteSpace, style.marginLeft]).toEqual(['44px', 'nowrap', '0px']);
    }
    const row = getComputedStyle($$(element, '.button-row')[0]);
    expect([row.display, row.flexWrap]).toEqual(['flex', 'wrap']);
  });

  it('styles nothing outside the templates of the components that import it', () => {
    mount('c-cme-walk-in-form', CmeWalkInForm);
    const row = document.createElement('div');
    row.className = 'button-row';
    const button = document.createElement('button');
    button.className = 'action-button';
    row.appendChild(button);
    document.body.appendChild(row);
    expect(getComputedStyle(row).display).not.toBe('flex');
    expect(getComputedStyle(button).minHeight).not.toBe('44px');
  });
});
