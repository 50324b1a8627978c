// The validator must catch each kind of broken file a real deploy would reject. Each test copies the
// project into a temp folder, breaks one file, and expects a finding naming that file and the problem.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateProject } from '../src/metadata/validate.ts';
import type { Finding } from '../src/metadata/validate.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OBJ = 'force-app/main/default/objects';
const tmpDirs: string[] = [];

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-validator-'));
  tmpDirs.push(dir);
  for (const entry of ['force-app', 'config', 'tsconfig.json']) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => !src.endsWith('.js') || src.endsWith('-meta.xml'),
    });
  }
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the mutation of ${file} changed nothing`);
  fs.writeFileSync(full, after);
}

async function findingsAfter(mutate: (dir: string) => void): Promise<Finding[]> {
  const dir = copyProject();
  mutate(dir);
  return validateProject(dir);
}

function expectFinding(findings: Finding[], file: string, check: string, pattern: RegExp): void {
  const match = findings.find((f) => f.file === file && f.check === check && pattern.test(f.message));
  assert.ok(
    match,
    `expected a [${check}] finding on ${file} matching ${pattern}; got:\n${findings.map((f) => `  ${f.file}: [${f.check}] ${f.message}`).join('\n')}`,
  );
}

after(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('metadata validator', () => {
  let clean: Finding[];
  before(async () => {
    clean = await validateProject(ROOT);
  });

  it('finds nothing wrong with the package as committed', () => {
    assert.deepEqual(clean, []);
  });

  describe('XML and elements', () => {
    it('reports a file that is not well-formed', async () => {
      const file = `${OBJ}/CME_Event__c/fields/Budget__c.field-meta.xml`;
      const findings = await findingsAfter((d) => edit(d, file, (t) => t.replace('</label>', '</lable>')));
      expectFinding(findings, file, 'xml', /not well-formed XML at \d+:\d+/);
    });

    it('reports an element the metadata type does not have', async () => {
      const file = `${OBJ}/CME_Event__c/fields/Topic__c.field-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) => t.replace('<length>255</length>', '<lenght>255</lenght>')),
      );
      expectFinding(findings, file, 'element', /unknown element "lenght" in CustomField/);
    });

    it('reports elements out of the order the API deserializer requires', async () => {
      const file = `${OBJ}/CME_Event__c/fields/Topic__c.field-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) => {
          const label = /\s*<label>[^<]*<\/label>/.exec(t)![0];
          return t.replace(label, '').replace('</fullName>', `</fullName>${label}`);
        }),
      );
      expectFinding(findings, file, 'element', /out of order: "description" must come before "label"/);
    });

    it('reports a boolean element with a non-boolean value and a missing required element', async () => {
      const field = `${OBJ}/CME_Event__c/fields/Accredited__c.field-meta.xml`;
      const rule = `${OBJ}/CME_Event__c/validationRules/End_After_Start.validationRule-meta.xml`;
      const findings = await findingsAfter((d) => {
        edit(d, field, (t) => t.replace('<trackHistory>true</trackHistory>', '<trackHistory>yes</trackHistory>'));
        edit(d, rule, (t) => t.replace(/<errorMessage>[\s\S]*?<\/errorMessage>/, ''));
      });
      expectFinding(findings, field, 'element', /expected true or false, found "yes"/);
      expectFinding(findings, rule, 'element', /missing required element "errorMessage"/);
    });

    it('reports a file of a kind it cannot resolve (source-deploy-retrieve refuses it too)', async () => {
      const findings = await findingsAfter((d) => {
        fs.mkdirSync(path.join(d, 'force-app/main/default/widgets'));
        fs.writeFileSync(
          path.join(d, 'force-app/main/default/widgets/Foo.widget-meta.xml'),
          '<?xml version="1.0"?><Widget xmlns="http://soap.sforce.com/2006/04/metadata"/>',
        );
      });
      expectFinding(
        findings,
        'force-app/main/default/widgets/Foo.widget-meta.xml',
        'element',
        /no metadata type is known/,
      );
      expectFinding(findings, 'force-app', 'sdr', /cannot convert the package/);
    });
  });

  describe('objects and fields', () => {
    it('requires label, description and inline help on every field', async () => {
      const file = `${OBJ}/CME_Expense__c/fields/Vendor__c.field-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) => t.replace(/<inlineHelpText>[\s\S]*?<\/inlineHelpText>/, '')),
      );
      expectFinding(findings, file, 'field', /every field needs a <inlineHelpText>/);
    });

    it('checks roll-up summaries against the child object', async () => {
      const file = `${OBJ}/CME_Event__c/fields/Actual_Spend__c.field-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t
            .replace('<value>Actual</value>', '<value>Paid</value>')
            .replace('CME_Expense__c.Amount__c', 'CME_Expense__c.Amount_Paid__c'),
        ),
      );
      expectFinding(findings, file, 'field', /filter value "Paid" is not a value of CME_Expense__c.Stage__c/);
      expectFinding(findings, file, 'field', /summarizedField CME_Expense__c.Amount_Paid__c is not a field/);
    });

    it('checks formula fields parse and name existing fields', async () => {
      const file = `${OBJ}/CME_Event__c/fields/Budget_Utilization__c.field-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) => t.replace('Actual_Spend__c / Budget__c', 'Actual_Spend__c / Budget_Total__c')),
      );
      expectFinding(
        findings,
        file,
        'formula',
        /formula names Budget_Total__c: CME_Event__c has no field Budget_Total__c/,
      );
    });

    it('refuses a lookup to User with deleteConstraint Restrict', async () => {
      const file = `${OBJ}/CME_Invitation__c/fields/Invited_By__c.field-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t.replace('<deleteConstraint>SetNull</deleteConstraint>', '<deleteConstraint>Restrict</deleteConstraint>'),
        ),
      );
      expectFinding(findings, file, 'field', /lookup to User cannot use deleteConstraint Restrict/);
    });

    it('requires ControlledByParent sharing on a detail object', async () => {
      const file = `${OBJ}/CME_Expense__c/CME_Expense__c.object-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t.replace('<sharingModel>ControlledByParent</sharingModel>', '<sharingModel>ReadWrite</sharingModel>'),
        ),
      );
      expectFinding(findings, file, 'object', /master-detail field must have sharingModel ControlledByParent/);
    });
  });

  describe('validation rules', () => {
    const file = `${OBJ}/CME_Event__c/validationRules/Virtual_Url_For_Online_Formats.validationRule-meta.xml`;

    it('reports a formula that does not parse', async () => {
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) => t.replace('ISBLANK(Virtual_Url__c))', 'ISBLANK(Virtual_Url__c)')),
      );
      expectFinding(findings, file, 'validation-rule', /formula does not parse/);
    });

    it('reports a field that does not exist and a picklist value that does not', async () => {
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t.replace('ISBLANK(Virtual_Url__c)', 'ISBLANK(Meeting_Url__c)').replace('"Hybrid"', '"Blended"'),
        ),
      );
      expectFinding(findings, file, 'validation-rule', /formula names Meeting_Url__c/);
      expectFinding(findings, file, 'validation-rule', /compares Format__c with "Blended"/);
    });

    it('reports a relationship path and a custom permission that do not resolve', async () => {
      const rule = `${OBJ}/CME_Attendance__c/validationRules/Attendance_Only_On_Held_Events.validationRule-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, rule, (t) =>
          t
            .replace('Event__r.Status__c, "Approved"', 'Meeting__r.Status__c, "Approved"')
            .replace('$Permission.CME_Bypass_Event_Lifecycle', '$Permission.CME_Skip_Rules'),
        ),
      );
      expectFinding(
        findings,
        rule,
        'validation-rule',
        /Meeting__r.Status__c: CME_Attendance__c has no relationship Meeting__r/,
      );
      expectFinding(findings, rule, 'validation-rule', /no custom permission CME_Skip_Rules exists/);
    });
  });

  describe('permission sets', () => {
    const file = 'force-app/main/default/permissionsets/CME_Field_Rep.permissionset-meta.xml';

    it('reports a field that does not exist', async () => {
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t.replace('<field>CME_Event__c.Topic__c</field>', '<field>CME_Event__c.Subject__c</field>'),
        ),
      );
      expectFinding(findings, file, 'permission-set', /names CME_Event__c.Subject__c, which is not a custom field/);
      expectFinding(findings, file, 'permission-set', /CME_Event__c.Topic__c is missing from fieldPermissions/);
    });

    it('refuses required fields and editable calculated fields', async () => {
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t
            .replace('<field>CME_Event__c.Topic__c</field>', '<field>CME_Event__c.Start__c</field>')
            .replace(
              /<editable>false<\/editable>(\s*<field>CME_Event__c.Budget_Utilization__c<\/field>)/,
              '<editable>true</editable>$1',
            ),
        ),
      );
      expectFinding(
        findings,
        file,
        'permission-set',
        /cannot name CME_Event__c.Start__c: "You cannot deploy to a required field"/,
      );
      expectFinding(
        findings,
        file,
        'permission-set',
        /CME_Event__c.Budget_Utilization__c is calculated .* cannot be editable/,
      );
    });

    it('reports a tab, app or custom permission that does not exist', async () => {
      const admin = 'force-app/main/default/permissionsets/CME_Admin.permissionset-meta.xml';
      const findings = await findingsAfter((d) =>
        edit(d, admin, (t) =>
          t
            .replace('<tab>CME_Rule_Pack__c</tab>', '<tab>CME_Rulebook__c</tab>')
            .replace('<application>CME</application>', '<application>CME_App</application>')
            .replace('<name>CME_Bypass_Event_Lifecycle</name>', '<name>CME_Bypass</name>'),
        ),
      );
      expectFinding(findings, admin, 'permission-set', /tab CME_Rulebook__c, which does not exist/);
      expectFinding(findings, admin, 'permission-set', /app CME_App, which does not exist/);
      expectFinding(findings, admin, 'permission-set', /CME_Bypass, which does not exist/);
    });

    it('reports a custom field no permission set grants', async () => {
      const findings = await findingsAfter((d) => {
        const source = path.join(d, `${OBJ}/CME_Event__c/fields/Topic__c.field-meta.xml`);
        fs.writeFileSync(
          path.join(d, `${OBJ}/CME_Event__c/fields/Venue_Notes__c.field-meta.xml`),
          fs
            .readFileSync(source, 'utf8')
            .replace('<fullName>Topic__c</fullName>', '<fullName>Venue_Notes__c</fullName>'),
        );
      });
      expectFinding(
        findings,
        `${OBJ}/CME_Event__c/fields/Venue_Notes__c.field-meta.xml`,
        'field-coverage',
        /appears in no permission set/,
      );
    });
  });

  describe('layouts, list views, compact layouts, app and flexipages', () => {
    it('reports layout items and related lists that do not exist', async () => {
      const file = 'force-app/main/default/layouts/CME_Event__c-CME Event Layout.layout-meta.xml';
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t
            .replace('<field>Venue_Address__c</field>', '<field>Venue_Street__c</field>')
            .replace('CME_Expense__c.Event__c', 'CME_Expense__c.Doctor__c'),
        ),
      );
      expectFinding(findings, file, 'layout', /layout item Venue_Street__c is not a field of CME_Event__c/);
      expectFinding(findings, file, 'layout', /related list CME_Expense__c.Doctor__c is not a relationship/);
    });

    it('reports list view columns and filter values that do not exist', async () => {
      const file = `${OBJ}/CME_Event__c/listViews/Pending_Approval.listView-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t
            .replace('<columns>Budget__c</columns>', '<columns>Budget_Amount__c</columns>')
            .replace('<value>Pending Approval</value>', '<value>Pending</value>'),
        ),
      );
      expectFinding(findings, file, 'list-view', /column Budget_Amount__c is not a field/);
      expectFinding(findings, file, 'list-view', /filter value "Pending" is not a value of CME_Event__c.Status__c/);
    });

    it('reports compact layout fields that do not exist', async () => {
      const file = `${OBJ}/CME_Event__c/compactLayouts/CME_Event_Compact.compactLayout-meta.xml`;
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) => t.replace('<fields>City__c</fields>', '<fields>Town__c</fields>')),
      );
      expectFinding(findings, file, 'compact-layout', /field Town__c is not a field of CME_Event__c/);
    });

    it('reports a flexipage component that is not a bundle, or not exposed there', async () => {
      const file = 'force-app/main/default/flexipages/CME_Event_Record_Page.flexipage-meta.xml';
      const findings = await findingsAfter((d) => {
        edit(d, file, (t) =>
          t.replace(
            '<componentName>cmeEventSummary</componentName>',
            '<componentName>cmeEventOverview</componentName>',
          ),
        );
      });
      expectFinding(findings, file, 'flexipage', /component cmeEventOverview is not an LWC bundle/);
      const hidden = await findingsAfter((d) =>
        edit(d, 'force-app/main/default/lwc/cmeEventSummary/cmeEventSummary.js-meta.xml', (t) =>
          t.replace('<object>CME_Event__c</object>', '<object>Contact</object>'),
        ),
      );
      expectFinding(hidden, file, 'flexipage', /cmeEventSummary is not enabled for CME_Event__c record pages/);
    });

    it('resolves the tabset on a flexipage: each facet a container names exists, a tabset holds tabs, a tab has a title, components in tabs are bundles', async () => {
      const file = 'force-app/main/default/flexipages/CME_Event_Record_Page.flexipage-meta.xml';
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t
            .replace('<value>checkInTabContent</value>', '<value>checkinTabContent</value>')
            .replace('<componentName>cmeCheckIn</componentName>', '<componentName>cmeCheckin</componentName>')
            .replace(/<name>title<\/name>\s*<value>Follow-ups<\/value>/, '<name>label</name><value>Follow-ups</value>'),
        ),
      );
      expectFinding(
        findings,
        file,
        'flexipage',
        /flexipage:tab checkInTab property body names checkinTabContent, which is not a Facet region of the page/,
      );
      expectFinding(findings, file, 'flexipage', /component cmeCheckin is not an LWC bundle/);
      expectFinding(findings, file, 'flexipage', /flexipage:tab followUpsTab has no title/);
      const notTabs = await findingsAfter((d) =>
        edit(d, file, (t) => t.replace('<value>maintabs</value>', '<value>overviewTabContent</value>')),
      );
      expectFinding(
        notTabs,
        file,
        'flexipage',
        /flexipage:tabset flexipage_tabset facet overviewTabContent holds cmeEventSummary; a tabset's facet holds only flexipage:tab/,
      );
      const missing = await findingsAfter((d) =>
        edit(d, file, (t) => t.replace('<name>maintabs</name>', '<name>tabs</name>')),
      );
      expectFinding(missing, file, 'flexipage', /flexipage:tabset flexipage_tabset property tabs names maintabs/);
    });

    it('reports an app tab and an object page override that do not exist', async () => {
      const app = 'force-app/main/default/applications/CME.app-meta.xml';
      const object = `${OBJ}/CME_Event__c/CME_Event__c.object-meta.xml`;
      const findings = await findingsAfter((d) => {
        edit(d, app, (t) => t.replace('<tabs>CME_Rule_Pack__c</tabs>', '<tabs>CME_Packs__c</tabs>'));
        edit(d, object, (t) =>
          t.replace(/<content>CME_Event_Record_Page<\/content>/g, '<content>CME_Event_Page</content>'),
        );
      });
      expectFinding(findings, app, 'app', /app tab CME_Packs__c does not exist/);
      expectFinding(findings, object, 'object', /flexipage CME_Event_Page, which does not exist/);
    });

    it("refuses a tab motif that is not one of Salesforce's CustomNN: Name pairs", async () => {
      const tab = 'force-app/main/default/tabs/CME_Rule_Pack__c.tab-meta.xml';
      const findings = await findingsAfter((d) =>
        edit(d, tab, (t) => t.replace(/<motif>[^<]*<\/motif>/, '<motif>Custom20: Calendar</motif>')),
      );
      expectFinding(
        findings,
        tab,
        'tab',
        /motif "Custom20: Calendar" is not one of Salesforce's tab styles \(Custom20 is "Custom20: Airplane"\)/,
      );
    });
  });

  describe('approval process and workflow', () => {
    it('reports a missing field update, a missing queue and a first step with rejectBehavior', async () => {
      const file = 'force-app/main/default/approvalProcesses/CME_Event__c.CME_Event_Approval.approvalProcess-meta.xml';
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t
            .replace('<name>CME_Event_Set_Approved_On</name>', '<name>CME_Event_Stamp_Approval</name>')
            .replace('<name>CME_Compliance_Review</name>', '<name>CME_Compliance</name>')
            .replace(
              '<name>Manager_Review</name>',
              '<name>Manager_Review</name>\n        <rejectBehavior>\n            <type>RejectRequest</type>\n        </rejectBehavior>',
            ),
        ),
      );
      expectFinding(findings, file, 'approval-process', /field update CME_Event_Stamp_Approval is not defined/);
      expectFinding(findings, file, 'approval-process', /uses queue CME_Compliance, which does not exist/);
      expectFinding(findings, file, 'approval-process', /first approval step cannot set rejectBehavior/);
    });

    it('reports a field update literal that is not a picklist value', async () => {
      const file = 'force-app/main/default/workflows/CME_Event__c.workflow-meta.xml';
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t.replace('<literalValue>Pending Approval</literalValue>', '<literalValue>Submitted</literalValue>'),
        ),
      );
      expectFinding(findings, file, 'workflow', /literal "Submitted" is not a value of Status__c/);
    });
  });

  describe('lightning web components', () => {
    const ts = 'force-app/main/default/lwc/cmeEventSummary/cmeEventSummary.ts';

    it('reports @salesforce/schema and label imports that do not resolve', async () => {
      // The bundle's labels live in its labels.ts.
      const labels = 'force-app/main/default/lwc/cmeEventSummary/labels.ts';
      const findings = await findingsAfter((d) => {
        edit(d, ts, (t) => t.replace("CME_Event__c.Budget__c'", "CME_Event__c.Budget_Total__c'"));
        edit(d, labels, (t) => t.replace("c.CME_Summary_Title'", "c.CME_Summary_Heading'"));
      });
      expectFinding(
        findings,
        ts,
        'lwc-import',
        /@salesforce\/schema\/CME_Event__c.Budget_Total__c: CME_Event__c has no field Budget_Total__c/,
      );
      expectFinding(findings, labels, 'lwc-import', /no custom label CME_Summary_Heading/);
    });

    it('reports c/ imports of missing bundles and bundles missing from tsconfig paths', async () => {
      const findings = await findingsAfter((d) => {
        edit(d, ts, (t) =>
          t.replace("from 'c/cmeErrors';", "from 'c/cmeErrors';\nimport { shared } from 'c/cmeShared';"),
        );
        edit(d, 'tsconfig.json', (t) => t.replace(/"c\/cmeErrors": \[[^\]]*\],?/, ''));
      });
      expectFinding(findings, ts, 'lwc-import', /c\/cmeShared: no bundle cmeShared/);
      expectFinding(findings, ts, 'lwc-import', /c\/cmeErrors is missing from compilerOptions.paths/);
    });

    it('refuses platform-module imports that the official stubs and lightning-types do not export', async () => {
      const errors = 'force-app/main/default/lwc/cmeErrors/cmeErrors.ts';
      const findings = await findingsAfter((d) => {
        // refreshGraphQL is the real mistake this catches: it is in lightning/uiGraphQLApi, not lightning/graphql.
        edit(d, ts, (t) =>
          t.replace(
            "from 'c/cmeErrors';",
            "from 'c/cmeErrors';\nimport { graphql, refreshGraphQL as refresh } from 'lightning/graphql';\nimport type { Invented } from 'lightning/graphql';",
          ),
        );
        edit(d, errors, (t) =>
          t.replace(
            "import { ShowToastEvent } from 'lightning/platformShowToastEvent';",
            "import ShowToast, { ShowToastEvent } from 'lightning/platformShowToastEvent';\nimport { toast } from 'lightning/toastService';\nimport { Id } from '@salesforce/user/Id';",
          ),
        );
      });
      expectFinding(
        findings,
        ts,
        'lwc-import',
        /lightning\/graphql does not export refreshGraphQL \(it exports gql, graphql, per /,
      );
      expectFinding(findings, errors, 'lwc-import', /lightning\/platformShowToastEvent has no default export/);
      expectFinding(
        findings,
        errors,
        'lwc-import',
        /lightning\/toastService is not a module that sfdx-lwc-jest's stubs/,
      );
      expectFinding(
        findings,
        errors,
        'lwc-import',
        /@salesforce\/user\/Id does not export Id \(it exports only a default export/,
      );
      // Type-only imports are erased by the compiler, so they are not looked up.
      assert.ok(
        !findings.some((f) => /Invented|does not export graphql/.test(f.message)),
        'type import or graphql reported',
      );
    });

    it('accepts a CSS-only module and refuses CSS @imports a deploy would reject', async () => {
      const lwc = 'force-app/main/default/lwc';
      const walkIn = `${lwc}/cmeWalkInForm/cmeWalkInForm.css`;
      const expenseForm = `${lwc}/cmeExpenseForm/cmeExpenseForm.css`;
      const template = `${lwc}/cmeExpenseForm/cmeExpenseForm.html`;
      // The package's CSS module (c/cmeButtonStyles: a .css and a .js-meta.xml, no .ts) passes as committed.
      assert.ok(fs.existsSync(path.join(ROOT, lwc, 'cmeButtonStyles/cmeButtonStyles.css')));
      assert.ok(!fs.existsSync(path.join(ROOT, lwc, 'cmeButtonStyles/cmeButtonStyles.ts')));
      assert.ok(!clean.some((f) => f.file.includes('/cmeButtonStyles/')), 'the CSS module was reported');
      const findings = await findingsAfter((d) => {
        fs.mkdirSync(path.join(d, lwc, 'cmeNoStyles'));
        fs.copyFileSync(
          path.join(d, lwc, 'cmeButtonStyles/cmeButtonStyles.js-meta.xml'),
          path.join(d, lwc, 'cmeNoStyles/cmeNoStyles.js-meta.xml'),
        );
        edit(d, walkIn, (t) =>
          t.replace(
            "@import 'c/cmeButtonStyles';",
            "@import 'c/cmeButtonStyles';\n@import 'c/cmeMissing';\n@import 'c/cmeNoStyles';\n@import 'c/cmeStatePanel';\n@import './nothing.css';\n@import 'cmeButtonStyles';",
          ),
        );
        edit(
          d,
          expenseForm,
          (t) =>
            t.replace("@import 'c/cmeButtonStyles';", "@import 'c/cmeButtonStyles' screen;") +
            "\n@import url('c/cmeButtonStyles');\n",
        );
        edit(d, template, (t) => t.replace('</template>', '<c-cme-button-styles></c-cme-button-styles></template>'));
      });
      expectFinding(findings, walkIn, 'lwc-import', /@import 'c\/cmeMissing': no bundle cmeMissing/);
      expectFinding(
        findings,
        walkIn,
        'lwc-import',
        /@import 'c\/cmeNoStyles': bundle cmeNoStyles has no cmeNoStyles\.css/,
      );
      expectFinding(
        findings,
        walkIn,
        'lwc-import',
        /@import 'c\/cmeStatePanel': cmeStatePanel is a component, not a CSS module/,
      );
      expectFinding(
        findings,
        walkIn,
        'lwc-import',
        /@import '\.\/nothing\.css': no such file beside cmeWalkInForm\.css/,
      );
      expectFinding(findings, walkIn, 'lwc-import', /@import 'cmeButtonStyles': not a CSS module of this package/);
      expectFinding(findings, expenseForm, 'lwc-import', /LWC does not honour an @import's media queries/);
      expectFinding(
        findings,
        expenseForm,
        'lwc-import',
        /@import url\('c\/cmeButtonStyles'\) must precede all other statements/,
      );
      expectFinding(
        findings,
        expenseForm,
        'lwc-import',
        /@import url\('c\/cmeButtonStyles'\): LWC imports only a quoted module name/,
      );
      expectFinding(findings, template, 'lwc-import', /<c-cme-button-styles>, but cmeButtonStyles is a CSS module/);
      // A bundle with neither a .ts nor a .css is not a CSS module: it still needs its TypeScript.
      expectFinding(findings, `${lwc}/cmeNoStyles/cmeNoStyles`, 'lwc', /bundle cmeNoStyles has no cmeNoStyles\.ts/);
      // The valid import that leads the walk-in form's CSS is not reported.
      assert.ok(
        !findings.some((f) => f.file === walkIn && f.message.includes("'c/cmeButtonStyles'")),
        'a valid @import was reported',
      );
    });

    it('refuses a form factor the page type does not support (Home pages are Large only)', async () => {
      const meta = 'force-app/main/default/lwc/cmeMyFollowUps/cmeMyFollowUps.js-meta.xml';
      const app = 'force-app/main/default/applications/CME.app-meta.xml';
      const findings = await findingsAfter((d) => {
        edit(d, meta, (t) =>
          t.replace(
            '<supportedFormFactor type="Large" />\n            </supportedFormFactors>',
            '<supportedFormFactor type="Large" />\n                <supportedFormFactor type="Small" />\n            </supportedFormFactors>',
          ),
        );
        edit(d, app, (t) =>
          t.replace(
            '<content>CME_Home_Page</content>\n        <formFactor>Large</formFactor>',
            '<content>CME_Home_Page</content>\n        <formFactor>Small</formFactor>',
          ),
        );
      });
      expectFinding(
        findings,
        meta,
        'lwc',
        /form factor Small is not supported for lightning__HomePage, which supports only Large/,
      );
      expectFinding(findings, app, 'app', /assigns HomePage CME_Home_Page to form factor Small/);
    });
  });

  describe('sharing rules', () => {
    const RULES = 'force-app/main/default/sharingRules/CME_Event__c.sharingRules-meta.xml';

    it('names a criteria field, a picklist value and a group that do not exist', async () => {
      const findings = await findingsAfter((dir) =>
        edit(dir, RULES, (t) =>
          t
            .replace('<field>Status__c</field>', '<field>Stage__c</field>')
            .replace('<allInternalUsers />', '<group>CME_No_Such_Group</group>'),
        ),
      );
      expectFinding(findings, RULES, 'sharing-rule', /CME_Event__c\.Stage__c, which does not exist/);
      expectFinding(findings, RULES, 'sharing-rule', /group CME_No_Such_Group, which does not exist/);
      const picklist = await findingsAfter((dir) =>
        edit(dir, RULES, (t) => t.replace('Approved,Completed,Closed', 'Approved,Finished')),
      );
      expectFinding(picklist, RULES, 'sharing-rule', /"Finished" is not a value of picklist CME_Event__c\.Status__c/);
    });

    it('refuses a rule without includeRecordsOwnedByAll, an unknown element and a Controlled by Parent object', async () => {
      const findings = await findingsAfter((dir) => {
        edit(dir, RULES, (t) =>
          t
            .replace(/\s*<includeRecordsOwnedByAll>true<\/includeRecordsOwnedByAll>/, '')
            .replace('<accessLevel>Read</accessLevel>', '<accessLevel>Read</accessLevel><shareWith>All</shareWith>'),
        );
        fs.copyFileSync(
          path.join(dir, RULES),
          path.join(dir, 'force-app/main/default/sharingRules/CME_Expense__c.sharingRules-meta.xml'),
        );
      });
      expectFinding(findings, RULES, 'sharing-rule', /includeRecordsOwnedByAll \(true or false\) is required/);
      expectFinding(findings, RULES, 'element', /unknown element "shareWith"/);
      expectFinding(
        findings,
        'force-app/main/default/sharingRules/CME_Expense__c.sharingRules-meta.xml',
        'sharing-rule',
        /Controlled by Parent/,
      );
    });
  });

  describe('seed data', () => {
    it('reports rule pack records that would not load', async () => {
      const file = 'config/rule-packs/CME_Rule__c.json';
      const findings = await findingsAfter((d) =>
        edit(d, file, (t) =>
          t
            .replace('"Severity__c": "Block"', '"Severity__c": "Stop"')
            .replace('"Rule_Pack__c": "@CME_Rule_Pack__cRef3"', '"Rule_Pack__c": "@CME_Rule_Pack__cRef9"'),
        ),
      );
      expectFinding(findings, file, 'data', /Severity__c value "Stop" is not one of its picklist values/);
      expectFinding(findings, file, 'data', /refers to @CME_Rule_Pack__cRef9, which no earlier record defines/);
    });
  });
});
