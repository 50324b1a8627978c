// Layouts, tabs, the app, flexipages, the approval process with its field updates, queues and groups.
import { finding } from './finding.ts';
import type { Finding } from './finding.ts';
import { childText, childrenNamed, descendants } from '../sfmodel/xml.ts';
import type { XmlElement } from '../sfmodel/xml.ts';
import { baseName, filesMatching, resolveFieldPath } from '../sfmodel/project.ts';
import type { Project } from '../sfmodel/project.ts';
import { checkFormulaText, customPermissionNames } from './checks-objects.ts';
import { tabNames } from './checks-security.ts';
import { TAB_MOTIFS } from './facts-tab-motifs.ts';
import { FORM_FACTORS_BY_TARGET, TARGET_OF_FLEXIPAGE_TYPE } from './facts-form-factors.ts';

const STANDARD_RELATED_LISTS = new Set([
  'RelatedActivityList',
  'RelatedHistoryList',
  'RelatedEntityHistoryList',
  'RelatedNoteList',
  'RelatedFileList',
  'RelatedContentNoteList',
  'RelatedProcessHistoryList',
]);
// Layout item behaviors: the Metadata.UiBehavior enum (Apex Reference, "UiBehavior Enum",
// https://developer.salesforce.com/docs/platform/apex-ref/references/apex-ref/apex-enum-metadata-uibehavior.html).
const BEHAVIORS = new Set(['Edit', 'Required', 'Readonly']);

function fieldExists(project: Project, object: string, field: string): boolean {
  return typeof resolveFieldPath(project, object, field) !== 'string';
}

export function checkLayouts(project: Project): Finding[] {
  const out: Finding[] = [];
  for (const { file, root } of filesMatching(project, /\.layout-meta\.xml$/)) {
    const fail = (m: string) => out.push(finding(file, 'layout', m));
    const object = baseName(file, '.layout-meta.xml').split('-')[0];
    if (!project.objects.has(object)) {
      fail(`layout file name must start with an object: ${object} does not exist`);
      continue;
    }
    for (const item of descendants(root, 'layoutItems')) {
      const field = childText(item, 'field');
      if (field && !fieldExists(project, object, field)) fail(`layout item ${field} is not a field of ${object}`);
      const behavior = childText(item, 'behavior');
      if (behavior && !BEHAVIORS.has(behavior)) fail(`layout item ${field} has behavior "${behavior}"`);
      const info = field ? project.objects.get(object)?.fields.get(field) : undefined;
      if (info && (info.required || info.type === 'MasterDetail') && behavior !== 'Required')
        fail(`${field} is required and must have behavior Required on the layout`);
      if (
        info &&
        (info.formula !== undefined || info.type === 'Summary' || info.type === 'AutoNumber') &&
        behavior !== 'Readonly'
      )
        fail(`${field} is calculated and must have behavior Readonly on the layout`);
    }
    for (const related of childrenNamed(root, 'relatedLists')) {
      const name = childText(related, 'relatedList') ?? '';
      if (STANDARD_RELATED_LISTS.has(name)) continue;
      const [child, key] = name.split('.');
      const keyField = project.objects.get(child)?.fields.get(key ?? '');
      if (!keyField || keyField.referenceTo !== object) {
        fail(`related list ${name} is not a relationship of ${child} to ${object}`);
        continue;
      }
      for (const column of childrenNamed(related, 'fields')) {
        const col = column.text.trim();
        if (col !== 'NAME' && !fieldExists(project, child, col))
          fail(`related list ${name} column ${col} is not a field of ${child}`);
      }
    }
  }
  return out;
}

export function checkTabsAndApps(project: Project): Finding[] {
  const out: Finding[] = [];
  const flexipages = new Map(
    filesMatching(project, /\.flexipage-meta\.xml$/).map((f) => [baseName(f.file, '.flexipage-meta.xml'), f.root]),
  );
  for (const { file, root } of filesMatching(project, /\.tab-meta\.xml$/)) {
    const tab = baseName(file, '.tab-meta.xml');
    if (childText(root, 'customObject') === 'true' && !project.objects.get(tab)?.el)
      out.push(finding(file, 'tab', `tab ${tab} is for a custom object that does not exist`));
    const motif = childText(root, 'motif');
    if (!motif) out.push(finding(file, 'tab', 'a custom object tab needs a motif (icon)'));
    else {
      const problem = motifProblem(motif);
      if (problem) out.push(finding(file, 'tab', problem));
    }
  }
  const tabs = tabNames(project);
  for (const { file, root } of filesMatching(project, /\.app-meta\.xml$/)) {
    for (const t of childrenNamed(root, 'tabs')) {
      const tab = t.text.trim();
      if (!tab.startsWith('standard-') && !tabs.has(tab))
        out.push(finding(file, 'app', `app tab ${tab} does not exist`));
    }
    for (const o of [...childrenNamed(root, 'actionOverrides'), ...childrenNamed(root, 'profileActionOverrides')]) {
      const content = childText(o, 'content');
      if (childText(o, 'type') === 'Flexipage' && content && !flexipages.has(content))
        out.push(finding(file, 'app', `action override uses flexipage ${content}, which does not exist`));
      const problem = overrideFormFactorProblem(o, flexipages);
      if (problem) out.push(finding(file, 'app', problem));
    }
  }
  for (const object of project.objects.values()) {
    if (!object.el || !object.file) continue;
    for (const o of childrenNamed(object.el, 'actionOverrides')) {
      if (childText(o, 'type') !== 'Flexipage') continue;
      const content = childText(o, 'content') ?? '';
      const page = flexipages.get(content);
      const problem = overrideFormFactorProblem(o, flexipages);
      if (problem) out.push(finding(object.file, 'object', problem));
      if (!page)
        out.push(finding(object.file, 'object', `action override uses flexipage ${content}, which does not exist`));
      else if (childText(page, 'sobjectType') !== object.name)
        out.push(finding(object.file, 'object', `flexipage ${content} is not a record page of ${object.name}`));
    }
  }
  return out;
}

/** Why a tab's <motif> is not one of Salesforce's `CustomNN: Name` pairs (facts-tab-motifs.ts), if it is not. */
function motifProblem(motif: string): string | undefined {
  const m = /^Custom(\d+):\s*(.+)$/.exec(motif.trim());
  const name = m ? TAB_MOTIFS.get(Number(m[1])) : undefined;
  if (m && name === m[2].trim()) return undefined;
  const hint = name
    ? ` (Custom${m?.[1]} is "Custom${m?.[1]}: ${name}")`
    : ' (Salesforce offers Custom1 to Custom100, each with one fixed name)';
  return `motif "${motif}" is not one of Salesforce's tab styles${hint}; see salesforcecli/plugin-sobject src/commands/schema/generate/tab.ts`;
}

/**
 * Why an app or object action override assigns a Lightning page to a form factor its page type does not
 * support (LWC Developer Guide, see facts-form-factors.ts: Home pages are Large only), if it does.
 */
function overrideFormFactorProblem(o: XmlElement, flexipages: Map<string, XmlElement>): string | undefined {
  const formFactor = childText(o, 'formFactor');
  const content = childText(o, 'content') ?? '';
  const page = childText(o, 'type') === 'Flexipage' ? flexipages.get(content) : undefined;
  if (!formFactor || !page) return undefined;
  const pageType = childText(page, 'type') ?? '';
  const target = TARGET_OF_FLEXIPAGE_TYPE.get(pageType);
  const supported = target ? FORM_FACTORS_BY_TARGET.get(target) : undefined;
  if (!supported || supported.includes(formFactor)) return undefined;
  return `action override assigns ${pageType} ${content} to form factor ${formFactor}, but ${pageType}s support only ${supported.join(', ')} (LWC Developer Guide, "Configure Your Component for Different Form Factors")`;
}

/** Names of LWC bundles with the targets (and objects) they are exposed for. */
export interface LwcBundleInfo {
  exposed: boolean;
  targets: Set<string>;
  recordPageObjects: Set<string> | undefined;
}

export function checkFlexipages(project: Project, bundles: Map<string, LwcBundleInfo>): Finding[] {
  const out: Finding[] = [];
  for (const { file, root } of filesMatching(project, /\.flexipage-meta\.xml$/)) {
    const fail = (m: string) => out.push(finding(file, 'flexipage', m));
    const type = childText(root, 'type');
    const sobject = childText(root, 'sobjectType');
    if (type === 'RecordPage' && (!sobject || !project.objects.has(sobject)))
      fail(`record page sobjectType ${sobject ?? '(missing)'} does not exist`);
    const identifiers = new Set<string>();
    for (const component of descendants(root, 'componentInstance')) {
      const name = childText(component, 'componentName') ?? '';
      const identifier = childText(component, 'identifier');
      if (identifier) {
        if (identifiers.has(identifier)) fail(`component identifier ${identifier} is used twice`);
        identifiers.add(identifier);
      }
      if (name.includes(':')) continue; // standard components (force:, flexipage:, …)
      const bundle = bundles.get(name);
      if (!bundle) {
        fail(`component ${name} is not an LWC bundle of the package`);
        continue;
      }
      const target =
        type === 'RecordPage'
          ? 'lightning__RecordPage'
          : type === 'AppPage'
            ? 'lightning__AppPage'
            : 'lightning__HomePage';
      if (!bundle.exposed || !bundle.targets.has(target)) fail(`component ${name} is not exposed for ${target}`);
      if (type === 'RecordPage' && sobject && bundle.recordPageObjects && !bundle.recordPageObjects.has(sobject))
        fail(`component ${name} is not enabled for ${sobject} record pages`);
    }
    for (const problem of facetProblems(root)) fail(problem);
  }
  return out;
}

// Standard containers and the properties that name a Facet region holding their content, as App Builder
// writes them (trailheadapps/ebikes-lwc Order_Record_Page, trailheadapps/lwc-recipes Contact_Record_Page).
const FACET_PROPERTIES = new Map([
  ['flexipage:tabset', ['tabs']],
  ['flexipage:tab', ['body']],
  ['flexipage:column', ['body']],
  ['flexipage:fieldSection', ['columns']],
  ['flexipage:accordion', ['accordionSections']],
  ['flexipage:accordionSection', ['body']],
]);

/** Containers whose facet is missing, a tabset holding something other than tabs, a tab without a title. */
function facetProblems(root: XmlElement): string[] {
  const facets = new Map(
    childrenNamed(root, 'flexiPageRegions')
      .filter((r) => childText(r, 'type') === 'Facet')
      .map((r) => [childText(r, 'name') ?? '', r]),
  );
  const problems: string[] = [];
  for (const component of descendants(root, 'componentInstance')) {
    const name = childText(component, 'componentName') ?? '';
    const label = `${name} ${childText(component, 'identifier') ?? ''}`.trim();
    const properties = new Map(
      childrenNamed(component, 'componentInstanceProperties').map((p) => [childText(p, 'name'), childText(p, 'value')]),
    );
    for (const property of FACET_PROPERTIES.get(name) ?? []) {
      const value = properties.get(property);
      const facet = value ? facets.get(value) : undefined;
      if (!facet) {
        problems.push(
          `${label} property ${property} names ${value ?? 'nothing'}, which is not a Facet region of the page`,
        );
        continue;
      }
      if (name !== 'flexipage:tabset') continue;
      for (const item of descendants(facet, 'componentName'))
        if (item.text.trim() !== 'flexipage:tab')
          problems.push(`${label} facet ${value} holds ${item.text.trim()}; a tabset's facet holds only flexipage:tab`);
    }
    if (name === 'flexipage:tab' && !properties.get('title')) problems.push(`${label} has no title`);
  }
  return problems;
}

export function checkApprovalAndWorkflow(project: Project): Finding[] {
  const out: Finding[] = [];
  const permissions = customPermissionNames(project);
  const fieldUpdates = new Map<string, Set<string>>();
  for (const { file, root } of filesMatching(project, /\.workflow-meta\.xml$/)) {
    const object = baseName(file, '.workflow-meta.xml');
    const names = new Set<string>();
    fieldUpdates.set(object, names);
    for (const update of childrenNamed(root, 'fieldUpdates')) {
      const name = childText(update, 'fullName') ?? '';
      names.add(name);
      const fieldName = childText(update, 'field') ?? '';
      const field = project.objects.get(object)?.fields.get(fieldName);
      const fail = (m: string) => out.push(finding(file, 'workflow', `${name}: ${m}`));
      if (!field) {
        fail(`field ${fieldName} is not a field of ${object}`);
        continue;
      }
      const operation = childText(update, 'operation');
      const literal = childText(update, 'literalValue');
      if (operation === 'Literal' && field.picklistValues && !field.picklistValues.includes(literal ?? ''))
        fail(`literal "${literal}" is not a value of ${fieldName}`);
      if (operation === 'Formula')
        out.push(
          ...checkFormulaText(
            project,
            file,
            childText(update, 'formula') ?? '',
            { object, customPermissions: permissions },
            'workflow',
          ),
        );
      if (!['Literal', 'Formula', 'Null', 'LookupValue', 'NextValue', 'PreviousValue'].includes(operation ?? ''))
        fail(`operation "${operation}" is not valid`);
    }
  }
  const queues = new Map(
    filesMatching(project, /\.queue-meta\.xml$/).map((f) => [baseName(f.file, '.queue-meta.xml'), f]),
  );
  for (const { file, root } of filesMatching(project, /\.approvalProcess-meta\.xml$/)) {
    const fail = (m: string) => out.push(finding(file, 'approval-process', m));
    const object = baseName(file, '.approvalProcess-meta.xml').split('.')[0];
    if (!project.objects.get(object)?.el) {
      fail(`approval process file must be named Object.Name: ${object} does not exist`);
      continue;
    }
    for (const action of descendants(root, 'action')) {
      const name = childText(action, 'name') ?? '';
      if (childText(action, 'type') === 'FieldUpdate' && !fieldUpdates.get(object)?.has(name))
        fail(`field update ${name} is not defined in workflows/${object}.workflow-meta.xml`);
    }
    for (const f of descendants(root, 'field')) {
      const name = f.text.trim();
      if (name && name !== 'Owner' && !project.objects.get(object)?.fields.has(name))
        fail(`approval page field ${name} is not a field of ${object}`);
    }
    const entry = childrenNamed(root, 'entryCriteria')[0];
    const formula = entry ? childText(entry, 'formula') : undefined;
    if (formula)
      out.push(
        ...checkFormulaText(project, file, formula, { object, customPermissions: permissions }, 'approval-process'),
      );
    const steps = childrenNamed(root, 'approvalStep');
    steps.forEach((step, i) => {
      if (i === 0 && childrenNamed(step, 'rejectBehavior').length)
        fail(`the first approval step cannot set rejectBehavior`);
      for (const approver of descendants(step, 'approver')) {
        const type = childText(approver, 'type');
        const name = childText(approver, 'name');
        if (type === 'queue') {
          const queue = name ? queues.get(name)?.root : undefined;
          if (!queue) fail(`step ${childText(step, 'name')} uses queue ${name}, which does not exist`);
          else if (!descendants(queue, 'sobjectType').some((s) => s.text.trim() === object))
            fail(`queue ${name} does not support ${object}`);
        } else if (type === 'userHierarchyField' && !childrenNamed(root, 'nextAutomatedApprover').length)
          fail('a userHierarchyField approver needs <nextAutomatedApprover>');
      }
    });
  }
  const groups = new Set(filesMatching(project, /\.group-meta\.xml$/).map((f) => baseName(f.file, '.group-meta.xml')));
  for (const { file, root } of queues.values()) {
    for (const s of descendants(root, 'sobjectType'))
      if (!project.objects.get(s.text.trim())?.el)
        out.push(
          finding(file, 'queue', `queue supports ${s.text.trim()}, which is not a custom object of the package`),
        );
    for (const g of descendants(root, 'publicGroup'))
      if (!groups.has(g.text.trim()))
        out.push(finding(file, 'queue', `queue member group ${g.text.trim()} does not exist`));
  }
  return out;
}
