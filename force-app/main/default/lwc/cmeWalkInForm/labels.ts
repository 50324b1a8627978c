/** The custom labels the walk-in form uses. */
import walkInTitleLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Title';
import walkInHelpLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Help';
import firstNameLabel from '@salesforce/label/c.CME_CheckIn_First_Name';
import lastNameLabel from '@salesforce/label/c.CME_CheckIn_Last_Name';
import specialtyLabel from '@salesforce/label/c.CME_CheckIn_Specialty';
import specialtyPlaceholderLabel from '@salesforce/label/c.CME_CheckIn_Specialty_Placeholder';
import cityLabel from '@salesforce/label/c.CME_CheckIn_City';
import registrationLabel from '@salesforce/label/c.CME_CheckIn_Registration';
import emailLabel from '@salesforce/label/c.CME_CheckIn_Email';
import requiredLabel from '@salesforce/label/c.CME_CheckIn_Required';
import emailInvalidLabel from '@salesforce/label/c.CME_CheckIn_Email_Invalid';
import walkInSubmitLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Submit';
import cancelLabel from '@salesforce/label/c.CME_CheckIn_Cancel';
import walkInSavingLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Saving';
import lookupTimeoutLabel from '@salesforce/label/c.CME_CheckIn_Lookup_Timeout';

export const LABELS = Object.freeze({
  walkInTitleLabel,
  walkInHelpLabel,
  firstNameLabel,
  lastNameLabel,
  specialtyLabel,
  specialtyPlaceholderLabel,
  cityLabel,
  registrationLabel,
  emailLabel,
  requiredLabel,
  emailInvalidLabel,
  walkInSubmitLabel,
  cancelLabel,
  walkInSavingLabel,
  lookupTimeoutLabel,
});
