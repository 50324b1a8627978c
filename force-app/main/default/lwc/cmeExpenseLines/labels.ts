/** The custom labels the expense table uses. */
import tableCaptionLabel from '@salesforce/label/c.CME_Expenses_Table_Caption';
import categoryLabel from '@salesforce/label/c.CME_Expenses_Category';
import amountLabel from '@salesforce/label/c.CME_Expenses_Amount';
import stageLabel from '@salesforce/label/c.CME_Expenses_Stage';
import paidToLabel from '@salesforce/label/c.CME_Expenses_Paid_To';
import sharedLabel from '@salesforce/label/c.CME_Expenses_Shared';
import vendorLabel from '@salesforce/label/c.CME_Expenses_Vendor';
import receiptLabel from '@salesforce/label/c.CME_Expenses_Receipt';
import incurredOnLabel from '@salesforce/label/c.CME_Expenses_Incurred_On';
import actionsLabel from '@salesforce/label/c.CME_Expenses_Actions';
import changeStageLabel from '@salesforce/label/c.CME_Expenses_Change_Stage';
import changeStageAriaLabel from '@salesforce/label/c.CME_Expenses_Change_Stage_Aria';
import saveStageLabel from '@salesforce/label/c.CME_Expenses_Save_Stage';
import cancelLabel from '@salesforce/label/c.CME_Expenses_Cancel';
import deleteLabel from '@salesforce/label/c.CME_Expenses_Delete';
import deleteAriaLabel from '@salesforce/label/c.CME_Expenses_Delete_Aria';
import confirmDeleteLabel from '@salesforce/label/c.CME_Expenses_Confirm_Delete';
import keepLabel from '@salesforce/label/c.CME_Expenses_Keep';
import requiredLabel from '@salesforce/label/c.CME_Expenses_Required';
import actualDateLabel from '@salesforce/label/c.CME_Expenses_Actual_Needs_Date';
import stageUpdatedTitleLabel from '@salesforce/label/c.CME_Expenses_Stage_Updated_Title';
import stageUpdatedLabel from '@salesforce/label/c.CME_Expenses_Stage_Updated';
import stageFailedLabel from '@salesforce/label/c.CME_Expenses_Stage_Failed';
import deletedTitleLabel from '@salesforce/label/c.CME_Expenses_Deleted_Title';
import deletedLabel from '@salesforce/label/c.CME_Expenses_Deleted';
import deleteFailedLabel from '@salesforce/label/c.CME_Expenses_Delete_Failed';
import lineNameLabel from '@salesforce/label/c.CME_Expenses_Line_Name';
import lockedLabel from '@salesforce/label/c.CME_Expenses_Locked';

export const LABELS = Object.freeze({
  tableCaptionLabel,
  categoryLabel,
  amountLabel,
  stageLabel,
  paidToLabel,
  sharedLabel,
  vendorLabel,
  receiptLabel,
  incurredOnLabel,
  actionsLabel,
  changeStageLabel,
  changeStageAriaLabel,
  saveStageLabel,
  cancelLabel,
  deleteLabel,
  deleteAriaLabel,
  confirmDeleteLabel,
  keepLabel,
  requiredLabel,
  actualDateLabel,
  stageUpdatedTitleLabel,
  stageUpdatedLabel,
  stageFailedLabel,
  deletedTitleLabel,
  deletedLabel,
  deleteFailedLabel,
  lineNameLabel,
  lockedLabel,
});
