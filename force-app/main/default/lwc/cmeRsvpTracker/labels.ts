/** The custom labels the RSVP tracker uses. */
import titleLabel from '@salesforce/label/c.CME_Rsvp_Title';
import loadingLabel from '@salesforce/label/c.CME_Rsvp_Loading';
import loadingMoreLabel from '@salesforce/label/c.CME_Rsvp_Loading_More';
import errorTitleLabel from '@salesforce/label/c.CME_Rsvp_Error_Title';
import emptyLabel from '@salesforce/label/c.CME_Rsvp_Empty';
import filterGroupLabel from '@salesforce/label/c.CME_Rsvp_Filter_Label';
import filterAllLabel from '@salesforce/label/c.CME_Rsvp_Filter_All';
import filterStatusLabel from '@salesforce/label/c.CME_Rsvp_Filter_Status';
import filteredEmptyLabel from '@salesforce/label/c.CME_Rsvp_Filtered_Empty';
import statusInvitedLabel from '@salesforce/label/c.CME_Rsvp_Status_Invited';
import statusAcceptedLabel from '@salesforce/label/c.CME_Rsvp_Status_Accepted';
import statusTentativeLabel from '@salesforce/label/c.CME_Rsvp_Status_Tentative';
import statusDeclinedLabel from '@salesforce/label/c.CME_Rsvp_Status_Declined';
import statusWaitlistedLabel from '@salesforce/label/c.CME_Rsvp_Status_Waitlisted';
import statusCancelledLabel from '@salesforce/label/c.CME_Rsvp_Status_Cancelled';
import capacityLabel from '@salesforce/label/c.CME_Rsvp_Capacity';
import capacityFullLabel from '@salesforce/label/c.CME_Rsvp_Capacity_Full';
import overCapacityLabel from '@salesforce/label/c.CME_Rsvp_Over_Capacity';
import noCapacityLabel from '@salesforce/label/c.CME_Rsvp_No_Capacity';
import tableCaptionLabel from '@salesforce/label/c.CME_Rsvp_Table_Caption';
import colDoctorLabel from '@salesforce/label/c.CME_Rsvp_Col_Doctor';
import colRoleLabel from '@salesforce/label/c.CME_Rsvp_Col_Role';
import colStatusLabel from '@salesforce/label/c.CME_Rsvp_Col_Status';
import colInvitedOnLabel from '@salesforce/label/c.CME_Rsvp_Col_Invited_On';
import colRespondedOnLabel from '@salesforce/label/c.CME_Rsvp_Col_Responded_On';
import statusForLabel from '@salesforce/label/c.CME_Rsvp_Status_For';
import notYetLabel from '@salesforce/label/c.CME_Rsvp_Not_Yet';
import fullRefusedLabel from '@salesforce/label/c.CME_Rsvp_Full_Refused';
import waitlistInsteadLabel from '@salesforce/label/c.CME_Rsvp_Waitlist_Instead';
import dismissLabel from '@salesforce/label/c.CME_Rsvp_Dismiss';
import promoteOfferLabel from '@salesforce/label/c.CME_Rsvp_Promote_Offer';
import promoteButtonLabel from '@salesforce/label/c.CME_Rsvp_Promote_Button';
import savedTitleLabel from '@salesforce/label/c.CME_Rsvp_Saved_Title';
import savedMessageLabel from '@salesforce/label/c.CME_Rsvp_Saved_Message';
import promotedTitleLabel from '@salesforce/label/c.CME_Rsvp_Promoted_Title';
import saveErrorLabel from '@salesforce/label/c.CME_Rsvp_Save_Error';
import savingLabel from '@salesforce/label/c.CME_Rsvp_Saving';
import lockedLabel from '@salesforce/label/c.CME_Rsvp_Locked';
import truncatedLabel from '@salesforce/label/c.CME_Rsvp_Truncated';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  loadingMoreLabel,
  errorTitleLabel,
  emptyLabel,
  filterGroupLabel,
  filterAllLabel,
  filterStatusLabel,
  filteredEmptyLabel,
  statusInvitedLabel,
  statusAcceptedLabel,
  statusTentativeLabel,
  statusDeclinedLabel,
  statusWaitlistedLabel,
  statusCancelledLabel,
  capacityLabel,
  capacityFullLabel,
  overCapacityLabel,
  noCapacityLabel,
  tableCaptionLabel,
  colDoctorLabel,
  colRoleLabel,
  colStatusLabel,
  colInvitedOnLabel,
  colRespondedOnLabel,
  statusForLabel,
  notYetLabel,
  fullRefusedLabel,
  waitlistInsteadLabel,
  dismissLabel,
  promoteOfferLabel,
  promoteButtonLabel,
  savedTitleLabel,
  savedMessageLabel,
  promotedTitleLabel,
  saveErrorLabel,
  savingLabel,
  lockedLabel,
  truncatedLabel,
});
