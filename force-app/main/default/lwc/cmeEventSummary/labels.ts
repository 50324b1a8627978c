/** The custom labels the event summary uses. */
import titleLabel from '@salesforce/label/c.CME_Summary_Title';
import loadingLabel from '@salesforce/label/c.CME_Summary_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Summary_Error_Title';
import funnelLabel from '@salesforce/label/c.CME_Summary_Funnel';
import invitedLabel from '@salesforce/label/c.CME_Summary_Invited';
import acceptedLabel from '@salesforce/label/c.CME_Summary_Accepted';
import attendedLabel from '@salesforce/label/c.CME_Summary_Attended';
import noInvitationsLabel from '@salesforce/label/c.CME_Summary_No_Invitations';
import budgetLabel from '@salesforce/label/c.CME_Summary_Budget';
import noBudgetLabel from '@salesforce/label/c.CME_Summary_No_Budget';
import overBudgetLabel from '@salesforce/label/c.CME_Summary_Over_Budget';
import capacityLabel from '@salesforce/label/c.CME_Summary_Capacity';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  funnelLabel,
  invitedLabel,
  acceptedLabel,
  attendedLabel,
  noInvitationsLabel,
  budgetLabel,
  noBudgetLabel,
  overBudgetLabel,
  capacityLabel,
});
