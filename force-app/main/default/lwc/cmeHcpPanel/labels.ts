/** The custom labels the HCP panel uses. */
import titleLabel from '@salesforce/label/c.CME_Hcp_Title';
import loadingLabel from '@salesforce/label/c.CME_Hcp_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Hcp_Error_Title';
import refreshLabel from '@salesforce/label/c.CME_Hcp_Refresh';
import emptyLabel from '@salesforce/label/c.CME_Hcp_Empty';
import engagementHeadingLabel from '@salesforce/label/c.CME_Hcp_Engagement_Heading';
import attendanceRateLabel from '@salesforce/label/c.CME_Hcp_Attendance_Rate';
import attendanceRateDetailLabel from '@salesforce/label/c.CME_Hcp_Attendance_Rate_Detail';
import totalMinutesLabel from '@salesforce/label/c.CME_Hcp_Total_Minutes';
import questionsLabel from '@salesforce/label/c.CME_Hcp_Questions';
import feedbackLabel from '@salesforce/label/c.CME_Hcp_Feedback';
import feedbackValueLabel from '@salesforce/label/c.CME_Hcp_Feedback_Value';
import feedbackDetailLabel from '@salesforce/label/c.CME_Hcp_Feedback_Detail';
import scoreLabel from '@salesforce/label/c.CME_Hcp_Score';
import scoreValueLabel from '@salesforce/label/c.CME_Hcp_Score_Value';
import scoreDetailLabel from '@salesforce/label/c.CME_Hcp_Score_Detail';
import evaluationsLabel from '@salesforce/label/c.CME_Hcp_Evaluations';
import evaluationsDetailLabel from '@salesforce/label/c.CME_Hcp_Evaluations_Detail';
import evaluationsBasisLabel from '@salesforce/label/c.CME_Hcp_Evaluations_Basis';
import relevanceLabel from '@salesforce/label/c.CME_Hcp_Relevance';
import speakerLabel from '@salesforce/label/c.CME_Hcp_Speaker';
import practiceChangeLabel from '@salesforce/label/c.CME_Hcp_Practice_Change';
import practiceChangeValueLabel from '@salesforce/label/c.CME_Hcp_Practice_Change_Value';
import practiceChangeDetailLabel from '@salesforce/label/c.CME_Hcp_Practice_Change_Detail';
import notYetLabel from '@salesforce/label/c.CME_Hcp_Not_Yet';
import tovHeadingLabel from '@salesforce/label/c.CME_Hcp_Tov_Heading';
import tovTotalLabel from '@salesforce/label/c.CME_Hcp_Tov_Total';
import tovNoCapLabel from '@salesforce/label/c.CME_Hcp_Tov_No_Cap';
import tovSplitLabel from '@salesforce/label/c.CME_Hcp_Tov_Split';
import tovOverLabel from '@salesforce/label/c.CME_Hcp_Tov_Over';
import tovWarningLabel from '@salesforce/label/c.CME_Hcp_Tov_Warning';
import tovNoneLabel from '@salesforce/label/c.CME_Hcp_Tov_None';
import tovErrorLabel from '@salesforce/label/c.CME_Hcp_Tov_Error';
import tovLoadingLabel from '@salesforce/label/c.CME_Hcp_Tov_Loading';
import columnCategoryLabel from '@salesforce/label/c.CME_Hcp_Column_Category';
import columnAmountLabel from '@salesforce/label/c.CME_Hcp_Column_Amount';
import packNamedLabel from '@salesforce/label/c.CME_Hcp_Pack_Named';
import packOnlyLabel from '@salesforce/label/c.CME_Hcp_Pack_Only';
import packNoneLabel from '@salesforce/label/c.CME_Hcp_Pack_None';
import upcomingHeadingLabel from '@salesforce/label/c.CME_Hcp_Upcoming_Heading';
import upcomingNoneLabel from '@salesforce/label/c.CME_Hcp_Upcoming_None';
import historyHeadingLabel from '@salesforce/label/c.CME_Hcp_History_Heading';
import columnEventLabel from '@salesforce/label/c.CME_Hcp_Column_Event';
import columnDateLabel from '@salesforce/label/c.CME_Hcp_Column_Date';
import columnStatusLabel from '@salesforce/label/c.CME_Hcp_Column_Status';
import columnRoleLabel from '@salesforce/label/c.CME_Hcp_Column_Role';
import columnAttendedLabel from '@salesforce/label/c.CME_Hcp_Column_Attended';
import columnMinutesLabel from '@salesforce/label/c.CME_Hcp_Column_Minutes';
import yesLabel from '@salesforce/label/c.CME_Hcp_Yes';
import noLabel from '@salesforce/label/c.CME_Hcp_No';
import walkInLabel from '@salesforce/label/c.CME_Hcp_Walk_In';
import showAllLabel from '@salesforce/label/c.CME_Hcp_Show_All';
import showFewerLabel from '@salesforce/label/c.CME_Hcp_Show_Fewer';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  refreshLabel,
  emptyLabel,
  engagementHeadingLabel,
  attendanceRateLabel,
  attendanceRateDetailLabel,
  totalMinutesLabel,
  questionsLabel,
  feedbackLabel,
  feedbackValueLabel,
  feedbackDetailLabel,
  scoreLabel,
  scoreValueLabel,
  scoreDetailLabel,
  evaluationsLabel,
  evaluationsDetailLabel,
  evaluationsBasisLabel,
  relevanceLabel,
  speakerLabel,
  practiceChangeLabel,
  practiceChangeValueLabel,
  practiceChangeDetailLabel,
  notYetLabel,
  tovHeadingLabel,
  tovTotalLabel,
  tovNoCapLabel,
  tovSplitLabel,
  tovOverLabel,
  tovWarningLabel,
  tovNoneLabel,
  tovErrorLabel,
  tovLoadingLabel,
  columnCategoryLabel,
  columnAmountLabel,
  packNamedLabel,
  packOnlyLabel,
  packNoneLabel,
  upcomingHeadingLabel,
  upcomingNoneLabel,
  historyHeadingLabel,
  columnEventLabel,
  columnDateLabel,
  columnStatusLabel,
  columnRoleLabel,
  columnAttendedLabel,
  columnMinutesLabel,
  yesLabel,
  noLabel,
  walkInLabel,
  showAllLabel,
  showFewerLabel,
});
