/**
 * A part of a screen that could not load, said in one line with a Retry button beside it: the
 * invite screen's failed doctor search, the doctors' history under it. The message is an alert; the
 * button fires `retry` and the screen runs the load again (the whole screen's load failing is the
 * state panel's error instead). Both strings are the screen's own custom labels.
 *
 *   <c-cme-retry-notice message={searchErrorText} retry-label={labels.retryLabel}
 *       onretry={handleRetrySearch}></c-cme-retry-notice>
 */
import { LightningElement, api } from 'lwc';

export default class CmeRetryNotice extends LightningElement {
  /** What failed, in words. */
  @api message = '';
  /** The button's label. */
  @api retryLabel = '';

  handleRetry(): void {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}
