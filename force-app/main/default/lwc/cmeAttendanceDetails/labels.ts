/** The custom labels the attendance details (meal opt-out, minutes attended) use. */
import mealOptOutLabel from '@salesforce/label/c.CME_CheckIn_Meal_Opt_Out';
import minutesLabel from '@salesforce/label/c.CME_CheckIn_Minutes';
import minutesHelpLabel from '@salesforce/label/c.CME_CheckIn_Minutes_Help';
import saveMinutesLabel from '@salesforce/label/c.CME_CheckIn_Save_Minutes';
import minutesInvalidLabel from '@salesforce/label/c.CME_CheckIn_Minutes_Invalid';
import updatedTitleLabel from '@salesforce/label/c.CME_CheckIn_Updated_Title';
import mealSavedLabel from '@salesforce/label/c.CME_CheckIn_Meal_Saved';
import mealKeptLabel from '@salesforce/label/c.CME_CheckIn_Meal_Kept';
import minutesSavedLabel from '@salesforce/label/c.CME_CheckIn_Minutes_Saved';
import updateFailedLabel from '@salesforce/label/c.CME_CheckIn_Update_Failed';

export const LABELS = Object.freeze({
  mealOptOutLabel,
  minutesLabel,
  minutesHelpLabel,
  saveMinutesLabel,
  minutesInvalidLabel,
  updatedTitleLabel,
  mealSavedLabel,
  mealKeptLabel,
  minutesSavedLabel,
  updateFailedLabel,
});
