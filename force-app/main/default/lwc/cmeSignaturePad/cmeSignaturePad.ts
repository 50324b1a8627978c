import { LightningElement, api } from 'lwc';
import { errorToast } from 'c/cmeErrors';
import { formatLabel } from 'c/cmeUi';
import { LABELS } from './labels';
import { SIGNED_NAME_MAX_LENGTH, fitSignature } from './signature';

/** The pad's drawing surface in canvas pixels (3:1); CSS scales it to the screen. */
const PAD_WIDTH = 600;
const PAD_HEIGHT = 200;
const INK = '#181818';

/** What the `sign` event carries: the printed name, the PNG data URL and how the doctor signed. */
export interface SignatureDetail {
  name: string;
  dataUrl: string;
  /** 'drawn': with a pointer on the canvas; 'typed': the printed name rendered in a handwriting face. */
  method: 'drawn' | 'typed';
}

type Validatable = HTMLElement & {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
};

/**
 * The e-signature step of a check-in: a canvas for a pointer, or the typed name (Enter in the name
 * field) drawn in a handwriting face for a keyboard user. Emits `sign` with the signature; the parent
 * stores it. No I/O.
 */
export default class CmeSignaturePad extends LightningElement {
  /** The doctor who signs (shown as "Signing for …"). */
  @api signerName = '';
  /** True while the parent saves the signature: Sign is disabled and "Saving…" shows. */
  @api saving = false;

  signedName = '';
  labels = LABELS;
  readonly padWidth = PAD_WIDTH;
  readonly padHeight = PAD_HEIGHT;
  readonly signedNameMaxLength = SIGNED_NAME_MAX_LENGTH;

  private drawing = false;
  private hasInk = false;

  /** Puts the keyboard in the signer's name field. */
  @api focus() {
    this.template?.querySelector<HTMLElement>('[data-id="signed-name"]')?.focus();
  }

  get signingFor(): string {
    return formatLabel(LABELS.signingForLabel, this.signerName);
  }

  private get pad(): HTMLCanvasElement | null {
    return this.template?.querySelector<HTMLCanvasElement>('canvas[data-id="signature-pad"]') ?? null;
  }

  private pointOf(event: PointerEvent, canvas: HTMLCanvasElement): { x: number; y: number } {
    const rect = canvas.getBoundingClientRect();
    const sx = rect.width ? canvas.width / rect.width : 1;
    const sy = rect.height ? canvas.height / rect.height : 1;
    return { x: (event.clientX - rect.left) * sx, y: (event.clientY - rect.top) * sy };
  }

  handlePointerDown(event: PointerEvent) {
    const canvas = this.pad;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    this.drawing = true;
    const p = this.pointOf(event, canvas);
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = INK;
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  }

  handlePointerMove(event: PointerEvent) {
    if (!this.drawing) return;
    const canvas = this.pad;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    event.preventDefault();
    const p = this.pointOf(event, canvas);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    this.hasInk = true;
  }

  handlePointerUp(event: PointerEvent) {
    if (!this.drawing) return;
    this.drawing = false;
    const canvas = this.pad;
    if (canvas?.hasPointerCapture?.(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
  }

  handleClear() {
    const canvas = this.pad;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    this.hasInk = false;
  }

  handleNameChange(event: CustomEvent<{ value: string }>) {
    this.signedName = event.detail?.value ?? '';
    (event.target as Validatable).setCustomValidity?.('');
  }

  handleNameKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.handleSign();
    }
  }

  /** Draws the typed name in a handwriting face: the keyboard way to sign. */
  private drawTypedSignature(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, name: string) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    let size = 64;
    const face = (px: number) => `italic ${px}px "Segoe Script", "Brush Script MT", "Snell Roundhand", cursive`;
    ctx.font = face(size);
    while (size > 16 && ctx.measureText(name).width > canvas.width - 40) {
      size -= 4;
      ctx.font = face(size);
    }
    ctx.fillStyle = INK;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(name, canvas.width / 2, canvas.height / 2);
  }

  /** The pad as a PNG data URL small enough for Signature_Data__c, scaled down when needed. */
  private exportSignature(canvas: HTMLCanvasElement): string | null {
    return fitSignature((scale) => {
      if (scale === 1) return canvas.toDataURL('image/png');
      const copy = document.createElement('canvas');
      copy.width = Math.max(1, Math.round(canvas.width * scale));
      copy.height = Math.max(1, Math.round(canvas.height * scale));
      copy.getContext('2d')?.drawImage(canvas, 0, 0, copy.width, copy.height);
      return copy.toDataURL('image/png');
    });
  }

  handleSign() {
    if (this.saving) return;
    const input = this.template?.querySelector<Validatable>('[data-id="signed-name"]');
    const name = this.signedName.trim().slice(0, SIGNED_NAME_MAX_LENGTH);
    if (!name) {
      input?.setCustomValidity(LABELS.signedNameRequiredLabel);
      input?.reportValidity();
      input?.focus();
      return;
    }
    input?.setCustomValidity('');
    const canvas = this.pad;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) {
      this.dispatchEvent(errorToast(LABELS.signatureFailedLabel, LABELS.signatureUnavailableLabel));
      return;
    }
    const method = this.hasInk ? 'drawn' : 'typed';
    if (method === 'typed') {
      this.drawTypedSignature(canvas, ctx, name);
      this.hasInk = true;
    }
    const dataUrl = this.exportSignature(canvas);
    if (!dataUrl) {
      this.dispatchEvent(errorToast(LABELS.signatureFailedLabel, LABELS.signatureTooLargeLabel));
      return;
    }
    const detail: SignatureDetail = { name, dataUrl, method };
    this.dispatchEvent(new CustomEvent<SignatureDetail>('sign', { detail }));
  }
}
