// The preview lays out its pages from the package's own flexipages, so what a user sees locally is
// what App Builder would place: each region and the components in it, with their properties.
// Custom LWC components (`cmeEventSummary`) render for real; standard components (`force:…`,
// `flexipage:…`) are drawn by the preview's stand-ins (see preview/app).
//
// Tabs are written as App Builder writes them (trailheadapps/lwc-recipes Contact_Record_Page,
// trailheadapps/ebikes-lwc Order_Record_Page): a `flexipage:tabset` whose `tabs` property names a
// Facet region of `flexipage:tab` items, each with a `title`, `body` (the Facet holding its
// components) and `active` on the tab shown first. Facets are not regions of the template: they are
// read into the tabset here and not listed among the page's regions.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

import type { PageComponent, PageDefinition, PageRegion, PageTab } from './page-types.ts';

export type { PageComponent, PageDefinition, PageRegion, PageTab };

type Raw = Record<string, unknown>;

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The components of one region or facet; containers' facets resolved from `facets`. */
function componentsIn(region: Raw | undefined, facets: Map<string, Raw>, seen: Set<string>): PageComponent[] {
  return asList(region?.itemInstances as Raw[])
    .map((item) => item.componentInstance as Raw | undefined)
    .filter((c): c is Raw => !!c)
    .map((c) => {
      const raw = String(c.componentName);
      const properties = Object.fromEntries(
        asList(c.componentInstanceProperties as { name: string; value: unknown }[]).map((p) => [
          p.name,
          String(p.value ?? ''),
        ]),
      );
      const component: PageComponent = { name: raw.includes(':') ? raw : `c:${raw}`, properties };
      if (c.identifier !== undefined) component.identifier = String(c.identifier);
      if (raw === 'flexipage:tabset') component.tabs = tabsOf(properties.tabs, facets, seen);
      return component;
    });
}

function tabsOf(facetName: string | undefined, facets: Map<string, Raw>, seen: Set<string>): PageTab[] {
  // A facet read once: a page that named its own tabset inside a tab would otherwise never end.
  if (!facetName || seen.has(facetName)) return [];
  const inner = new Set([...seen, facetName]);
  return componentsIn(facets.get(facetName), facets, inner)
    .filter((c) => c.name === 'flexipage:tab')
    .map((tab, i) => ({
      identifier: tab.identifier ?? `tab${i + 1}`,
      title: tab.properties.title ?? '',
      active: tab.properties.active === 'true',
      components: tab.properties.body ? componentsIn(facets.get(tab.properties.body), facets, inner) : [],
    }));
}

export function readFlexipages(root: string): PageDefinition[] {
  const dir = path.join(root, 'force-app/main/default/flexipages');
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.flexipage-meta.xml'))
    .sort()
    .map((file) => {
      const page = parser.parse(fs.readFileSync(path.join(dir, file), 'utf8')).FlexiPage;
      const all = asList(page.flexiPageRegions as Raw[]);
      const facets = new Map(all.filter((r) => r.type === 'Facet').map((r) => [String(r.name), r]));
      const regions = all
        .filter((r) => r.type !== 'Facet')
        .map((region) => ({ name: String(region.name), components: componentsIn(region, facets, new Set()) }));
      return {
        name: file.replace('.flexipage-meta.xml', ''),
        label: String(page.masterLabel ?? file),
        type: String(page.type ?? ''),
        sobjectType: page.sobjectType ? String(page.sobjectType) : null,
        regions,
      };
    });
}

/** Every component a page places, those inside its tabs included. */
export function componentsOfPage(page: PageDefinition): PageComponent[] {
  const flatten = (list: PageComponent[]): PageComponent[] =>
    list.flatMap((c) => [c, ...flatten((c.tabs ?? []).flatMap((t) => t.components))]);
  return flatten(page.regions.flatMap((r) => r.components));
}

/** `c:cmeEventSummary` → `c/cmeEventSummary`, the module a bundle imports. */
export function moduleOf(component: string): string | undefined {
  const m = /^c:(\w+)$/.exec(component);
  return m ? `c/${m[1]}` : undefined;
}
