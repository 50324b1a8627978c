/** The custom labels the add-expense form uses. */
import formTitleLabel from '@salesforce/label/c.CME_Expenses_Form_Title';
import categoryLabel from '@salesforce/label/c.CME_Expenses_Category';
import amountLabel from '@salesforce/label/c.CME_Expenses_Amount';
import amountWithCurrencyLabel from '@salesforce/label/c.CME_Expenses_Amount_With_Currency';
import stageLabel from '@salesforce/label/c.CME_Expenses_Stage';
import paidToLabel from '@salesforce/label/c.CME_Expenses_Paid_To';
import sharedOptionLabel from '@salesforce/label/c.CME_Expenses_Shared_Option';
import incurredOnLabel from '@salesforce/label/c.CME_Expenses_Incurred_On';
import paymentFormLabel from '@salesforce/label/c.CME_Expenses_Payment_Form';
import noneLabel from '@salesforce/label/c.CME_Expenses_None';
import vendorLabel from '@salesforce/label/c.CME_Expenses_Vendor';
import receiptLabel from '@salesforce/label/c.CME_Expenses_Receipt';
import descriptionLabel from '@salesforce/label/c.CME_Expenses_Description';
import saveLabel from '@salesforce/label/c.CME_Expenses_Save';
import cancelLabel from '@salesforce/label/c.CME_Expenses_Cancel';
import savingLabel from '@salesforce/label/c.CME_Expenses_Saving';
import saveFailedLabel from '@salesforce/label/c.CME_Expenses_Save_Failed';
import lockedLabel from '@salesforce/label/c.CME_Expenses_Locked';
import requiredLabel from '@salesforce/label/c.CME_Expenses_Required';
import positiveLabel from '@salesforce/label/c.CME_Expenses_Amount_Positive';
import honorariumLabel from '@salesforce/label/c.CME_Expenses_Honorarium_Needs_Doctor';
import actualDateLabel from '@salesforce/label/c.CME_Expenses_Actual_Needs_Date';

export const LABELS = Object.freeze({
  formTitleLabel,
  categoryLabel,
  amountLabel,
  amountWithCurrencyLabel,
  stageLabel,
  paidToLabel,
  sharedOptionLabel,
  incurredOnLabel,
  paymentFormLabel,
  noneLabel,
  vendorLabel,
  receiptLabel,
  descriptionLabel,
  saveLabel,
  cancelLabel,
  savingLabel,
  saveFailedLabel,
  lockedLabel,
  requiredLabel,
  positiveLabel,
  honorariumLabel,
  actualDateLabel,
});
