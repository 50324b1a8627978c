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

/** Absolute paths of the regular and bold TrueType files. */
export function fontFiles(): FontFiles {
  return {
    regular: require.resolve(`${FONT_PACKAGE}/ttf/DejaVuSans.ttf`),
    bold: require.resolve(`${FONT_PACKAGE}/ttf/DejaVuSans-Bold.ttf`),
  };
}
