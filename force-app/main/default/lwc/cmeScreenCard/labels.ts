/** The state panel's own fallback labels, for a screen that gives none of its own. */
import loadingLabel from '@salesforce/label/c.CME_State_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_State_Error_Title';
import emptyLabel from '@salesforce/label/c.CME_State_Empty';
import retryLabel from '@salesforce/label/c.CME_State_Retry';

export const LABELS = Object.freeze({ loadingLabel, errorTitleLabel, emptyLabel, retryLabel });
