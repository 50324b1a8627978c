/**
 * The loading, error and empty states every CME screen shows before (or instead of) its content: a
 * spinner, an error panel with the readable messages of c/cmeErrors and an optional Retry, or an
 * empty message. It shows at most one, in that order, and nothing when none applies; the screen
 * shows its content when it is ready.
 *
 *   <c-cme-state-panel loading={isLoading} errors={errors} empty={isEmpty}
 *       loading-label={labels.loadingLabel} error-title={labels.errorTitleLabel}
 *       empty-message={labels.emptyLabel} retryable onretry={handleRetry}></c-cme-state-panel>
 */
import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { LABELS } from './labels';

export default class CmeStatePanel extends LightningElement {
  /** The screen is waiting for its data: a spinner. */
  @api loading = false;
  /** What failed: messages or raw errors (LDS, GraphQL, fetch), shown through c/cmeErrors. */
  @api errors: ErrorLike | ErrorLike[] = [];
  /** The screen has loaded and has nothing to show. */
  @api empty = false;
  /** Offer a Retry button in the error panel; it fires `retry`. */
  @api retryable = false;

  /** The spinner's accessible text. */
  @api loadingLabel: string = LABELS.loadingLabel;
  /** The error panel's heading. */
  @api errorTitle: string = LABELS.errorTitleLabel;
  /** The empty state's message, and an optional second line under it. */
  @api emptyMessage: string = LABELS.emptyLabel;
  @api emptyDetail = '';
  @api retryLabel: string = LABELS.retryLabel;

  get messages(): string[] {
    return reduceErrors(this.errors);
  }

  get isLoading(): boolean {
    return !!this.loading;
  }

  get hasError(): boolean {
    return this.messages.length > 0;
  }

  get isEmpty(): boolean {
    return !!this.empty;
  }

  /** A message alone reads as a quiet line; with a detail line it is a centred heading over it. */
  get emptyClass(): string {
    return this.emptyDetail
      ? 'empty slds-text-align_center slds-var-p-vertical_large'
      : 'empty slds-var-p-vertical_medium';
  }

  get emptyMessageClass(): string {
    return this.emptyDetail ? 'empty-message slds-text-heading_small' : 'empty-message slds-text-color_weak';
  }

  handleRetry(): void {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}
