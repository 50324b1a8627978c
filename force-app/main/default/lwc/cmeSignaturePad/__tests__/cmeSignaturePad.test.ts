import CmeSignaturePad from '../cmeSignaturePad';
import type { SignatureDetail } from '../cmeSignaturePad';
import { SIGNATURE_MAX_LENGTH, SIGNED_NAME_MAX_LENGTH, fitSignature } from '../signature';
import { $, cleanUpEachTest, collectToasts, flushPromises as flush, mount } from '../../../../../test/lwcTest';
import { emitted, key } from '../../../../../test/events';
import { SIGNATURE_URL, canvasContext, stubCanvas } from '../../../../../test/canvas';
import { pointer, pressSign, typeSignedName } from './signaturePadDriver';

type PadElement = HTMLElement & { signerName: string; saving: boolean; focus(): void };

const ctx = canvasContext;

/** The pad for Dr Priya Desai, rendered, with the `sign` events it emits and the toasts it raises from now on. */
async function open(props: Partial<PadElement> = {}) {
  const element = mount<PadElement>('c-cme-signature-pad', CmeSignaturePad, { signerName: 'Dr Priya Desai', ...props });
  const signed = emitted<SignatureDetail>(element, 'sign');
  const toasts = collectToasts(element);
  await flush();
  return { element, signed, toasts };
}

beforeEach(stubCanvas);

cleanUpEachTest({ restoreSpies: true });

describe('c-cme-signature-pad', () => {
  it('shows who signs, a labelled 600 × 200 pad, the name field and the two buttons', async () => {
    const { element } = await open();
    expect($(element, 'legend')!.textContent!.trim()).toBe('Signature');
    expect($(element, '.signing-for')!.textContent).toBe('Signing for Dr Priya Desai');
    const pad = $(element, '[data-id="signature-pad"]')!;
    expect(pad.getAttribute('width')).toBe('600');
    expect(pad.getAttribute('height')).toBe('200');
    expect(pad.getAttribute('role')).toBe('img');
    expect(pad.getAttribute('aria-label')).toBe('Signature area');
    const name = $(element, '[data-id="signed-name"]') as HTMLElement & { required: boolean; maxLength: number };
    expect(name.required).toBe(true);
    expect(Number(name.maxLength)).toBe(SIGNED_NAME_MAX_LENGTH);
    expect(($(element, '[data-id="sign"]') as HTMLButtonElement).disabled).toBe(false);
    expect($(element, '[role="status"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('emits a drawn signature with the trimmed name and the PNG data URL', async () => {
    const { element, signed } = await open();
    const pad = $(element, '[data-id="signature-pad"]')!;
    pointer(pad, 'pointerdown', 10, 10);
    pointer(pad, 'pointermove', 40, 30);
    pointer(pad, 'pointerup', 40, 30);
    pointer(pad, 'pointermove', 90, 30);
    expect(ctx.moveTo).toHaveBeenCalledTimes(1);
    expect(ctx.lineTo).toHaveBeenCalledTimes(1);
    typeSignedName(element, '  Priya Desai ');
    pressSign(element);
    expect(signed).toEqual([{ name: 'Priya Desai', dataUrl: SIGNATURE_URL, method: 'drawn' }]);
    expect(ctx.fillText).not.toHaveBeenCalled();
  });

  it('signs by keyboard: Enter in the name field draws the typed name and emits it', async () => {
    const { element, signed } = await open();
    typeSignedName(element, 'Priya Desai');
    key($(element, '[data-id="signed-name"]')!, 'a');
    expect(signed).toHaveLength(0);
    key($(element, '[data-id="signed-name"]')!, 'Enter');
    expect(ctx.fillText).toHaveBeenCalledWith('Priya Desai', 300, 100);
    expect(signed).toEqual([{ name: 'Priya Desai', dataUrl: SIGNATURE_URL, method: 'typed' }]);
  });

  it('cuts a long name to what Signed_Name__c holds and shrinks the handwriting until it fits', async () => {
    ctx.measureText.mockImplementation(() => ({ width: ctx.font.startsWith('italic 64px') ? 900 : 300 }));
    const { element, signed } = await open();
    typeSignedName(element, 'x'.repeat(200));
    pressSign(element);
    expect(signed[0].name).toHaveLength(SIGNED_NAME_MAX_LENGTH);
    expect(ctx.font).toMatch(/^italic 60px/);
    ctx.measureText.mockImplementation(() => ({ width: 200 }));
  });

  it('asks for the printed name before emitting anything', async () => {
    const { element, signed } = await open();
    const name = $(element, '[data-id="signed-name"]')!;
    const messages: string[] = [];
    Object.defineProperty(name, 'setCustomValidity', { value: (m: string) => messages.push(m), configurable: true });
    const focus = jest.spyOn(name, 'focus');
    pressSign(element);
    expect(messages).toEqual(["Type the signer's name to sign."]);
    expect(focus).toHaveBeenCalled();
    expect(signed).toHaveLength(0);
    typeSignedName(element, 'Priya');
    expect(messages.at(-1)).toBe('');
  });

  it('clears the pad, so the next signature is the typed name again', async () => {
    const { element, signed } = await open();
    const pad = $(element, '[data-id="signature-pad"]')!;
    pointer(pad, 'pointerdown', 1, 1);
    pointer(pad, 'pointermove', 5, 5);
    ($(element, '[data-id="clear-signature"]') as HTMLButtonElement).click();
    expect(ctx.clearRect).toHaveBeenCalledWith(0, 0, 600, 200);
    typeSignedName(element, 'Priya Desai');
    pressSign(element);
    expect(signed[0].method).toBe('typed');
  });

  it('says so when the browser cannot draw, or when the image never fits the field', async () => {
    const { element, signed, toasts } = await open();
    typeSignedName(element, 'Priya Desai');
    (HTMLCanvasElement.prototype.getContext as jest.Mock).mockImplementation(() => null);
    pointer($(element, '[data-id="signature-pad"]')!, 'pointerdown', 1, 1);
    pressSign(element);
    expect(toasts[0]).toMatchObject({
      title: 'The signature could not be saved',
      message: 'This browser cannot capture signatures. Record the signature on the paper sign-in sheet.',
      variant: 'error',
    });
    (HTMLCanvasElement.prototype.getContext as jest.Mock).mockImplementation(() => ctx);
    (HTMLCanvasElement.prototype.toDataURL as jest.Mock).mockImplementation(
      () => `data:image/png;base64,${'A'.repeat(SIGNATURE_MAX_LENGTH)}`,
    );
    pressSign(element);
    expect(toasts[1].message).toBe('The signature image is too large to store. Clear it and sign again.');
    expect(signed).toHaveLength(0);
  });

  it('scales a signature too large at full size down before emitting it', async () => {
    const small = `data:image/png;base64,${'B'.repeat(100)}`;
    (HTMLCanvasElement.prototype.toDataURL as jest.Mock).mockImplementation(function (this: HTMLCanvasElement) {
      return this.width === 600 ? `data:image/png;base64,${'A'.repeat(SIGNATURE_MAX_LENGTH)}` : small;
    });
    const { element, signed } = await open();
    typeSignedName(element, 'Priya Desai');
    pressSign(element);
    expect(signed[0].dataUrl).toBe(small);
    expect(ctx.drawImage).toHaveBeenCalledWith(expect.any(HTMLCanvasElement), 0, 0, 450, 150);
  });

  it('while the parent saves: Sign is disabled, "Saving…" shows, and nothing more is emitted', async () => {
    const { element, signed } = await open({ saving: true });
    expect(($(element, '[data-id="sign"]') as HTMLButtonElement).disabled).toBe(true);
    expect($(element, '[role="status"]')!.textContent).toBe('Saving…');
    typeSignedName(element, 'Priya Desai');
    key($(element, '[data-id="signed-name"]')!, 'Enter');
    expect(signed).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('puts the keyboard in the name field when asked to focus', async () => {
    const { element } = await open();
    const focus = jest.spyOn($(element, '[data-id="signed-name"]')!, 'focus');
    element.focus();
    expect(focus).toHaveBeenCalledTimes(1);
  });
});

describe('cmeSignaturePad/signature', () => {
  it('picks the largest rendering of the signature that fits', () => {
    const sizes: Record<number, number> = { 1: 200, 0.75: 120, 0.5: 60 };
    const render = (scale: number) => `data:image/png;base64,${'x'.repeat(sizes[scale] ?? 10)}`;
    expect(fitSignature(render, 100)).toHaveLength(22 + 60);
    expect(fitSignature(render, 1000)).toHaveLength(22 + 200);
    expect(fitSignature(render, 20)).toBeNull();
    expect(fitSignature(() => 'data:,', 1000)).toBeNull();
  });
});
