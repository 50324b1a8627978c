/**
 * An SLDS progress bar for a share of a whole (budget spent, the annual transfer-of-value cap,
 * places taken): role progressbar with its accessible name, the value clamped to 0–100 (announced
 * rounded), and a warning or error colour when the screen says the share needs attention.
 *
 *   <c-cme-progress-bar percent={utilization} label={budgetText} tone={barTone}></c-cme-progress-bar>
 */
import { LightningElement, api } from 'lwc';

/** '' for the brand colour, 'warning' (near a limit, full) or 'error' (over it). */
export type ProgressTone = '' | 'warning' | 'error';

export default class CmeProgressBar extends LightningElement {
  /** The share in percent; below 0 shows empty, above 100 shows full. */
  @api percent: number | null | undefined = 0;
  /** The bar's accessible name: what the share is of, in words. */
  @api label = '';
  /** 'large' (the default) or 'small'. */
  @api size: 'small' | 'large' = 'large';
  @api tone: ProgressTone = '';

  get clamped(): number {
    return Math.min(100, Math.max(0, Number(this.percent) || 0));
  }

  get valueNow(): number {
    return Math.round(this.clamped);
  }

  get barClass(): string {
    const size = this.size === 'small' ? 'slds-progress-bar_small' : 'slds-progress-bar_large';
    return `slds-progress-bar ${size} slds-var-m-top_xx-small`;
  }

  get valueClass(): string {
    return this.tone ? `slds-progress-bar__value tone-${this.tone}` : 'slds-progress-bar__value';
  }

  get valueStyle(): string {
    return `width: ${this.clamped}%`;
  }
}
