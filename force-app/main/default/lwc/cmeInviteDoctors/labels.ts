/** The custom labels the invite screen and its model files use (its children have their own). */
import { COLUMN_LABELS } from 'c/cmeDoctorRow';
import titleLabel from '@salesforce/label/c.CME_Invite_Title';
import loadingLabel from '@salesforce/label/c.CME_Invite_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Invite_Error_Title';
import searchingLabel from '@salesforce/label/c.CME_Invite_Searching';
import searchErrorLabel from '@salesforce/label/c.CME_Invite_Search_Error';
import refineSearchLabel from '@salesforce/label/c.CME_Invite_Refine_Search';
import historyTooLargeLabel from '@salesforce/label/c.CME_Invite_History_Too_Large';
import lockedReasonLabel from '@salesforce/label/c.CME_Invite_Locked_Reason';
import packTooLargeLabel from '@salesforce/label/c.CME_Invite_Pack_Too_Large';
import matchCountLabel from '@salesforce/label/c.CME_Invite_Match_Count';
import loadingMoreLabel from '@salesforce/label/c.CME_Invite_Loading_More';
import loadIncompleteLabel from '@salesforce/label/c.CME_Invite_Load_Incomplete';
import showMoreLabel from '@salesforce/label/c.CME_Invite_Show_More';
import noDoctorsLabel from '@salesforce/label/c.CME_Invite_No_Doctors';
import noMatchesLabel from '@salesforce/label/c.CME_Invite_No_Matches';
import clearFiltersLabel from '@salesforce/label/c.CME_Invite_Clear_Filters';
import tableCaptionLabel from '@salesforce/label/c.CME_Invite_Table_Caption';
import selectAllLabel from '@salesforce/label/c.CME_Invite_Select_All';
import tovOfCapLabel from '@salesforce/label/c.CME_Invite_Tov_Of_Cap';
import eventsCountLabel from '@salesforce/label/c.CME_Invite_Events_Count';
import severityBlockLabel from '@salesforce/label/c.CME_Invite_Severity_Block';
import severityWarnLabel from '@salesforce/label/c.CME_Invite_Severity_Warn';
import yearNoteLabel from '@salesforce/label/c.CME_Invite_Year_Note';
import yearNoteNoPackLabel from '@salesforce/label/c.CME_Invite_Year_Note_No_Pack';
import packErrorLabel from '@salesforce/label/c.CME_Invite_Pack_Error';
import insightsErrorLabel from '@salesforce/label/c.CME_Invite_Insights_Error';
import retryLabel from '@salesforce/label/c.CME_Invite_Retry';
import invitationsErrorLabel from '@salesforce/label/c.CME_Invite_Invitations_Error';
import blockedTitleLabel from '@salesforce/label/c.CME_Invite_Blocked_Title';
import blockedReasonLabel from '@salesforce/label/c.CME_Invite_Blocked_Reason';
import toastSuccessTitleLabel from '@salesforce/label/c.CME_Invite_Toast_Success_Title';
import toastPartialTitleLabel from '@salesforce/label/c.CME_Invite_Toast_Partial_Title';
import toastSummaryLabel from '@salesforce/label/c.CME_Invite_Toast_Summary';
import toastFailureLineLabel from '@salesforce/label/c.CME_Invite_Toast_Failure_Line';
import unknownErrorLabel from '@salesforce/label/c.CME_Invite_Unknown_Error';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  searchingLabel,
  searchErrorLabel,
  refineSearchLabel,
  historyTooLargeLabel,
  lockedReasonLabel,
  packTooLargeLabel,
  matchCountLabel,
  loadingMoreLabel,
  loadIncompleteLabel,
  showMoreLabel,
  noDoctorsLabel,
  noMatchesLabel,
  clearFiltersLabel,
  tableCaptionLabel,
  selectAllLabel,
  // The table's column names, shared with c-cme-doctor-row.
  ...COLUMN_LABELS,
  tovOfCapLabel,
  eventsCountLabel,
  severityBlockLabel,
  severityWarnLabel,
  yearNoteLabel,
  yearNoteNoPackLabel,
  packErrorLabel,
  insightsErrorLabel,
  retryLabel,
  invitationsErrorLabel,
  blockedTitleLabel,
  blockedReasonLabel,
  toastSuccessTitleLabel,
  toastPartialTitleLabel,
  toastSummaryLabel,
  toastFailureLineLabel,
  unknownErrorLabel,
});
