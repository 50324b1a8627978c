/** The custom labels one doctor row of the invite screen uses. */
import selectDoctorLabel from '@salesforce/label/c.CME_Invite_Select_Doctor';
import alreadyInvitedDoctorLabel from '@salesforce/label/c.CME_Invite_Already_Invited_Doctor';
import colSelectLabel from '@salesforce/label/c.CME_Invite_Col_Select';
import colDoctorLabel from '@salesforce/label/c.CME_Invite_Col_Doctor';
import colSpecialtyLabel from '@salesforce/label/c.CME_Invite_Col_Specialty';
import colCityLabel from '@salesforce/label/c.CME_Invite_Col_City';
import colTerritoryLabel from '@salesforce/label/c.CME_Invite_Col_Territory';
import colValueLabel from '@salesforce/label/c.CME_Invite_Col_Value';
import colEventsLabel from '@salesforce/label/c.CME_Invite_Col_Events';
import colWarningsLabel from '@salesforce/label/c.CME_Invite_Col_Warnings';
import invitedBadgeLabel from '@salesforce/label/c.CME_Invite_Invited_Badge';
import checkingLabel from '@salesforce/label/c.CME_Invite_Checking';
import notAvailableLabel from '@salesforce/label/c.CME_Invite_Not_Available';
import noWarningsLabel from '@salesforce/label/c.CME_Invite_No_Warnings';

/** The doctor table's column names: the invite screen's header, and each row's cells (their label on phones). */
export const COLUMN_LABELS = Object.freeze({
  colDoctorLabel,
  colSpecialtyLabel,
  colCityLabel,
  colTerritoryLabel,
  colValueLabel,
  colEventsLabel,
  colWarningsLabel,
});

export const LABELS = Object.freeze({
  selectDoctorLabel,
  alreadyInvitedDoctorLabel,
  colSelectLabel,
  ...COLUMN_LABELS,
  invitedBadgeLabel,
  checkingLabel,
  notAvailableLabel,
  noWarningsLabel,
});
