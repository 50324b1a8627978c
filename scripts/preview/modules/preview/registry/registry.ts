// The pages the preview lays out (from the package's flexipages) and the component constructors the
// build imported for them; the entry module fills it before the shell renders.

import type { PageDefinition } from '../../../../src/preview/page-types';

export type { PageComponent, PageDefinition, PageRegion, PageTab } from '../../../../src/preview/page-types';

let pages: PageDefinition[] = [];
let constructors: Record<string, unknown> = {};

export function registerPages(definitions: PageDefinition[], ctors: Record<string, unknown>): void {
  pages = definitions;
  constructors = ctors;
}

export function allPages(): PageDefinition[] {
  return pages;
}

export function pageOfType(type: string, sobjectType?: string): PageDefinition | undefined {
  return pages.find((p) => p.type === type && (sobjectType === undefined || p.sobjectType === sobjectType));
}

export function constructorOf(componentName: string): unknown {
  return constructors[componentName];
}
