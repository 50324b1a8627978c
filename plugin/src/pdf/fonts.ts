// The PDFs' typeface: DejaVu Sans (regular and bold) from the dejavu-fonts-ttf package, embedded and
// subset by pdfkit. The standard Helvetica of PDF viewers has no rupee sign (₹ printed as "¹"), no
// Ł or Š and no ≤ ≥; DejaVu Sans has glyphs for all of them (checked in the font files' cmap, see
// test/pdf-document.test.ts). Its licence (Bitstream Vera, DejaVu changes in the public domain) allows
// embedding. The files are resolved from the installed dependency, never copied into this tree, so the
// same lookup works from src/ under test, from lib/ after the build and from an installed tarball.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The npm package that ships the TrueType files (a dependency of the plugin). */
export const FONT_PACKAGE = 'dejavu-fonts-ttf';

/** Names the documents register the two faces under: every PDF helper selects a face by these. */
export const REGULAR = 'cme-regular';
export const BOLD = 'cme-bold';

export interface FontFiles {
  regular: string;
  bold: string;
}

/** A font as fontkit parses it; pdfkit (0.17+) embeds such an object as it embeds a file. */
export interface ParsedFont {
  layout: (...args: never[]) => unknown;
  getGlyph: (id: number, codePoints?: number[]) => { codePoints: number[] } | null;
  hasGlyphForCodePoint: (codePoint: number) => boolean;
}

let parsed: { regular: ParsedFont; bold: ParsedFont } | undefined;

/**
 * fontkit caches a glyph with the code points of its first request. A document's subset asks for the
 * components of compound glyphs (the u and the diaeresis of ü) with none, so in a shared font a later
 * document would find that glyph without its character and write an empty ToUnicode entry, which shifts
 * every mapping after it (text extracted as "eond itm" for "Second item"). A glyph asked for with its
 * characters keeps them.
 */
function keepCodePoints(font: ParsedFont): ParsedFont {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && !glyph.codePoints.length && codePoints.length) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

/**
 * The two faces parsed once per process, through fontkit (the font library pdfkit itself uses, from
 * pdfkit's own dependency). Given a path, pdfkit reads and parses the 700 KB file anew for every
 * document, and every document starts with cold glyph and layout caches: a one-page certificate took
 * 270 ms, almost all of it in fontkit's table decoding (CPU profile), 80 ms with the fonts parsed once,
 * which matters for an event of a thousand certificates. Each document still makes its own subset.
 */
export function parsedFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (!parsed) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { openSync(file: string): ParsedFont };
    const files = fontFiles();
    parsed = {
      regular: keepCodePoints(fontkit.openSync(files.regular)),
      bold: keepCodePoints(fontkit.openSync(files.bold)),
    };
  }
  return parsed;
}

/** Absolute paths of the regular and bold TrueType files. */
export function fontFiles(): FontFiles {
  return {
    regular: require.resolve(`${FONT_PACKAGE}/ttf/DejaVuSans.ttf`),
    bold: require.resolve(`${FONT_PACKAGE}/ttf/DejaVuSans-Bold.ttf`),
  };
}

/**
 * The characters of `text` that either face lacks (each once, in order): DejaVu Sans has no Devanagari,
 * Tamil or CJK glyphs, so a name written in those scripts would print as empty boxes. Spaces and
 * line breaks are never missing.
 */
export function missingGlyphs(text: string): string[] {
  const { regular, bold } = parsedFonts();
  const missing = new Set<string>();
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (/\s/.test(char)) continue;
    if (!regular.hasGlyphForCodePoint(code) || !bold.hasGlyphForCodePoint(code)) missing.add(char);
  }
  return [...missing];
}
