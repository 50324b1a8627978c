// Known elements of each metadata type, in the order the Metadata API expects them.
// Base: jsforce's ApiSchemas (generated from the Metadata WSDL), plus SUPPLEMENT for elements added to
// the API after that WSDL (each with the Metadata API Developer Guide page it comes from).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ApiSchemas } = require('jsforce/lib/api/metadata/schema.js') as {
  ApiSchemas: Record<string, { type: string; props: Record<string, string | string[]>; extends?: string }>;
};

/** `opaque`: content not described here (checked by other means or not at all). */
export type ElementType = { type: string; array: boolean; optional: boolean } | 'opaque';

interface TypeDef {
  props: [string, string | string[]][];
}

/**
 * Elements newer than the WSDL behind jsforce's schema. Sources (Metadata API Developer Guide, v66):
 * FlexiPage (itemInstances, ItemInstance, ComponentInstance.identifier, FieldInstance),
 * LightningComponentBundle (js-meta.xml: targets, targetConfigs, capabilities).
 */
const SUPPLEMENT: Record<string, { props: Record<string, string | string[]>; extends?: string; replace?: boolean }> = {
  FlexiPage: { props: { events: ['opaque'] } },
  FlexiPageRegion: { props: { itemInstances: ['ItemInstance'] } },
  ComponentInstanceProperty: { props: { valueList: '?opaque' } },
  ItemInstance: { props: { componentInstance: '?ComponentInstance', fieldInstance: '?FieldInstance' }, replace: true },
  ComponentInstance: { props: { identifier: '?string' } },
  FieldInstance: {
    props: {
      fieldInstanceProperties: ['FieldInstanceProperty'],
      fieldItem: 'string',
      identifier: '?string',
      visibilityRule: '?UiFormulaRule',
    },
    replace: true,
  },
  FieldInstanceProperty: { props: { name: 'string', value: 'string' }, replace: true },
  LightningComponentBundle: {
    props: { capabilities: '?opaque', targetConfigs: '?opaque', targets: '?LwcTargets' },
  },
  LwcTargets: { props: { target: ['string'] }, replace: true },
};

function typeDef(name: string): TypeDef | undefined {
  const base = ApiSchemas[name];
  const sup = SUPPLEMENT[name];
  if (!base && !sup) return undefined;
  const chain: Record<string, string | string[]>[] = [];
  let parent = base?.extends ?? sup?.extends;
  while (parent) {
    const p = ApiSchemas[parent];
    if (!p) break;
    chain.unshift(p.props);
    parent = p.extends;
  }
  const own: Record<string, string | string[]> = sup?.replace
    ? { ...sup.props }
    : { ...(base?.props ?? {}), ...(sup?.props ?? {}) };
  // WSDL sequences are alphabetical within a type; inherited elements (fullName) come first.
  const ownSorted = Object.entries(own).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { props: [...chain.flatMap((p) => Object.entries(p)), ...ownSorted] };
}

const cache = new Map<string, TypeDef | undefined>();
function cachedTypeDef(name: string): TypeDef | undefined {
  if (!cache.has(name)) cache.set(name, typeDef(name));
  return cache.get(name);
}

export function isKnownType(name: string): boolean {
  return cachedTypeDef(name) !== undefined;
}

/** The declared elements of a type in order: [element, its type]. */
export function elementsOf(typeName: string): [string, ElementType][] {
  const def = cachedTypeDef(typeName);
  if (!def) return [];
  return def.props.map(([name, raw]) => {
    const array = Array.isArray(raw);
    const spelled = String(array ? raw[0] : raw);
    const t = spelled.replace(/^\?/, '');
    return [name, t === 'opaque' ? 'opaque' : { type: t, array, optional: array || spelled.startsWith('?') }];
  });
}

/** True when the type is a complex type (has elements) rather than a simple value. */
export function isComplex(typeName: string): boolean {
  return cachedTypeDef(typeName) !== undefined;
}
