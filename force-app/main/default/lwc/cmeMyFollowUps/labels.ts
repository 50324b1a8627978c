/** The custom labels my follow-ups uses. */
import titleLabel from '@salesforce/label/c.CME_MyFollowUps_Title';
import loadingLabel from '@salesforce/label/c.CME_MyFollowUps_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_MyFollowUps_Error_Title';
import retryLabel from '@salesforce/label/c.CME_MyFollowUps_Retry';
import filterLabel from '@salesforce/label/c.CME_MyFollowUps_Filter_Label';
import filterOverdueLabel from '@salesforce/label/c.CME_MyFollowUps_Filter_Overdue';
import filterWeekLabel from '@salesforce/label/c.CME_MyFollowUps_Filter_Week';
import filterAllLabel from '@salesforce/label/c.CME_MyFollowUps_Filter_All';
import listLabel from '@salesforce/label/c.CME_MyFollowUps_List_Label';
import emptyLabel from '@salesforce/label/c.CME_MyFollowUps_Empty';
import emptyBodyLabel from '@salesforce/label/c.CME_MyFollowUps_Empty_Body';
import emptyOverdueLabel from '@salesforce/label/c.CME_MyFollowUps_Empty_Overdue';
import emptyWeekLabel from '@salesforce/label/c.CME_MyFollowUps_Empty_Week';
import doctorLabel from '@salesforce/label/c.CME_MyFollowUps_Doctor';
import eventLabel from '@salesforce/label/c.CME_MyFollowUps_Event';
import dueLabel from '@salesforce/label/c.CME_MyFollowUps_Due';
import noDueDateLabel from '@salesforce/label/c.CME_MyFollowUps_No_Due_Date';
import noDoctorLabel from '@salesforce/label/c.CME_MyFollowUps_No_Doctor';
import noSubjectLabel from '@salesforce/label/c.CME_MyFollowUps_No_Subject';
import unnamedEventLabel from '@salesforce/label/c.CME_MyFollowUps_Unnamed_Event';
import overdueLabel from '@salesforce/label/c.CME_MyFollowUps_Overdue';
import overdueOneLabel from '@salesforce/label/c.CME_MyFollowUps_Overdue_One';
import dueTodayLabel from '@salesforce/label/c.CME_MyFollowUps_Due_Today';
import highPriorityLabel from '@salesforce/label/c.CME_MyFollowUps_High_Priority';
import markDoneLabel from '@salesforce/label/c.CME_MyFollowUps_Mark_Done';
import markDoneA11yLabel from '@salesforce/label/c.CME_MyFollowUps_Mark_Done_Label';
import openEventA11yLabel from '@salesforce/label/c.CME_MyFollowUps_Open_Event_Label';
import doneTitleLabel from '@salesforce/label/c.CME_MyFollowUps_Done_Title';
import doneMessageLabel from '@salesforce/label/c.CME_MyFollowUps_Done_Message';
import doneErrorLabel from '@salesforce/label/c.CME_MyFollowUps_Done_Error';
import countOneLabel from '@salesforce/label/c.CME_MyFollowUps_Count_One';
import countManyLabel from '@salesforce/label/c.CME_MyFollowUps_Count_Many';
import truncatedLabel from '@salesforce/label/c.CME_MyFollowUps_Truncated';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  retryLabel,
  filterLabel,
  filterOverdueLabel,
  filterWeekLabel,
  filterAllLabel,
  listLabel,
  emptyLabel,
  emptyBodyLabel,
  emptyOverdueLabel,
  emptyWeekLabel,
  doctorLabel,
  eventLabel,
  dueLabel,
  noDueDateLabel,
  noDoctorLabel,
  noSubjectLabel,
  unnamedEventLabel,
  overdueLabel,
  overdueOneLabel,
  dueTodayLabel,
  highPriorityLabel,
  markDoneLabel,
  markDoneA11yLabel,
  openEventA11yLabel,
  doneTitleLabel,
  doneMessageLabel,
  doneErrorLabel,
  countOneLabel,
  countManyLabel,
  truncatedLabel,
});
