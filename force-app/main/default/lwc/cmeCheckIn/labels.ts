/** The custom labels the check-in screen, its roster view and its messages use. */
import titleLabel from '@salesforce/label/c.CME_CheckIn_Title';
import loadingLabel from '@salesforce/label/c.CME_CheckIn_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_CheckIn_Error_Title';
import countsLabel from '@salesforce/label/c.CME_CheckIn_Counts';
import countsWalkInsLabel from '@salesforce/label/c.CME_CheckIn_Counts_Walk_Ins';
import countsWalkInLabel from '@salesforce/label/c.CME_CheckIn_Counts_Walk_In';
import countsOthersLabel from '@salesforce/label/c.CME_CheckIn_Counts_Others';
import countsOtherLabel from '@salesforce/label/c.CME_CheckIn_Counts_Other';
import searchLabel from '@salesforce/label/c.CME_CheckIn_Search_Label';
import searchPlaceholderLabel from '@salesforce/label/c.CME_CheckIn_Search_Placeholder';
import searchHelpLabel from '@salesforce/label/c.CME_CheckIn_Search_Help';
import resultsManyLabel from '@salesforce/label/c.CME_CheckIn_Results_Many';
import resultsOneLabel from '@salesforce/label/c.CME_CheckIn_Results_One';
import noMatchLabel from '@salesforce/label/c.CME_CheckIn_No_Match';
import moreRowsLabel from '@salesforce/label/c.CME_CheckIn_More_Rows';
import emptyLabel from '@salesforce/label/c.CME_CheckIn_Empty';
import listLabel from '@salesforce/label/c.CME_CheckIn_List_Label';
import checkInLabel from '@salesforce/label/c.CME_CheckIn_Check_In';
import checkingInLabel from '@salesforce/label/c.CME_CheckIn_Checking_In';
import checkInAriaLabel from '@salesforce/label/c.CME_CheckIn_Check_In_Aria';
import checkedInAtLabel from '@salesforce/label/c.CME_CheckIn_Checked_In_At';
import notCheckedInLabel from '@salesforce/label/c.CME_CheckIn_Not_Checked_In';
import walkInBadgeLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Badge';
import registrationShortLabel from '@salesforce/label/c.CME_CheckIn_Registration_Short';
import detailsLabel from '@salesforce/label/c.CME_CheckIn_Details';
import detailsAriaLabel from '@salesforce/label/c.CME_CheckIn_Details_Aria';
import signedAtLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Signed';
import needsSignatureLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Needs_Signature';
import virtualMinutesLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Minutes';
import needsMinutesLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Needs_Minutes';
import needsEvidenceLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Needed';
import noMealLabel from '@salesforce/label/c.CME_CheckIn_No_Meal';
import modeLabel from '@salesforce/label/c.CME_CheckIn_Mode_Label';
import modeInPersonLabel from '@salesforce/label/c.CME_CheckIn_Mode_In_Person';
import modeVirtualLabel from '@salesforce/label/c.CME_CheckIn_Mode_Virtual';
import notYetLabel from '@salesforce/label/c.CME_CheckIn_Not_Yet';
import lockedLabel from '@salesforce/label/c.CME_CheckIn_Locked';
import cancelledLabel from '@salesforce/label/c.CME_CheckIn_Cancelled';
import closedLabel from '@salesforce/label/c.CME_CheckIn_Closed';
import lateLabel from '@salesforce/label/c.CME_CheckIn_Late';
import unknownStatusLabel from '@salesforce/label/c.CME_CheckIn_Unknown_Status';
import successTitleLabel from '@salesforce/label/c.CME_CheckIn_Success_Title';
import successLabel from '@salesforce/label/c.CME_CheckIn_Success';
import duplicateTitleLabel from '@salesforce/label/c.CME_CheckIn_Duplicate_Title';
import duplicateLabel from '@salesforce/label/c.CME_CheckIn_Duplicate';
import failedLabel from '@salesforce/label/c.CME_CheckIn_Failed';
import walkInRegisterLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Register';
import walkInSuccessTitleLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Success_Title';
import walkInNewLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_New';
import walkInExistingLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Existing';
import walkInInvitedLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Invited';
import walkInFailedLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Failed';
import signedTextLabel from '@salesforce/label/c.CME_CheckIn_Signed_Text';
import signatureSavedTitleLabel from '@salesforce/label/c.CME_CheckIn_Signature_Saved_Title';
import signatureSavedLabel from '@salesforce/label/c.CME_CheckIn_Signature_Saved';
import signatureFailedLabel from '@salesforce/label/c.CME_CheckIn_Signature_Failed';
import signatureNoAccessLabel from '@salesforce/label/c.CME_CheckIn_Signature_No_Access';
import updatedTitleLabel from '@salesforce/label/c.CME_CheckIn_Updated_Title';
import mealSavedLabel from '@salesforce/label/c.CME_CheckIn_Meal_Saved';
import mealKeptLabel from '@salesforce/label/c.CME_CheckIn_Meal_Kept';
import minutesSavedLabel from '@salesforce/label/c.CME_CheckIn_Minutes_Saved';
import updateFailedLabel from '@salesforce/label/c.CME_CheckIn_Update_Failed';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  countsLabel,
  countsWalkInsLabel,
  countsWalkInLabel,
  countsOthersLabel,
  countsOtherLabel,
  searchLabel,
  searchPlaceholderLabel,
  searchHelpLabel,
  resultsManyLabel,
  resultsOneLabel,
  noMatchLabel,
  moreRowsLabel,
  emptyLabel,
  listLabel,
  checkInLabel,
  checkingInLabel,
  checkInAriaLabel,
  checkedInAtLabel,
  notCheckedInLabel,
  walkInBadgeLabel,
  registrationShortLabel,
  detailsLabel,
  detailsAriaLabel,
  signedAtLabel,
  needsSignatureLabel,
  virtualMinutesLabel,
  needsMinutesLabel,
  needsEvidenceLabel,
  noMealLabel,
  modeLabel,
  modeInPersonLabel,
  modeVirtualLabel,
  notYetLabel,
  lockedLabel,
  cancelledLabel,
  closedLabel,
  lateLabel,
  unknownStatusLabel,
  successTitleLabel,
  successLabel,
  duplicateTitleLabel,
  duplicateLabel,
  failedLabel,
  walkInRegisterLabel,
  walkInSuccessTitleLabel,
  walkInNewLabel,
  walkInExistingLabel,
  walkInInvitedLabel,
  walkInFailedLabel,
  signedTextLabel,
  signatureSavedTitleLabel,
  signatureSavedLabel,
  signatureFailedLabel,
  signatureNoAccessLabel,
  updatedTitleLabel,
  mealSavedLabel,
  mealKeptLabel,
  minutesSavedLabel,
  updateFailedLabel,
});
