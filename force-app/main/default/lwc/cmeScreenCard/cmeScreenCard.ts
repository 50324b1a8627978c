/**
 * The frame every CME screen opens with: a lightning-card with the screen's title and icon, an
 * optional Refresh action in the card's header, the shared state panel (loading, error with an
 * optional Retry, empty) and, under it, the screen's own content in the default slot. Slotted
 * content stays in the screen's shadow root (its styles and queries reach it); the header and the
 * state panel live here.
 *
 * `labels` is the screen's own LABELS (its labels.ts): the card reads the three every screen has,
 * titleLabel (the heading), loadingLabel (the spinner's name) and errorTitleLabel (the error panel's
 * heading), and ignores the rest. `title`, `loading-label` and `error-title` set one of them on its
 * own and win over `labels`; without either the state panel's own labels stand.
 *
 *   <c-cme-screen-card labels={labels} icon-name="standard:task" loading={isLoading} errors={errors}
 *       refresh-label={labels.refreshLabel} onrefresh={handleRefresh}>
 *       <template lwc:if={isReady}>…</template>
 *   </c-cme-screen-card>
 */
import { LightningElement, api } from 'lwc';
import type { ErrorLike } from 'c/cmeErrors';
import { LABELS } from './labels';

/** The keys the card reads from a screen's labels object (any other key is the screen's own). */
export interface ScreenCardLabels {
  titleLabel?: string;
  loadingLabel?: string;
  errorTitleLabel?: string;
}

export default class CmeScreenCard extends LightningElement {
  /** The screen's labels: the heading, the spinner's name and the error heading (see above). */
  @api labels: ScreenCardLabels = {};

  /** The card's heading (over labels.titleLabel) and the icon beside it (an SLDS icon name such as standard:task). */
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
  /** Over labels.loadingLabel and labels.errorTitleLabel. */
  @api loadingLabel = '';
  @api errorTitle = '';
  @api emptyMessage: string = LABELS.emptyLabel;
  @api emptyDetail = '';
  @api retryLabel: string = LABELS.retryLabel;

  get cardTitle(): string {
    return this.title || this.labels?.titleLabel || '';
  }

  get panelLoadingLabel(): string {
    return this.loadingLabel || this.labels?.loadingLabel || LABELS.loadingLabel;
  }

  get panelErrorTitle(): string {
    return this.errorTitle || this.labels?.errorTitleLabel || LABELS.errorTitleLabel;
  }

  handleRefresh(): void {
    this.dispatchEvent(new CustomEvent('refresh'));
  }

  handleRetry(): void {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}
