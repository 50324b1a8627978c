/**
 * Drives a c-cme-signature-pad as a user would (not a test: jest runs *.test.ts): its own tests and
 * the check-in screen's, which holds one per attendee, draw, type and sign through these. `pad` is the
 * c-cme-signature-pad element.
 */

/** Dispatches a pointer event (pointerdown, pointermove, pointerup) at x, y on the canvas or any target. */
export function pointer(target: Element, name: string, x: number, y: number): void {
  target.dispatchEvent(new MouseEvent(name, { clientX: x, clientY: y, bubbles: true, cancelable: true }));
}

/** Types the signer's printed name. */
export function typeSignedName(pad: Element, value: string): void {
  pad
    .shadowRoot!.querySelector('[data-id="signed-name"]')!
    .dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

/** Presses Sign. */
export function pressSign(pad: Element): void {
  (pad.shadowRoot!.querySelector('[data-id="sign"]') as HTMLButtonElement).click();
}
