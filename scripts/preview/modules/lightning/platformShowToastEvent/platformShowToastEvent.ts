// lightning/platformShowToastEvent for the preview: the event Lightning Experience turns into a
// toast; the preview shell listens for it on the document.
export class ShowToastEvent extends CustomEvent<{ title?: string; message?: string; variant?: string; mode?: string }> {
  constructor(detail: { title?: string; message?: string; variant?: string; mode?: string }) {
    super('lightning__showtoast', { detail, bubbles: true, composed: true });
  }
}
