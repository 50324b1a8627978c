/** The custom labels the event filter bar uses. */
import filtersLabel from '@salesforce/label/c.CME_Planner_Filters';
import filterTypeLabel from '@salesforce/label/c.CME_Planner_Filter_Type';
import filterFormatLabel from '@salesforce/label/c.CME_Planner_Filter_Format';
import filterStatusLabel from '@salesforce/label/c.CME_Planner_Filter_Status';
import filterTherapyLabel from '@salesforce/label/c.CME_Planner_Filter_Therapy_Area';
import filterAllLabel from '@salesforce/label/c.CME_Planner_Filter_All';
import filterMineLabel from '@salesforce/label/c.CME_Planner_Filter_Mine';
import toggleOnLabel from '@salesforce/label/c.CME_Planner_Toggle_On';
import toggleOffLabel from '@salesforce/label/c.CME_Planner_Toggle_Off';

export const LABELS = Object.freeze({
  filtersLabel,
  filterTypeLabel,
  filterFormatLabel,
  filterStatusLabel,
  filterTherapyLabel,
  filterAllLabel,
  filterMineLabel,
  toggleOnLabel,
  toggleOffLabel,
});
