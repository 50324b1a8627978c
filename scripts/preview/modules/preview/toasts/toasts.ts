// Toasts as Lightning Experience shows them for ShowToastEvent (lightning__showtoast): success and
// info fade after a few seconds, errors and sticky toasts stay until closed.
import { LightningElement } from 'lwc';

interface ToastDetail {
  title?: string;
  message?: string;
  variant?: string;
  mode?: string;
}

interface Toast {
  id: string;
  title: string;
  message: string;
  variant: string;
  className: string;
  role: string;
}

let sequence = 0;

export default class Toasts extends LightningElement {
  toasts: Toast[] = [];
  private readonly onToast = (event: Event) => this.show((event as CustomEvent<ToastDetail>).detail ?? {});

  connectedCallback(): void {
    document.addEventListener('lightning__showtoast', this.onToast);
  }

  disconnectedCallback(): void {
    document.removeEventListener('lightning__showtoast', this.onToast);
  }

  show(detail: ToastDetail): void {
    const variant = ['success', 'warning', 'error', 'info'].includes(detail.variant ?? '')
      ? String(detail.variant)
      : 'info';
    const id = `toast-${++sequence}`;
    this.toasts = [
      ...this.toasts,
      {
        id,
        title: detail.title ?? '',
        message: detail.message ?? '',
        variant,
        className: `slds-notify slds-notify_toast slds-theme_${variant}`,
        role: variant === 'error' ? 'alert' : 'status',
      },
    ];
    const sticky = detail.mode === 'sticky' || (variant === 'error' && detail.mode !== 'dismissible');
    if (!sticky) setTimeout(() => this.dismiss(id), 6000);
  }

  close(event: Event): void {
    this.dismiss((event.currentTarget as HTMLElement).dataset.id ?? '');
  }

  private dismiss(id: string): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}
