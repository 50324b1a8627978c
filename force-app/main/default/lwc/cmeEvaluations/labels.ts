/** The custom labels the Evaluations screen uses. */
import titleLabel from '@salesforce/label/c.CME_Evaluations_Title';
import loadingLabel from '@salesforce/label/c.CME_Evaluations_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Evaluations_Error_Title';
import notStartedLabel from '@salesforce/label/c.CME_Evaluations_Not_Started';
import notStartedDetailLabel from '@salesforce/label/c.CME_Evaluations_Not_Started_Detail';
import noAttendeesLabel from '@salesforce/label/c.CME_Evaluations_No_Attendees';
import noAttendeesDetailLabel from '@salesforce/label/c.CME_Evaluations_No_Attendees_Detail';
import summaryLabel from '@salesforce/label/c.CME_Evaluations_Summary';
import averageLabel from '@salesforce/label/c.CME_Evaluations_Average';
import attendeesHeadingLabel from '@salesforce/label/c.CME_Evaluations_Attendees_Heading';
import statusCompletedLabel from '@salesforce/label/c.CME_Evaluations_Status_Completed';
import statusNotYetLabel from '@salesforce/label/c.CME_Evaluations_Status_Not_Yet';
import statusNoAttendanceLabel from '@salesforce/label/c.CME_Evaluations_Status_No_Attendance';
import rowAriaLabel from '@salesforce/label/c.CME_Evaluations_Row_Aria';
import noEditAccessLabel from '@salesforce/label/c.CME_Evaluations_No_Edit_Access';
import readOnlyLabel from '@salesforce/label/c.CME_Evaluations_Read_Only';
import formHeadingLabel from '@salesforce/label/c.CME_Evaluations_Form_Heading';
import overallLabel from '@salesforce/label/c.CME_Evaluations_Overall';
import relevanceLabel from '@salesforce/label/c.CME_Evaluations_Relevance';
import speakerLabel from '@salesforce/label/c.CME_Evaluations_Speaker';
import practiceChangeLabel from '@salesforce/label/c.CME_Evaluations_Practice_Change';
import practiceYesLabel from '@salesforce/label/c.CME_Evaluations_Practice_Yes';
import practiceNoLabel from '@salesforce/label/c.CME_Evaluations_Practice_No';
import practiceUnsureLabel from '@salesforce/label/c.CME_Evaluations_Practice_Unsure';
import commentsLabel from '@salesforce/label/c.CME_Evaluations_Comments';
import saveLabel from '@salesforce/label/c.CME_Evaluations_Save';
import savingLabel from '@salesforce/label/c.CME_Evaluations_Saving';
import backLabel from '@salesforce/label/c.CME_Evaluations_Back';
import savedTitleLabel from '@salesforce/label/c.CME_Evaluations_Saved_Title';
import savedMessageLabel from '@salesforce/label/c.CME_Evaluations_Saved_Message';
import saveFailedLabel from '@salesforce/label/c.CME_Evaluations_Save_Failed';
import ratingRequiredLabel from '@salesforce/label/c.CME_Evaluations_Rating_Required';
import practiceRequiredLabel from '@salesforce/label/c.CME_Evaluations_Practice_Required';
import commentsTooLongLabel from '@salesforce/label/c.CME_Evaluations_Comments_Too_Long';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  notStartedLabel,
  notStartedDetailLabel,
  noAttendeesLabel,
  noAttendeesDetailLabel,
  summaryLabel,
  averageLabel,
  attendeesHeadingLabel,
  statusCompletedLabel,
  statusNotYetLabel,
  statusNoAttendanceLabel,
  rowAriaLabel,
  readOnlyLabel,
  noEditAccessLabel,
  formHeadingLabel,
  overallLabel,
  relevanceLabel,
  speakerLabel,
  practiceChangeLabel,
  practiceYesLabel,
  practiceNoLabel,
  practiceUnsureLabel,
  commentsLabel,
  saveLabel,
  savingLabel,
  backLabel,
  savedTitleLabel,
  savedMessageLabel,
  saveFailedLabel,
  ratingRequiredLabel,
  practiceRequiredLabel,
  commentsTooLongLabel,
});
