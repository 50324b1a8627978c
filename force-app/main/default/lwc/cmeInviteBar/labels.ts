/** The custom labels the invite screen's action bar uses. */
import channelLabel from '@salesforce/label/c.CME_Invite_Channel_Label';
import selectedCountLabel from '@salesforce/label/c.CME_Invite_Selected_Count';
import clearSelectionLabel from '@salesforce/label/c.CME_Invite_Clear_Selection';
import inviteButtonLabel from '@salesforce/label/c.CME_Invite_Button';
import inviteButtonOneLabel from '@salesforce/label/c.CME_Invite_Button_One';
import sendingLabel from '@salesforce/label/c.CME_Invite_Sending';
import selectedBlockingLabel from '@salesforce/label/c.CME_Invite_Selected_Blocking';

export const LABELS = Object.freeze({
  channelLabel,
  selectedCountLabel,
  clearSelectionLabel,
  inviteButtonLabel,
  inviteButtonOneLabel,
  sendingLabel,
  selectedBlockingLabel,
});
