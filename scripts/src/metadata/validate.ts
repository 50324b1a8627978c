// The offline metadata validator: stands in for the org that would reject a bad deploy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { checkElements } from './elements.ts';
import { finding } from './finding.ts';
import type { Finding } from './finding.ts';
import { loadProject } from '../sfmodel/project.ts';
import type { Project } from '../sfmodel/project.ts';
import { checkFields, checkListViewsAndCompactLayouts, checkObjects, checkValidationRules } from './checks-objects.ts';
import { checkFieldCoverage, checkPermissionSets } from './checks-security.ts';
import { checkApprovalAndWorkflow, checkFlexipages, checkLayouts, checkTabsAndApps } from './checks-ui.ts';
import { checkLabels, checkLwc, readBundles } from './checks-lwc.ts';
import { checkSeedData } from './checks-data.ts';
import { checkSharingRules, isSharingRulesFile } from './checks-sharing.ts';

export type { Finding } from './finding.ts';

/** Root element of each kind of file, for the element check (the decomposed children of objects). */
function expectedRoot(file: string): string | undefined {
  if (file.endsWith('.js-meta.xml')) return 'LightningComponentBundle';
  const suffix: [RegExp, string][] = [
    [/\.object-meta\.xml$/, 'CustomObject'],
    [/\.field-meta\.xml$/, 'CustomField'],
    [/\.validationRule-meta\.xml$/, 'ValidationRule'],
    [/\.listView-meta\.xml$/, 'ListView'],
    [/\.compactLayout-meta\.xml$/, 'CompactLayout'],
    [/\.layout-meta\.xml$/, 'Layout'],
    [/\.permissionset-meta\.xml$/, 'PermissionSet'],
    [/\.tab-meta\.xml$/, 'CustomTab'],
    [/\.app-meta\.xml$/, 'CustomApplication'],
    [/\.flexipage-meta\.xml$/, 'FlexiPage'],
    [/\.approvalProcess-meta\.xml$/, 'ApprovalProcess'],
    [/\.workflow-meta\.xml$/, 'Workflow'],
    [/\.queue-meta\.xml$/, 'Queue'],
    [/\.group-meta\.xml$/, 'Group'],
    [/\.customPermission-meta\.xml$/, 'CustomPermission'],
    [/\.labels-meta\.xml$/, 'CustomLabels'],
  ];
  return suffix.find(([re]) => re.test(file))?.[1];
}

export function checkXmlAndElements(project: Project): Finding[] {
  const out: Finding[] = project.malformed.map((m) =>
    finding(m.file, 'xml', `not well-formed XML at ${m.line}:${m.column}: ${m.message}`),
  );
  for (const { file, root } of project.files) {
    if (isSharingRulesFile(file)) continue; // checks-sharing.ts checks their elements
    const type = expectedRoot(file);
    if (!type) {
      out.push(
        finding(file, 'element', 'no metadata type is known for this kind of file (the validator cannot check it)'),
      );
      continue;
    }
    if (root.name !== type) {
      out.push(finding(file, 'element', `root element is <${root.name}>, expected <${type}>`));
      continue;
    }
    if (root.attributes.xmlns !== 'http://soap.sforce.com/2006/04/metadata')
      out.push(finding(file, 'element', 'root element needs xmlns="http://soap.sforce.com/2006/04/metadata"'));
    for (const problem of checkElements(type, root)) out.push(finding(file, 'element', problem));
  }
  return out;
}

/** What `sf project deploy` does first: resolve every source file to a component and convert it. */
export async function checkSourceConversion(project: Project): Promise<Finding[]> {
  const sourceDir = path.join(project.root, project.sourceDir);
  const output = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-mdapi-'));
  try {
    const components = ComponentSet.fromSource(sourceDir);
    if (components.size === 0) return [finding(project.sourceDir, 'sdr', 'no metadata components found')];
    await new MetadataConverter().convert(components, 'metadata', {
      type: 'directory',
      outputDirectory: output,
      genUniqueDir: false,
    });
    if (!fs.existsSync(path.join(output, 'package.xml')))
      return [finding(project.sourceDir, 'sdr', 'conversion produced no package.xml')];
    return [];
  } catch (error) {
    return [
      finding(
        project.sourceDir,
        'sdr',
        `source-deploy-retrieve cannot convert the package: ${(error as Error).message}`,
      ),
    ];
  } finally {
    fs.rmSync(output, { recursive: true, force: true });
  }
}

export async function validateProject(root: string, sourceDir = 'force-app'): Promise<Finding[]> {
  const project = loadProject(root, sourceDir);
  const findings = [
    ...checkXmlAndElements(project),
    ...checkObjects(project),
    ...checkFields(project),
    ...checkValidationRules(project),
    ...checkListViewsAndCompactLayouts(project),
    ...checkPermissionSets(project),
    ...checkFieldCoverage(project),
    ...checkLayouts(project),
    ...checkTabsAndApps(project),
    ...checkFlexipages(project, readBundles(project)),
    ...checkApprovalAndWorkflow(project),
    ...checkLwc(project),
    ...checkLabels(project),
    ...checkSeedData(project),
    ...checkSharingRules(project),
    ...(await checkSourceConversion(project)),
  ];
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.check.localeCompare(b.check));
}
