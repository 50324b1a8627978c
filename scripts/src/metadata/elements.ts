// Checks every element of a metadata file against its type: known names, WSDL order, single
// occurrence of non-list elements, required elements, and simple values (booleans, numbers).
import type { XmlElement } from '../sfmodel/xml.ts';
import { elementsOf, isComplex, isKnownType } from './schema.ts';

const SIMPLE_TYPES = new Set(['string', 'boolean', 'number', 'any']);
/** js-meta.xml is read by the LWC compiler, not the WSDL deserializer: any order deploys (lwc-recipes). */
const ORDER_INSENSITIVE = new Set(['LightningComponentBundle']);

export function checkElements(typeName: string, el: XmlElement, path = typeName): string[] {
  if (!isKnownType(typeName)) return [`${path}: unknown metadata type ${typeName}`];
  const declared = elementsOf(typeName);
  const index = new Map(declared.map(([name], i) => [name, i]));
  const problems: string[] = [];
  let lastIndex = -1;
  let lastName = '';
  const seen = new Map<string, number>();

  for (const child of el.children) {
    const i = index.get(child.name);
    const childPath = `${path} > ${child.name}`;
    if (i === undefined) {
      problems.push(`${childPath}: unknown element "${child.name}" in ${typeName}`);
      continue;
    }
    if (i < lastIndex && !ORDER_INSENSITIVE.has(typeName))
      problems.push(`${childPath}: out of order: "${child.name}" must come before "${lastName}" in ${typeName}`);
    else {
      lastIndex = i;
      lastName = child.name;
    }
    const elementType = declared[i][1];
    seen.set(child.name, (seen.get(child.name) ?? 0) + 1);
    if (elementType === 'opaque') continue;
    if (!elementType.array && seen.get(child.name) === 2)
      problems.push(`${childPath}: "${child.name}" may appear only once in ${typeName}`);
    problems.push(...checkValue(elementType.type, child, childPath));
  }
  for (const [name, t] of declared) {
    if (t !== 'opaque' && !t.optional && !seen.has(name) && name !== 'fullName')
      problems.push(`${path}: missing required element "${name}" in ${typeName}`);
  }
  return problems;
}

function checkValue(type: string, el: XmlElement, path: string): string[] {
  if (isComplex(type) && !SIMPLE_TYPES.has(type)) return checkElements(type, el, path);
  if (el.children.length) return [`${path}: expected a ${type} value, found child elements`];
  const value = el.text.trim();
  if (type === 'boolean' && value !== 'true' && value !== 'false')
    return [`${path}: expected true or false, found "${value}"`];
  if (type === 'number' && (value === '' || !Number.isFinite(Number(value))))
    return [`${path}: expected a number, found "${value}"`];
  return [];
}
