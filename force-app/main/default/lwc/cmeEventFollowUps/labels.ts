/** The custom labels the event follow-ups uses. */
import titleLabel from '@salesforce/label/c.CME_FollowUps_Title';
import loadingLabel from '@salesforce/label/c.CME_FollowUps_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_FollowUps_Error_Title';
import newHeadingLabel from '@salesforce/label/c.CME_FollowUps_New_Heading';
import attendeesLegendLabel from '@salesforce/label/c.CME_FollowUps_Attendees_Legend';
import selectAllLabel from '@salesforce/label/c.CME_FollowUps_Select_All';
import selectedCountLabel from '@salesforce/label/c.CME_FollowUps_Selected_Count';
import templateLabel from '@salesforce/label/c.CME_FollowUps_Template';
import subjectLabel from '@salesforce/label/c.CME_FollowUps_Subject';
import dueDateLabel from '@salesforce/label/c.CME_FollowUps_Due_Date';
import priorityLabel from '@salesforce/label/c.CME_FollowUps_Priority';
import descriptionLabel from '@salesforce/label/c.CME_FollowUps_Description';
import createOneLabel from '@salesforce/label/c.CME_FollowUps_Create_One';
import createManyLabel from '@salesforce/label/c.CME_FollowUps_Create_Many';
import createNoneLabel from '@salesforce/label/c.CME_FollowUps_Create_None';
import savingLabel from '@salesforce/label/c.CME_FollowUps_Saving';
import createdTitleLabel from '@salesforce/label/c.CME_FollowUps_Created_Title';
import createdOneLabel from '@salesforce/label/c.CME_FollowUps_Created_One';
import createdManyLabel from '@salesforce/label/c.CME_FollowUps_Created_Many';
import partialTitleLabel from '@salesforce/label/c.CME_FollowUps_Partial_Title';
import failedTitleLabel from '@salesforce/label/c.CME_FollowUps_Failed_Title';
import failuresHeadingLabel from '@salesforce/label/c.CME_FollowUps_Failures_Heading';
import failureItemLabel from '@salesforce/label/c.CME_FollowUps_Failure_Item';
import openHeadingLabel from '@salesforce/label/c.CME_FollowUps_Open_Heading';
import columnDoctorLabel from '@salesforce/label/c.CME_FollowUps_Column_Doctor';
import columnSubjectLabel from '@salesforce/label/c.CME_FollowUps_Column_Subject';
import columnDueLabel from '@salesforce/label/c.CME_FollowUps_Column_Due';
import columnOwnerLabel from '@salesforce/label/c.CME_FollowUps_Column_Owner';
import columnActionLabel from '@salesforce/label/c.CME_FollowUps_Column_Action';
import markDoneLabel from '@salesforce/label/c.CME_FollowUps_Mark_Done';
import markDoneAltLabel from '@salesforce/label/c.CME_FollowUps_Mark_Done_Alt';
import doneTitleLabel from '@salesforce/label/c.CME_FollowUps_Done_Title';
import doneMessageLabel from '@salesforce/label/c.CME_FollowUps_Done_Message';
import doneErrorLabel from '@salesforce/label/c.CME_FollowUps_Done_Error';
import overdueLabel from '@salesforce/label/c.CME_FollowUps_Overdue';
import noDueLabel from '@salesforce/label/c.CME_FollowUps_No_Due';
import noAttendeesLabel from '@salesforce/label/c.CME_FollowUps_No_Attendees';
import noOpenLabel from '@salesforce/label/c.CME_FollowUps_No_Open';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  newHeadingLabel,
  attendeesLegendLabel,
  selectAllLabel,
  selectedCountLabel,
  templateLabel,
  subjectLabel,
  dueDateLabel,
  priorityLabel,
  descriptionLabel,
  createOneLabel,
  createManyLabel,
  createNoneLabel,
  savingLabel,
  createdTitleLabel,
  createdOneLabel,
  createdManyLabel,
  partialTitleLabel,
  failedTitleLabel,
  failuresHeadingLabel,
  failureItemLabel,
  openHeadingLabel,
  columnDoctorLabel,
  columnSubjectLabel,
  columnDueLabel,
  columnOwnerLabel,
  columnActionLabel,
  markDoneLabel,
  markDoneAltLabel,
  doneTitleLabel,
  doneMessageLabel,
  doneErrorLabel,
  overdueLabel,
  noDueLabel,
  noAttendeesLabel,
  noOpenLabel,
});
