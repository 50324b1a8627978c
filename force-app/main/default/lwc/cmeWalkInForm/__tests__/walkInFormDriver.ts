/**
 * Drives a c-cme-walk-in-form as a user would (not a test: jest runs *.test.ts): its own tests and the
 * check-in screen's, which holds one, fill it in and submit it through these. `form` is the
 * c-cme-walk-in-form element.
 */

/** How long the form waits for the lookup of existing doctors (cmeWalkInForm's LOOKUP_TIMEOUT_MS). */
const LOOKUP_TIMEOUT_MS = 15000;

/**
 * A new doctor as a rep types them, every field filled (the first name with stray spaces the form
 * trims): fillWalkIn's values. Nobody in the tests' data has this registration number or email.
 */
export const NEW_DOCTOR: Readonly<Record<string, string>> = Object.freeze({
  'first-name': ' Sunita ',
  'last-name': 'Verma',
  specialty: 'Dermatology',
  city: 'Nagpur',
  registration: 'MMC-7777',
  email: 'sunita@example.com',
});

/** Types each value into its field: `{ 'first-name': 'Anil' }` fills `[data-id="walk-in-first-name"]`. */
export function fillWalkIn(form: Element, values: Record<string, string>): void {
  for (const [id, value] of Object.entries(values)) {
    form
      .shadowRoot!.querySelector(`[data-id="walk-in-${id}"]`)!
      .dispatchEvent(new CustomEvent('change', { detail: { value } }));
  }
}

/** Submits the form (Enter in a field, or the Check in button). */
export function submitWalkIn(form: Element): void {
  form
    .shadowRoot!.querySelector('[data-id="walk-in-form"]')!
    .dispatchEvent(new CustomEvent('submit', { cancelable: true, bubbles: true }));
}

/** Submits the form and lets the lookup's time run out without an answer (timers are real again after). */
export async function submitAndOutwaitLookup(form: Element): Promise<void> {
  jest.useFakeTimers();
  submitWalkIn(form);
  await Promise.resolve();
  jest.advanceTimersByTime(LOOKUP_TIMEOUT_MS);
  jest.useRealTimers();
}
