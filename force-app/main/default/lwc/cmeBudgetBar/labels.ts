/** The custom labels the budget bar uses. */
import budgetHeadingLabel from '@salesforce/label/c.CME_Expenses_Budget_Heading';
import budgetSummaryLabel from '@salesforce/label/c.CME_Expenses_Budget_Summary';
import noBudgetLabel from '@salesforce/label/c.CME_Expenses_No_Budget';
import overActualLabel from '@salesforce/label/c.CME_Expenses_Over_Actual';
import overCommittedLabel from '@salesforce/label/c.CME_Expenses_Over_Committed';
import overProjectedLabel from '@salesforce/label/c.CME_Expenses_Over_Projected';
import remainingLabel from '@salesforce/label/c.CME_Expenses_Remaining';
import stageTotalLabel from '@salesforce/label/c.CME_Expenses_Stage_Total';
import allLinesLabel from '@salesforce/label/c.CME_Expenses_All_Lines';
import linesManyLabel from '@salesforce/label/c.CME_Expenses_Lines_Many';
import linesOneLabel from '@salesforce/label/c.CME_Expenses_Lines_One';

export const LABELS = Object.freeze({
  budgetHeadingLabel,
  budgetSummaryLabel,
  noBudgetLabel,
  overActualLabel,
  overCommittedLabel,
  overProjectedLabel,
  remainingLabel,
  stageTotalLabel,
  allLinesLabel,
  linesManyLabel,
  linesOneLabel,
});
