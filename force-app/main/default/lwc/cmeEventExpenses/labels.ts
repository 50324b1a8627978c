/** The custom labels the expenses screen uses (its add form has its own). */
import titleLabel from '@salesforce/label/c.CME_Expenses_Title';
import loadingLabel from '@salesforce/label/c.CME_Expenses_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Expenses_Error_Title';
import emptyLabel from '@salesforce/label/c.CME_Expenses_Empty';
import addLabel from '@salesforce/label/c.CME_Expenses_Add';
import addedTitleLabel from '@salesforce/label/c.CME_Expenses_Added_Title';
import addedLabel from '@salesforce/label/c.CME_Expenses_Added';
import lockedLabel from '@salesforce/label/c.CME_Expenses_Locked';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  emptyLabel,
  addLabel,
  addedTitleLabel,
  addedLabel,
  lockedLabel,
});
