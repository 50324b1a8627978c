import { LightningElement, api } from 'lwc';

/**
 * A scoped notification that lists messages under an optional title, as an alert: a form's save
 * errors, the picklists a screen could not load. `theme` is the SLDS theme (error by default,
 * warning); `focusable` lets the form move the focus to it after a failed save.
 *
 * It renders in light DOM (LWC Developer Guide, "Light DOM"), so the panel stays in the shadow tree
 * of the component that uses it: that component focuses it and its tests read it by `notice-id`
 * (the panel's data-id) and `.notice-message`, as if it had written it itself.
 *
 *   <c-cme-notice notice-id="form-errors" title={labels.saveFailedLabel} messages={formErrors}
 *       focusable></c-cme-notice>
 */
export default class CmeNotice extends LightningElement {
  static renderMode = 'light' as const;

  /** The messages, one list item each. */
  @api messages: string[] = [];
  /** The heading above the list (none when empty). */
  @api title = '';
  @api theme: 'error' | 'warning' = 'error';
  /** The panel's data-id. */
  @api noticeId = '';
  /** The panel takes the focus from script (tabindex -1). */
  @api focusable = false;

  /** Keyed by position: two lines may read the same (two doctors of one name refused alike), and the
   * list is always replaced whole. */
  get items(): { key: string; text: string }[] {
    return (this.messages ?? []).map((text, index) => ({ key: String(index), text }));
  }

  get panelClass(): string {
    return `notice slds-scoped-notification slds-theme_${this.theme === 'warning' ? 'warning' : 'error'}`;
  }

  get tabindex(): string | undefined {
    return this.focusable ? '-1' : undefined;
  }
}
