/** The custom labels the signature pad uses. */
import signatureLegendLabel from '@salesforce/label/c.CME_CheckIn_Signature_Legend';
import signingForLabel from '@salesforce/label/c.CME_CheckIn_Signing_For';
import signatureHelpLabel from '@salesforce/label/c.CME_CheckIn_Signature_Help';
import signaturePadLabel from '@salesforce/label/c.CME_CheckIn_Signature_Pad';
import signedNameLabel from '@salesforce/label/c.CME_CheckIn_Signed_Name';
import signLabel from '@salesforce/label/c.CME_CheckIn_Sign';
import clearLabel from '@salesforce/label/c.CME_CheckIn_Clear';
import signedNameRequiredLabel from '@salesforce/label/c.CME_CheckIn_Signed_Name_Required';
import signatureFailedLabel from '@salesforce/label/c.CME_CheckIn_Signature_Failed';
import signatureTooLargeLabel from '@salesforce/label/c.CME_CheckIn_Signature_Too_Large';
import signatureUnavailableLabel from '@salesforce/label/c.CME_CheckIn_Signature_Unavailable';
import savingLabel from '@salesforce/label/c.CME_CheckIn_Saving';

export const LABELS = Object.freeze({
  signatureLegendLabel,
  signingForLabel,
  signatureHelpLabel,
  signaturePadLabel,
  signedNameLabel,
  signLabel,
  clearLabel,
  signedNameRequiredLabel,
  signatureFailedLabel,
  signatureTooLargeLabel,
  signatureUnavailableLabel,
  savingLabel,
});
