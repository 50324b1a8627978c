/** The custom labels the doctor filter bar uses. */
import searchLabel from '@salesforce/label/c.CME_Invite_Search_Label';
import searchPlaceholderLabel from '@salesforce/label/c.CME_Invite_Search_Placeholder';
import specialtyLabel from '@salesforce/label/c.CME_Invite_Specialty_Label';
import territoryLabel from '@salesforce/label/c.CME_Invite_Territory_Label';
import territoryPlaceholderLabel from '@salesforce/label/c.CME_Invite_Territory_Placeholder';
import allSpecialtiesLabel from '@salesforce/label/c.CME_Invite_All_Specialties';

export const LABELS = Object.freeze({
  searchLabel,
  searchPlaceholderLabel,
  specialtyLabel,
  territoryLabel,
  territoryPlaceholderLabel,
  allSpecialtiesLabel,
});
