// The pages the preview lays out (from the package's flexipages) and the component constructors the
// build imported for them; the entry module fills it before the shell renders.

export interface PageComponent {
  name: string;
  properties: Record<string, string>;
  identifier?: string;
  /** A flexipage:tabset's tabs (scripts/src/preview/pages.ts reads them from the page's facets). */
  tabs?: PageTab[];
}

export interface PageTab {
  identifier: string;
  title: string;
  active: boolean;
  components: PageComponent[];
}

export interface PageRegion {
  name: string;
  components: PageComponent[];
}

export interface PageDefinition {
  name: string;
  label: string;
  type: string;
  sobjectType: string | null;
  regions: PageRegion[];
}

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
