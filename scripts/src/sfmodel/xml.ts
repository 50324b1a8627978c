// XML reading for the metadata validator and the local org's schema: well-formedness with positions,
// and an ordered element tree (order matters: the Metadata API deserializer rejects elements out of
// their WSDL sequence).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (for leaf elements). */
  text: string;
}

export interface XmlProblem {
  line: number;
  column: number;
  message: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  commentPropName: '#comment',
});

/** Returns a problem when the document is not well-formed XML (or has no single root element). */
export function checkWellFormed(source: string): XmlProblem | undefined {
  const result = XMLValidator.validate(source, { allowBooleanAttributes: false });
  if (result !== true) return { line: result.err.line, column: result.err.col, message: result.err.msg };
  const roots = parseOrdered(source).filter((n) => !('#text' in n) && !('#comment' in n));
  if (roots.length !== 1) return { line: 1, column: 1, message: `expected one root element, found ${roots.length}` };
  return undefined;
}

function parseOrdered(source: string): OrderedNode[] {
  return parser.parse(source) as OrderedNode[];
}

function toElement(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '#comment') return undefined;
  const rawChildren = (node[name] as OrderedNode[]) ?? [];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of rawChildren) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const el = toElement(child);
      if (el) children.push(el);
    }
  }
  return { name, attributes: node[':@'] ?? {}, children, text: children.length ? '' : text };
}

/** Parses a well-formed document into its root element. */
export function parseXml(source: string): XmlElement {
  for (const node of parseOrdered(source)) {
    const el = toElement(node);
    if (el) return el;
  }
  throw new Error('no root element');
}

/** Text of the first direct child with this name, trimmed; undefined when absent. */
export function childText(el: XmlElement, name: string): string | undefined {
  const child = el.children.find((c) => c.name === name);
  return child ? child.text.trim() : undefined;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Every descendant (depth first) with this name. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
