/**
 * The frame every CME screen opens with: a lightning-card with the screen's title and icon, an
 * optional Refresh action in the card's header, the shared state panel (loading, error with an
 * optional Retry, empty) and, under it, the screen's own content in the default slot. Slotted
 * content stays in the screen's shadow root (its styles and queries reach it); the header and the
 * state panel live here.
 *
 *   <c-cme-screen-card title={labels.titleLabel} icon-name="standard:task"
 *       loading={isLoading} errors={errors} loading-label={labels.loadingLabel}
 *       error-title={labels.errorTitleLabel} refresh-label={labels.refreshLabel} onrefresh={handleRefresh}>
 *       <template lwc:if={isReady}>…</template>
 *   </c-cme-screen-card>
 */
import { LightningElement, api } from 'lwc';
import type { ErrorLike } from 'c/cmeErrors';
import { LABELS } from './labels';

export default class CmeScreenCard extends LightningElement {
  /** The card's heading and the icon beside it (an SLDS icon name such as standard:task). */
  @api title = '';
  @api iconName = '';

  /** Shown as a Refresh button-icon in the card's header when set (its accessible name); it fires `refresh`. */
  @api refreshLabel = '';
  @api refreshDisabled = false;

  /** The state panel's inputs, as c-cme-state-panel takes them; `retry` comes from its Retry button. */
  @api loading = false;
  @api errors: ErrorLike | ErrorLike[] = [];
  @api empty = false;
  @api retryable = false;
  @api loadingLabel: string = LABELS.loadingLabel;
  @api errorTitle: string = LABELS.errorTitleLabel;
  @api emptyMessage: string = LABELS.emptyLabel;
  @api emptyDetail = '';
  @api retryLabel: string = LABELS.retryLabel;

  handleRefresh(): void {
    this.dispatchEvent(new CustomEvent('refresh'));
  }

  handleRetry(): void {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}
