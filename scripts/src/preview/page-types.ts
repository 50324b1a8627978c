// The shape of a page the preview lays out, shared by the build (pages.ts reads the flexipages into it)
// and the browser shell (preview/registry hands it to preview/app). Types only: the shell imports it
// with `import type`, which the preview's type stripping erases, so no Node code reaches the browser.

export interface PageComponent {
  /** `c:cmeEventSummary` for package components, `force:detailPanel` for standard ones. */
  name: string;
  properties: Record<string, string>;
  /** The page's identifier for this instance (App Builder writes one for each). */
  identifier?: string;
  /** A `flexipage:tabset`'s tabs, in order. */
  tabs?: PageTab[];
}

export interface PageTab {
  /** The `flexipage:tab` identifier: the tab's value, stable across edits of its title. */
  identifier: string;
  /** The tab's title as written (a custom title, or a `Standard.Tab.…` key). */
  title: string;
  active: boolean;
  components: PageComponent[];
}

export interface PageRegion {
  name: string;
  components: PageComponent[];
}

export interface PageDefinition {
  /** File name without the suffix: CME_Event_Record_Page. */
  name: string;
  label: string;
  type: string;
  sobjectType: string | null;
  regions: PageRegion[];
}
