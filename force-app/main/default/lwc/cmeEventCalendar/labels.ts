/** The custom labels the month calendar uses. */
import previousMonthLabel from '@salesforce/label/c.CME_Planner_Previous_Month';
import nextMonthLabel from '@salesforce/label/c.CME_Planner_Next_Month';
import todayLabel from '@salesforce/label/c.CME_Planner_Today';
import calendarHelpLabel from '@salesforce/label/c.CME_Planner_Calendar_Help';
import agendaEmptyLabel from '@salesforce/label/c.CME_Planner_Agenda_Empty';

export const LABELS = Object.freeze({
  previousMonthLabel,
  nextMonthLabel,
  todayLabel,
  calendarHelpLabel,
  agendaEmptyLabel,
});
