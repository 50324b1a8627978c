/** The custom labels the new-event form and its model use. */
import formTitleLabel from '@salesforce/label/c.CME_Planner_Form_Title';
import closeLabel from '@salesforce/label/c.CME_Planner_Close';
import cancelLabel from '@salesforce/label/c.CME_Planner_Cancel';
import saveLabel from '@salesforce/label/c.CME_Planner_Save';
import savingLabel from '@salesforce/label/c.CME_Planner_Saving';
import sectionEventLabel from '@salesforce/label/c.CME_Planner_Section_Event';
import sectionWhenLabel from '@salesforce/label/c.CME_Planner_Section_When';
import sectionWhereLabel from '@salesforce/label/c.CME_Planner_Section_Where';
import sectionContentLabel from '@salesforce/label/c.CME_Planner_Section_Content';
import sectionPlanLabel from '@salesforce/label/c.CME_Planner_Section_Plan';
import fieldNameLabel from '@salesforce/label/c.CME_Planner_Field_Name';
import filterTypeLabel from '@salesforce/label/c.CME_Planner_Filter_Type';
import filterFormatLabel from '@salesforce/label/c.CME_Planner_Filter_Format';
import filterTherapyLabel from '@salesforce/label/c.CME_Planner_Filter_Therapy_Area';
import fieldStartLabel from '@salesforce/label/c.CME_Planner_Field_Start';
import fieldEndLabel from '@salesforce/label/c.CME_Planner_Field_End';
import fieldTimeZoneLabel from '@salesforce/label/c.CME_Planner_Field_Time_Zone';
import fieldTimeZoneHelpLabel from '@salesforce/label/c.CME_Planner_Field_Time_Zone_Help';
import fieldVenueLabel from '@salesforce/label/c.CME_Planner_Field_Venue';
import fieldCityLabel from '@salesforce/label/c.CME_Planner_Field_City';
import fieldCountryLabel from '@salesforce/label/c.CME_Planner_Field_Country';
import fieldCountryHelpLabel from '@salesforce/label/c.CME_Planner_Field_Country_Help';
import fieldVirtualUrlLabel from '@salesforce/label/c.CME_Planner_Field_Virtual_Url';
import fieldTopicLabel from '@salesforce/label/c.CME_Planner_Field_Topic';
import fieldNeedLabel from '@salesforce/label/c.CME_Planner_Field_Educational_Need';
import fieldNeedHelpLabel from '@salesforce/label/c.CME_Planner_Field_Educational_Need_Help';
import fieldCapacityLabel from '@salesforce/label/c.CME_Planner_Field_Capacity';
import fieldBudgetLabel from '@salesforce/label/c.CME_Planner_Field_Budget';
import fieldRulePackLabel from '@salesforce/label/c.CME_Planner_Field_Rule_Pack';
import fieldRulePackHelpLabel from '@salesforce/label/c.CME_Planner_Field_Rule_Pack_Help';
import noneLabel from '@salesforce/label/c.CME_Planner_None';
import rulePacksErrorLabel from '@salesforce/label/c.CME_Planner_Rule_Packs_Error';
import errorCapacityLabel from '@salesforce/label/c.CME_Planner_Error_Capacity';
import errorBudgetLabel from '@salesforce/label/c.CME_Planner_Error_Budget';
import errorUrlInvalidLabel from '@salesforce/label/c.CME_Planner_Error_Url_Invalid';
import formErrorTitleLabel from '@salesforce/label/c.CME_Planner_Form_Error_Title';
import fixFieldsLabel from '@salesforce/label/c.CME_Planner_Fix_Fields';
import fixFieldLabel from '@salesforce/label/c.CME_Planner_Fix_Field';
import errorRequiredLabel from '@salesforce/label/c.CME_Planner_Error_Required';
import errorEndAfterStartLabel from '@salesforce/label/c.CME_Planner_Error_End_After_Start';
import errorVenueLabel from '@salesforce/label/c.CME_Planner_Error_Venue';
import errorVirtualUrlLabel from '@salesforce/label/c.CME_Planner_Error_Virtual_Url';
import errorCountryLabel from '@salesforce/label/c.CME_Planner_Error_Country';
import errorTimeZoneLabel from '@salesforce/label/c.CME_Planner_Error_Time_Zone';

export const LABELS = Object.freeze({
  formTitleLabel,
  closeLabel,
  cancelLabel,
  saveLabel,
  savingLabel,
  sectionEventLabel,
  sectionWhenLabel,
  sectionWhereLabel,
  sectionContentLabel,
  sectionPlanLabel,
  fieldNameLabel,
  filterTypeLabel,
  filterFormatLabel,
  filterTherapyLabel,
  fieldStartLabel,
  fieldEndLabel,
  fieldTimeZoneLabel,
  fieldTimeZoneHelpLabel,
  fieldVenueLabel,
  fieldCityLabel,
  fieldCountryLabel,
  fieldCountryHelpLabel,
  fieldVirtualUrlLabel,
  fieldTopicLabel,
  fieldNeedLabel,
  fieldNeedHelpLabel,
  fieldCapacityLabel,
  fieldBudgetLabel,
  fieldRulePackLabel,
  fieldRulePackHelpLabel,
  noneLabel,
  rulePacksErrorLabel,
  errorCapacityLabel,
  errorBudgetLabel,
  errorUrlInvalidLabel,
  formErrorTitleLabel,
  fixFieldsLabel,
  fixFieldLabel,
  errorRequiredLabel,
  errorEndAfterStartLabel,
  errorVenueLabel,
  errorVirtualUrlLabel,
  errorCountryLabel,
  errorTimeZoneLabel,
});
