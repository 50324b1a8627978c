// Reads back what a PDF of the product holds, from its bytes: the objects (streams inflated when
// pdfkit compressed them), each font with its ToUnicode map, and each page's text runs decoded through
// the map of the font they are set in, with their position. Enough for pdfkit's output (one TJ per
// line, fonts as Type0 with Identity-H), not a general PDF parser.
import zlib from 'node:zlib';

export interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export interface PdfFont {
  baseFont: string;
  /** The embedded file's key: FontFile2 (TrueType), FontFile3 (CFF), or null (a standard font). */
  fontFile: 'FontFile2' | 'FontFile3' | null;
  /** CID → the text it stands for. */
  toUnicode: Map<number, string>;
}

export interface TextRun {
  text: string;
  /** The text matrix origin, in PDF user space (y grows up the page). */
  x: number;
  y: number;
  font: string;
  size: number;
}

export interface ReadPdf {
  objects: Map<number, PdfObject>;
  fonts: PdfFont[];
  pages: TextRun[][];
}

const OBJECT = /(\d+) 0 obj\n([\s\S]*?)\nendobj/g;

function readObject(body: string): PdfObject {
  const start = body.indexOf('\nstream\n');
  if (start < 0) return { dict: body };
  const dict = body.slice(0, start);
  const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
  const raw = Buffer.from(body.slice(start + 8, start + 8 + length), 'latin1');
  return { dict, stream: dict.includes('/FlateDecode') ? zlib.inflateSync(raw) : raw };
}

export function pdfObjects(bytes: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  for (const match of bytes.toString('latin1').matchAll(OBJECT)) objects.set(Number(match[1]), readObject(match[2]));
  return objects;
}

const ref = (dict: string, key: string) => {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return match ? Number(match[1]) : undefined;
};

const hexText = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));

/** The bfrange arrays pdfkit writes: `<first> <last> [<u1> <u2> …]`, one entry per CID. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
    let cid = parseInt(range[1], 16);
    for (const entry of range[2].matchAll(/<([0-9a-f ]+)>/gi)) map.set(cid++, hexText(entry[1].replace(/ /g, '')));
  }
  return map;
}

function readFont(objects: Map<number, PdfObject>, dict: string): PdfFont {
  const baseFont = /\/BaseFont \/(\S+)/.exec(dict)?.[1] ?? '';
  const cmapRef = ref(dict, 'ToUnicode');
  const toUnicode = cmapRef ? parseToUnicode(objects.get(cmapRef)?.stream?.toString('latin1') ?? '') : new Map();
  const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(dict)?.[1];
  const descriptorRef = descendant ? ref(objects.get(Number(descendant))?.dict ?? '', 'FontDescriptor') : undefined;
  const descriptor = descriptorRef ? (objects.get(descriptorRef)?.dict ?? '') : '';
  const fontFile = /\/FontFile2 /.test(descriptor) ? 'FontFile2' : /\/FontFile3 /.test(descriptor) ? 'FontFile3' : null;
  return { baseFont, fontFile, toUnicode };
}

/** The page's resource names (F1, F2…) with the font each stands for. */
function pageFonts(objects: Map<number, PdfObject>, page: string): Map<string, PdfFont> {
  const resourcesRef = ref(page, 'Resources');
  const resources = resourcesRef ? (objects.get(resourcesRef)?.dict ?? '') : page;
  const fonts = new Map<string, PdfFont>();
  const block = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
  for (const [, name, id] of block.matchAll(/\/(\S+) (\d+) 0 R/g))
    fonts.set(name, readFont(objects, objects.get(Number(id))?.dict ?? ''));
  return fonts;
}

const CONTENT = /1 0 0 1 ([\d.-]+) ([\d.-]+) Tm|\/(\S+) ([\d.]+) Tf|\[([^\]]*)\] TJ/g;

function pageRuns(content: string, fonts: Map<string, PdfFont>): TextRun[] {
  const runs: TextRun[] = [];
  let [x, y, font, size] = [0, 0, '', 0];
  for (const m of content.matchAll(CONTENT)) {
    if (m[1] !== undefined) [x, y] = [Number(m[1]), Number(m[2])];
    else if (m[3] !== undefined) [font, size] = [m[3], Number(m[4])];
    else {
      const map = fonts.get(font)?.toUnicode ?? new Map<number, string>();
      const cids = [...m[5].matchAll(/<([0-9a-f]+)>/gi)].flatMap((h) => h[1].match(/.{4}/g) ?? []);
      const text = cids.map((cid) => map.get(parseInt(cid, 16)) ?? '\uFFFD').join('');
      runs.push({ text, x, y, font: fonts.get(font)?.baseFont ?? font, size });
    }
  }
  return runs;
}

/** The page objects in the order of the page tree's /Kids (the reading order). */
function pageIds(objects: Map<number, PdfObject>): number[] {
  const tree = [...objects.values()].find((object) => /\/Type \/Pages\b/.test(object.dict));
  const kids = /\/Kids \[([^\]]*)\]/.exec(tree?.dict ?? '')?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map((kid) => Number(kid[1]));
}

export function readPdf(bytes: Buffer): ReadPdf {
  const objects = pdfObjects(bytes);
  const fonts = [...objects.values()]
    .filter((object) => /\/Type \/Font\b/.test(object.dict) && !/\/Subtype \/CIDFontType/.test(object.dict))
    .map((object) => readFont(objects, object.dict));
  const pages = pageIds(objects).map((id) => {
    const page = objects.get(id)?.dict ?? '';
    const contentRef = ref(page, 'Contents');
    const content = contentRef ? (objects.get(contentRef)?.stream?.toString('latin1') ?? '') : '';
    return pageRuns(content, pageFonts(objects, page));
  });
  return { objects, fonts, pages };
}

/** Every text run of a page joined by newlines (order of drawing). */
export const pageText = (page: readonly TextRun[]) => page.map((run) => run.text).join('\n');
