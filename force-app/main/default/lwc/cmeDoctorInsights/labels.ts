/** The custom labels the doctors' insights (value, events, warnings and their loading) use. */
import insightsErrorLabel from '@salesforce/label/c.CME_Invite_Insights_Error';
import retryLabel from '@salesforce/label/c.CME_Invite_Retry';
import historyTooLargeLabel from '@salesforce/label/c.CME_Invite_History_Too_Large';
import eventsCountLabel from '@salesforce/label/c.CME_Invite_Events_Count';
import tovOfCapLabel from '@salesforce/label/c.CME_Invite_Tov_Of_Cap';
import severityBlockLabel from '@salesforce/label/c.CME_Invite_Severity_Block';
import severityWarnLabel from '@salesforce/label/c.CME_Invite_Severity_Warn';

export const LABELS = Object.freeze({
  insightsErrorLabel,
  retryLabel,
  historyTooLargeLabel,
  eventsCountLabel,
  tovOfCapLabel,
  severityBlockLabel,
  severityWarnLabel,
});
