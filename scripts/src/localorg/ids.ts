// Salesforce record ids: 3-character key prefix, 12 characters of base-62 counter, and the
// 3-character case-safe suffix that makes the 18-character form unique case-insensitively.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix: one character per 5-character chunk, encoding which of its characters are upper case. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') flags |= 1 << i;
    }
    suffix += SUFFIX_CHARS[flags];
  }
  return suffix;
}

/** 18-character id for the n-th record of an object (n ≥ 1). `5g` stands for the pod, `0` is reserved. */
export function makeId(keyPrefix: string, n: number): string {
  let digits = '';
  let rest = n;
  for (let i = 0; i < 9; i++) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  const id15 = `${keyPrefix}5g0${digits}`;
  return id15 + caseSafeSuffix(id15);
}

/** An id in 15- or 18-character form, checked; returns the 18-character form or undefined. */
export function normaliseId(value: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  const full = id15 + caseSafeSuffix(id15);
  if (value.length === 18 && value.slice(15).toUpperCase() !== full.slice(15)) return undefined;
  return full;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}
