/** The custom labels the event planner uses (its calendar and form have their own). */
import titleLabel from '@salesforce/label/c.CME_Planner_Title';
import loadingLabel from '@salesforce/label/c.CME_Planner_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Planner_Error_Title';
import retryLabel from '@salesforce/label/c.CME_Planner_Retry';
import clearFiltersLabel from '@salesforce/label/c.CME_Planner_Clear_Filters';
import viewLabel from '@salesforce/label/c.CME_Planner_View';
import viewListLabel from '@salesforce/label/c.CME_Planner_View_List';
import viewCalendarLabel from '@salesforce/label/c.CME_Planner_View_Calendar';
import newEventLabel from '@salesforce/label/c.CME_Planner_New_Event';
import countOneLabel from '@salesforce/label/c.CME_Planner_Count_One';
import countManyLabel from '@salesforce/label/c.CME_Planner_Count_Many';
import showingLabel from '@salesforce/label/c.CME_Planner_Showing';
import showMoreLabel from '@salesforce/label/c.CME_Planner_Show_More';
import listLabel from '@salesforce/label/c.CME_Planner_List_Label';
import emptyTitleLabel from '@salesforce/label/c.CME_Planner_Empty_Title';
import emptyBodyLabel from '@salesforce/label/c.CME_Planner_Empty_Body';
import emptyFilteredLabel from '@salesforce/label/c.CME_Planner_Empty_Filtered';
import onlineLabel from '@salesforce/label/c.CME_Planner_Online';
import createdTitleLabel from '@salesforce/label/c.CME_Planner_Created_Title';
import createdMessageLabel from '@salesforce/label/c.CME_Planner_Created_Message';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  retryLabel,
  clearFiltersLabel,
  viewLabel,
  viewListLabel,
  viewCalendarLabel,
  newEventLabel,
  countOneLabel,
  countManyLabel,
  showingLabel,
  showMoreLabel,
  listLabel,
  emptyTitleLabel,
  emptyBodyLabel,
  emptyFilteredLabel,
  onlineLabel,
  createdTitleLabel,
  createdMessageLabel,
});
