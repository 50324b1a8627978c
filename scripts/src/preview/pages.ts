// The preview lays out its pages from the package's own flexipages, so what a user sees locally is
// what App Builder would place: each region and the components in it, with their properties.
// Custom LWC components (`cmeEventSummary`) render for real; standard components (`force:…`,
// `flexipage:…`) are drawn by the preview's stand-ins (see preview/app).
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface PageComponent {
  /** `c:cmeEventSummary` for package components, `force:detailPanel` for standard ones. */
  name: string;
  properties: Record<string, string>;
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

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function readFlexipages(root: string): PageDefinition[] {
  const dir = path.join(root, 'force-app/main/default/flexipages');
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.flexipage-meta.xml'))
    .sort()
    .map((file) => {
      const page = parser.parse(fs.readFileSync(path.join(dir, file), 'utf8')).FlexiPage;
      const regions = asList(page.flexiPageRegions).map((region: Record<string, unknown>) => ({
        name: String(region.name),
        components: asList(region.itemInstances as Record<string, unknown>[])
          .map((item) => item.componentInstance as Record<string, unknown> | undefined)
          .filter((c): c is Record<string, unknown> => !!c)
          .map((c) => {
            const raw = String(c.componentName);
            return {
              name: raw.includes(':') ? raw : `c:${raw}`,
              properties: Object.fromEntries(
                asList(c.componentInstanceProperties as { name: string; value: unknown }[]).map((p) => [
                  p.name,
                  String(p.value ?? ''),
                ]),
              ),
            };
          }),
      }));
      return {
        name: file.replace('.flexipage-meta.xml', ''),
        label: String(page.masterLabel ?? file),
        type: String(page.type ?? ''),
        sobjectType: page.sobjectType ? String(page.sobjectType) : null,
        regions,
      };
    });
}

/** `c:cmeEventSummary` → `c/cmeEventSummary`, the module a bundle imports. */
export function moduleOf(component: string): string | undefined {
  const m = /^c:(\w+)$/.exec(component);
  return m ? `c/${m[1]}` : undefined;
}
