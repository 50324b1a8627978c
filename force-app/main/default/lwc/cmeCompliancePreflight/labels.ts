/** The custom labels the compliance pre-flight uses. */
import titleLabel from '@salesforce/label/c.CME_Preflight_Title';
import loadingLabel from '@salesforce/label/c.CME_Preflight_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Preflight_Error_Title';
import refreshLabel from '@salesforce/label/c.CME_Preflight_Refresh';
import packLabel from '@salesforce/label/c.CME_Preflight_Pack';
import packNoVersionLabel from '@salesforce/label/c.CME_Preflight_Pack_No_Version';
import noPackNoneLabel from '@salesforce/label/c.CME_Preflight_No_Pack_None';
import noPackSeveralLabel from '@salesforce/label/c.CME_Preflight_No_Pack_Several';
import noPackInactiveLabel from '@salesforce/label/c.CME_Preflight_No_Pack_Inactive';
import blockingHeadingLabel from '@salesforce/label/c.CME_Preflight_Blocking_Heading';
import warningsHeadingLabel from '@salesforce/label/c.CME_Preflight_Warnings_Heading';
import hcpLabel from '@salesforce/label/c.CME_Preflight_Hcp';
import amountLabel from '@salesforce/label/c.CME_Preflight_Amount';
import limitLabel from '@salesforce/label/c.CME_Preflight_Limit';
import evidenceShowLabel from '@salesforce/label/c.CME_Preflight_Evidence_Show';
import evidenceHideLabel from '@salesforce/label/c.CME_Preflight_Evidence_Hide';
import truncatedLabel from '@salesforce/label/c.CME_Preflight_History_Truncated';
import checklistTitleLabel from '@salesforce/label/c.CME_Preflight_Checklist_Title';
import checklistNotEndedLabel from '@salesforce/label/c.CME_Preflight_Checklist_Not_Ended';
import checklistProgressLabel from '@salesforce/label/c.CME_Preflight_Checklist_Progress';
import checkDoneLabel from '@salesforce/label/c.CME_Preflight_Check_Done';
import checkMissingLabel from '@salesforce/label/c.CME_Preflight_Check_Missing';
import ruleIdLabel from '@salesforce/label/c.CME_Preflight_Rule_Id';
import eventNotFoundLabel from '@salesforce/label/c.CME_Preflight_Event_Not_Found';

export const LABELS = Object.freeze({
  titleLabel,
  loadingLabel,
  errorTitleLabel,
  refreshLabel,
  packLabel,
  packNoVersionLabel,
  noPackNoneLabel,
  noPackSeveralLabel,
  noPackInactiveLabel,
  blockingHeadingLabel,
  warningsHeadingLabel,
  hcpLabel,
  amountLabel,
  limitLabel,
  evidenceShowLabel,
  evidenceHideLabel,
  truncatedLabel,
  checklistTitleLabel,
  checklistNotEndedLabel,
  checklistProgressLabel,
  checkDoneLabel,
  checkMissingLabel,
  ruleIdLabel,
  eventNotFoundLabel,
});
