// A person's name as a key that two spellings of one name share: "Dr. Ana Müller", "MÜLLER, Ana" and
// "ana muller" are one key; "Ana Müller-Schmidt" and "Ana Müller" are not (equal token sets only, no
// fuzzy guessing: a wrong match would credit one doctor with another's attendance). Pure.

/**
 * Titles and post-nominal degrees that say nothing about who a person is, so a file that writes them
 * and a Contact that does not still agree. Only whole tokens are dropped ("Drew" keeps its "dr").
 */
const HONORIFICS = new Set([
  'dr',
  'doctor',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'md',
  'phd',
  'mbbs',
  'dds',
  'pharmd',
]);

/**
 * The tokens of a name, normalised: Unicode NFD with the combining marks removed (é → e), case-folded,
 * hyphens, commas and other separators as spaces, other punctuation dropped (O'Brien → obrien), titles
 * and degrees removed, sorted. Token order is ignored, so "Last, First" and "First Last" agree.
 */
export function nameTokens(name: string): string[] {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // Letters that NFD does not take apart: ß is ss, and ø, đ, ł, æ, œ are read as their base letters.
      .replace(/ß/g, 'ss')
      .replace(/ø/g, 'o')
      .replace(/đ/g, 'd')
      .replace(/ł/g, 'l')
      .replace(/æ/g, 'ae')
      .replace(/œ/g, 'oe')
      .replace(/['’`.]/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((token) => token !== '' && !HONORIFICS.has(token))
      .sort()
  );
}

/** The name as one comparable key ('' when nothing of it is left, which matches nobody). */
export function nameKey(name: string): string {
  return nameTokens(name).join(' ');
}
