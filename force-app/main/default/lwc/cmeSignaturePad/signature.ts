/**
 * The signature pad's pure rules: how long a stored signature and a printed name may be, and how the
 * pad's PNG is scaled down until it fits.
 */

/** Signature_Data__c is a LongTextArea(131072): the PNG data URL must fit in it. */
export const SIGNATURE_MAX_LENGTH = 131072;
/** Signed_Name__c is Text(121). */
export const SIGNED_NAME_MAX_LENGTH = 121;

/** Scales tried, largest first, until the PNG fits in Signature_Data__c. */
export const SIGNATURE_SCALES: readonly number[] = [1, 0.75, 0.5, 0.35, 0.25];

/**
 * The first rendering (largest scale first) whose data URL fits in `maxLength`, or null when even the
 * smallest does not. `render(scale)` returns a PNG data URL of the pad drawn at that scale.
 */
export function fitSignature(
  render: (scale: number) => string,
  maxLength: number = SIGNATURE_MAX_LENGTH,
  scales: readonly number[] = SIGNATURE_SCALES,
): string | null {
  for (const scale of scales) {
    const url = render(scale);
    if (url.startsWith('data:image/png') && url.length <= maxLength) return url;
  }
  return null;
}
