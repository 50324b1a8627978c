// The preview shell: Lightning Experience's frame around the package's pages. Hash routes pick a
// page (#/home, #/app/<FlexiPage>, #/r/<recordId>); the page's regions come from its flexipage and
// each region's components render for real (package LWCs through lwc:is) or as the preview's
// stand-ins for standard components (highlights panel with approval actions, record details), each
// through preview-page-item. A flexipage:tabset renders as the real lightning-tabset with one
// lightning-tab per flexipage:tab: its tab bar, arrow keys and overflow menu are lightning-base-components'
// own, and a tab's components render when it is first selected (lightning-tab documentation: "Tab
// content is lazy loaded").
import { LightningElement, getComponentDef } from 'lwc';
import { apiFetch } from 'preview/lds';
import { allPages, constructorOf, pageOfType } from 'preview/registry';
import type { PageComponent, PageDefinition } from 'preview/registry';
import type { PageItemView } from 'preview/pageItem';

interface RegionView {
  key: string;
  name: string;
  className: string;
  items: ItemView[];
}

interface ItemView extends PageItemView {
  /** A flexipage:tabset's tabs, the one shown first as activeTab. */
  tabs?: TabView[];
  activeTab?: string;
}

interface TabView {
  key: string;
  /** The flexipage:tab identifier: lightning-tab-bar writes it as data-tab-value on the tab link. */
  value: string;
  label: string;
  items: ItemView[];
}

/** Where a region goes: full width on top, the side column, or the main column. */
function regionClass(name: string): string {
  if (name === 'header' || name === 'top') return 'slds-col slds-size_1-of-1';
  if (name === 'sidebar' || name === 'bottomRight') return 'slds-col slds-size_1-of-1 slds-large-size_1-of-3';
  return 'slds-col slds-size_1-of-1 slds-large-size_2-of-3';
}

/** A record page for objects without a flexipage: highlights and details. */
function defaultRecordPage(objectApiName: string): PageDefinition {
  return {
    name: `${objectApiName}_Default`,
    label: objectApiName,
    type: 'RecordPage',
    sobjectType: objectApiName,
    regions: [
      { name: 'header', components: [{ name: 'force:highlightsPanel', properties: {} }] },
      { name: 'main', components: [{ name: 'force:detailPanel', properties: {} }] },
    ],
  };
}

export default class App extends LightningElement {
  page?: PageDefinition;
  recordId?: string;
  objectApiName?: string;
  loading = false;
  error?: string;
  route = '';
  private readonly onHashChange = () => void this.navigate();

  connectedCallback(): void {
    window.addEventListener('hashchange', this.onHashChange);
    void this.navigate();
  }

  disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }

  async navigate(): Promise<void> {
    const hash = window.location.hash || '#/home';
    this.route = hash;
    this.error = undefined;
    const record = /^#\/r\/(\w{15,18})/.exec(hash);
    const app = /^#\/app\/(\w+)/.exec(hash);
    if (record) {
      this.loading = true;
      try {
        // The record's apiName picks the page.
        const found = (await apiFetch(`ui-api/records/${record[1]}`)) as { apiName: string };
        this.recordId = record[1];
        this.objectApiName = found.apiName;
        this.page = pageOfType('RecordPage', found.apiName) ?? defaultRecordPage(found.apiName);
      } catch {
        this.page = undefined;
        this.error = `Record ${record[1]} was not found or you cannot see it.`;
      } finally {
        this.loading = false;
      }
      return;
    }
    this.recordId = undefined;
    this.objectApiName = undefined;
    if (app) {
      this.page = allPages().find((p) => p.name === app[1]);
      if (!this.page) this.error = `There is no app page named ${app[1]}.`;
      return;
    }
    this.page = pageOfType('HomePage') ?? allPages().find((p) => p.type === 'AppPage');
    if (!this.page) this.error = 'The package has no home or app page.';
  }

  get pageName(): string {
    return this.page?.name ?? '';
  }

  get navItems() {
    const items = [
      { key: 'home', label: 'Home', href: '#/home', active: this.route === '#/home' || this.route === '' },
    ];
    for (const p of allPages().filter((x) => x.type === 'AppPage'))
      items.push({ key: p.name, label: p.label, href: `#/app/${p.name}`, active: this.route === `#/app/${p.name}` });
    if (this.recordId && this.page)
      items.push({ key: 'record', label: this.page.label, href: `#/r/${this.recordId}`, active: true });
    return items.map((i) => ({
      ...i,
      className: i.active ? 'slds-context-bar__item slds-is-active' : 'slds-context-bar__item',
      current: i.active ? 'page' : undefined,
    }));
  }

  /** Only the component's public properties, as Lightning sets design attributes and record context. */
  private propsFor(ctor: unknown, offered: Record<string, unknown>): Record<string, unknown> {
    if (!ctor) return {};
    const publicProps = (getComponentDef(ctor as typeof LightningElement) as { props: Record<string, unknown> }).props;
    return Object.fromEntries(Object.entries(offered).filter(([name]) => name in publicProps));
  }

  /** What one placed component renders; a tabset's tabs with theirs (the `active` one, else the first, shown). */
  private itemsOf(components: PageComponent[], prefix: string): ItemView[] {
    return components.map((component, i) => {
      const key = `${prefix}:${i}:${component.name}:${this.recordId ?? ''}`;
      const ctor = constructorOf(component.name);
      const item: ItemView = {
        key,
        name: component.name,
        ctor,
        props: this.propsFor(ctor, {
          ...component.properties,
          ...(this.recordId ? { recordId: this.recordId, objectApiName: this.objectApiName } : {}),
        }),
        isHighlights: component.name === 'force:highlightsPanel',
        isDetail: component.name === 'force:detailPanel',
        recordId: this.recordId,
        objectApiName: this.objectApiName,
      };
      if (component.tabs) {
        item.tabs = component.tabs.map((tab) => ({
          key: `${key}:${tab.identifier}`,
          value: tab.identifier,
          label: tab.title,
          items: this.itemsOf(tab.components, `${key}:${tab.identifier}`),
        }));
        item.activeTab = (component.tabs.find((t) => t.active) ?? component.tabs[0])?.identifier;
      }
      return item;
    });
  }

  get regions(): RegionView[] {
    const page = this.page;
    if (!page) return [];
    return page.regions.map((region) => ({
      key: `${page.name}:${region.name}`,
      name: region.name,
      className: regionClass(region.name),
      items: this.itemsOf(region.components, region.name),
    }));
  }
}
