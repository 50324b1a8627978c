// The local Lightning preview's server and page model, without a browser: the flexipages it lays
// out, the page it serves (SLDS, the bundle, the users for the picker), the session cookie, and API
// calls proxied to the local org as the chosen user.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../src/localorg/server.ts';
import { componentsOfPage, moduleOf, readFlexipages } from '../src/preview/pages.ts';
import { startPreviewServer } from '../src/preview/server.ts';
import type { PreviewServer } from '../src/preview/server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('flexipages as the preview reads them', () => {
  it('gives each page its regions and components, package components as c:name', () => {
    const pages = readFlexipages(ROOT);
    const event = pages.find((p) => p.name === 'CME_Event_Record_Page');
    assert.ok(event, 'the event record page is read');
    assert.equal(event.type, 'RecordPage');
    assert.equal(event.sobjectType, 'CME_Event__c');
    assert.deepEqual(
      event.regions.map((r) => r.name),
      ['header', 'main', 'sidebar'],
      'facets are not regions of the page',
    );
    const sidebar = event.regions.find((r) => r.name === 'sidebar');
    assert.deepEqual(
      sidebar?.components.map((c) => c.name),
      ['force:detailPanel', 'force:relatedListContainer'],
    );
    const header = event.regions.find((r) => r.name === 'header');
    assert.deepEqual(header?.components[0], {
      name: 'force:highlightsPanel',
      identifier: 'force_highlightsPanel',
      properties: { collapsed: 'false', enableActionsConfiguration: 'false', hideChatterActions: 'false' },
    });
    assert.ok(pages.some((p) => p.type === 'HomePage'));
    assert.ok(pages.some((p) => p.type === 'AppPage'));
    assert.equal(moduleOf('c:cmeEventSummary'), 'c/cmeEventSummary');
  });

  it('reads a tabset with its tabs from the facets they name, the active tab marked, Check-in second', () => {
    const event = readFlexipages(ROOT).find((p) => p.name === 'CME_Event_Record_Page')!;
    const main = event.regions.find((r) => r.name === 'main')!;
    assert.equal(main.components.length, 1);
    const tabset = main.components[0];
    assert.equal(tabset.name, 'flexipage:tabset');
    assert.equal(tabset.identifier, 'flexipage_tabset');
    assert.deepEqual(
      tabset.tabs?.map((t) => [t.identifier, t.title, t.active, t.components.map((c) => c.name)]),
      [
        ['overviewTab', 'Overview', true, ['c:cmeEventSummary', 'c:cmeCompliancePreflight']],
        ['checkInTab', 'Check-in', false, ['c:cmeCheckIn']],
        ['inviteTab', 'Invite', false, ['c:cmeInviteDoctors']],
        ['rsvpsTab', 'RSVPs', false, ['c:cmeRsvpTracker']],
        ['expensesTab', 'Expenses', false, ['c:cmeEventExpenses']],
        ['followUpsTab', 'Follow-ups', false, ['c:cmeEventFollowUps']],
        ['evaluationsTab', 'Evaluations', false, ['c:cmeEvaluations']],
      ],
    );
    // The build bundles what the tabs hold as well as what the regions hold.
    const all = componentsOfPage(event).map((c) => c.name);
    for (const name of ['flexipage:tabset', 'c:cmeCheckIn', 'c:cmeEventFollowUps', 'force:highlightsPanel'])
      assert.ok(all.includes(name), `${name} is among the page's components`);
  });

  it('reads a missing facet as no tabs and a tabset inside its own tab only once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-flexipages-'));
    try {
      fs.mkdirSync(path.join(dir, 'force-app/main/default/flexipages'), { recursive: true });
      const component = (name: string, identifier: string, properties: Record<string, string> = {}) =>
        `<itemInstances><componentInstance>${Object.entries(properties)
          .map(
            ([n, v]) =>
              `<componentInstanceProperties><name>${n}</name><value>${v}</value></componentInstanceProperties>`,
          )
          .join(
            '',
          )}<componentName>${name}</componentName><identifier>${identifier}</identifier></componentInstance></itemInstances>`;
      const region = (name: string, type: string, items: string) =>
        `<flexiPageRegions>${items}<name>${name}</name><type>${type}</type></flexiPageRegions>`;
      fs.writeFileSync(
        path.join(dir, 'force-app/main/default/flexipages/Loop.flexipage-meta.xml'),
        `<?xml version="1.0" encoding="UTF-8"?><FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">${[
          region('tabsFacet', 'Facet', component('flexipage:tab', 'onlyTab', { body: 'bodyFacet', title: 'Only' })),
          region('bodyFacet', 'Facet', component('flexipage:tabset', 'innerTabset', { tabs: 'tabsFacet' })),
          region(
            'main',
            'Region',
            component('flexipage:tabset', 'outerTabset', { tabs: 'tabsFacet' }) +
              component('flexipage:tabset', 'brokenTabset', { tabs: 'noSuchFacet' }),
          ),
        ].join('')}<masterLabel>Loop</masterLabel><type>AppPage</type></FlexiPage>`,
      );
      const [page] = readFlexipages(dir);
      const [outer, broken] = page.regions[0].components;
      assert.equal(outer.tabs?.length, 1);
      assert.equal(outer.tabs?.[0].active, false);
      const inner = outer.tabs?.[0].components[0];
      assert.equal(inner?.name, 'flexipage:tabset');
      assert.deepEqual(inner?.tabs, [], 'the facet already being read is not read again');
      assert.deepEqual(broken.tabs, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(moduleOf('force:detailPanel'), undefined);
  });
});

describe('preview server', () => {
  let org: LocalOrg;
  let preview: PreviewServer;
  let bundleDir: string;

  before(async () => {
    org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0, accessToken: 'preview-admin' });
    await org.start();
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-preview-'));
    fs.writeFileSync(path.join(bundleDir, 'app.js'), 'console.log("bundle");\n');
    preview = await startPreviewServer({ root: ROOT, org, bundleDir, port: 0 });
  });

  after(async () => {
    await preview.stop();
    await org.stop();
    fs.rmSync(bundleDir, { recursive: true, force: true });
  });

  const user = (username: string) => preview.users.find((u) => u.username === username)!;

  it('creates the rep, manager and compliance officer and serves the page as the rep by default', async () => {
    assert.deepEqual(
      ['rep@cme.local', 'manager@cme.local', 'compliance@cme.local'].map((u) => !!user(u)),
      [true, true, true],
    );
    const html = await (await fetch(preview.url)).text();
    assert.match(html, /salesforce-lightning-design-system\.min\.css/);
    assert.match(html, /<script type="module" src="\/app\.js">/);
    const globals = JSON.parse(/globalThis\.CME_PREVIEW = (.*);<\/script>/.exec(html)![1]);
    assert.equal(globals.userId, user('rep@cme.local').id);
    assert.ok(globals.users.some((u: { name: string }) => u.name === 'Lena Fischer'));
  });

  it('serves the bundle and SLDS assets, and refuses paths outside the assets', async () => {
    assert.equal(await (await fetch(`${preview.url}app.js`)).text(), 'console.log("bundle");\n');
    const css = await fetch(`${preview.url}assets/styles/salesforce-lightning-design-system.min.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    assert.notEqual((await fetch(`${preview.url}assets/..%2F..%2Fpackage.json`)).status, 200);
    assert.equal((await fetch(`${preview.url}nothing-here`)).status, 404);
  });

  it('proxies API calls as the user the session cookie names', async () => {
    const whoAmI = async (cookie?: string) => {
      const res = await fetch(`${preview.url}services/oauth2/userinfo`, { headers: cookie ? { Cookie: cookie } : {} });
      return ((await res.json()) as { preferred_username: string }).preferred_username;
    };
    assert.equal(await whoAmI(), 'rep@cme.local');
    const chosen = await fetch(`${preview.url}preview/session`, {
      method: 'POST',
      body: JSON.stringify({ userId: user('compliance@cme.local').id }),
    });
    assert.equal(chosen.status, 204);
    const cookie = chosen.headers.get('set-cookie')!.split(';')[0];
    assert.equal(await whoAmI(cookie), 'compliance@cme.local');
    const unknown = await fetch(`${preview.url}preview/session`, {
      method: 'POST',
      body: '{"userId":"005000000000999AAA"}',
    });
    assert.equal(unknown.status, 400);
  });

  it('passes writes and their errors through unchanged', async () => {
    const res = await fetch(`${preview.url}services/data/v66.0/ui-api/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiName: 'Contact', fields: { FirstName: 'Asha' } }),
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { output: { fieldErrors: Record<string, unknown> } };
    assert.ok(body.output.fieldErrors.LastName, 'the missing required field is reported on the field');
  });
});
