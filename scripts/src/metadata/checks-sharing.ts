// Sharing rules (sharingRules/<Object>.sharingRules-meta.xml): elements, the object and its org-wide
// default, criteria fields and picklist values, and who the records are shared with.
// Sources (Metadata API Developer Guide, v66): SharingRules (file per object, sharingCriteriaRules,
// sharingOwnerRules, …), SharingBaseRule (accessLevel, accountSettings, description, label, sharedTo),
// SharingCriteriaRule (booleanFilter, criteriaItems, includeRecordsOwnedByAll: required boolean, API 51.0+,
// newer than the WSDL behind jsforce's schema), SharingOwnerRule (sharedFrom), SharedTo, FilterItem and
// its FilterOperation enumeration. Salesforce Help "Sharing Rules": sharing rules only widen access, so
// an object whose org-wide default already grants the rule's access level (or is Controlled by Parent)
// cannot have them.
import { FILTER_OPERATIONS } from './checks-objects.ts';
import { checkElements } from './elements.ts';
import { finding } from './finding.ts';
import type { Finding } from './finding.ts';
import { baseName, filesMatching, resolveFieldPath } from '../sfmodel/project.ts';
import type { Project } from '../sfmodel/project.ts';
import { childText, childrenNamed } from '../sfmodel/xml.ts';
import type { XmlElement } from '../sfmodel/xml.ts';

const SUFFIX = '.sharingRules-meta.xml';
const RULE_KINDS = ['sharingCriteriaRules', 'sharingOwnerRules', 'sharingGuestRules', 'sharingTerritoryRules'];
/** Access a rule can grant on a custom object, and the org-wide defaults under which it widens access. */
const WIDENS: Record<string, string[]> = { Read: ['Private'], Edit: ['Private', 'Read'] };

export function isSharingRulesFile(file: string): boolean {
  return file.endsWith(SUFFIX);
}

/** The rule without the elements the WSDL behind jsforce's schema lacks, for the generic element check. */
function withoutNewerElements(root: XmlElement): XmlElement {
  return {
    ...root,
    children: root.children.map((rule) =>
      rule.name === 'sharingCriteriaRules'
        ? { ...rule, children: rule.children.filter((c) => c.name !== 'includeRecordsOwnedByAll') }
        : rule,
    ),
  };
}

function namesOf(project: Project, suffix: string): Set<string> {
  return new Set(
    filesMatching(project, new RegExp(`${suffix.replace(/\./g, '\\.')}$`)).map((f) => baseName(f.file, suffix)),
  );
}

export function checkSharingRules(project: Project): Finding[] {
  const out: Finding[] = [];
  const groups = namesOf(project, '.group-meta.xml');
  const queues = namesOf(project, '.queue-meta.xml');
  const roles = namesOf(project, '.role-meta.xml');
  for (const { file, root } of filesMatching(project, new RegExp(`${SUFFIX.replace(/\./g, '\\.')}$`))) {
    const fail = (message: string) => out.push(finding(file, 'sharing-rule', message));
    if (root.name !== 'SharingRules') {
      out.push(finding(file, 'element', `root element is <${root.name}>, expected <SharingRules>`));
      continue;
    }
    if (root.attributes.xmlns !== 'http://soap.sforce.com/2006/04/metadata')
      out.push(finding(file, 'element', 'root element needs xmlns="http://soap.sforce.com/2006/04/metadata"'));
    for (const problem of checkElements('SharingRules', withoutNewerElements(root)))
      out.push(finding(file, 'element', problem));

    const objectName = baseName(file, SUFFIX);
    const object = project.objects.get(objectName);
    if (!object) {
      fail(`sharing rules for object ${objectName}, which does not exist`);
      continue;
    }
    const sharingModel = object.el ? childText(object.el, 'sharingModel') : undefined;
    if (sharingModel === 'ControlledByParent')
      fail(`${objectName} is Controlled by Parent: its records take their access from the parent, not sharing rules`);

    const seen = new Set<string>();
    for (const rule of root.children.filter((c) => RULE_KINDS.includes(c.name))) {
      const name = childText(rule, 'fullName') ?? '';
      const where = `${rule.name} ${name || '(no fullName)'}`;
      if (!/^[A-Za-z](?!.*__)\w*[A-Za-z0-9]$/.test(name))
        fail(`${where}: fullName must start with a letter and hold only letters, digits and single underscores`);
      if (seen.has(name)) fail(`${where}: two rules have this fullName`);
      seen.add(name);
      const access = childText(rule, 'accessLevel') ?? '';
      if (!(access in WIDENS)) fail(`${where}: accessLevel "${access}" is not Read or Edit`);
      else if (object.custom && sharingModel && !WIDENS[access].includes(sharingModel))
        fail(
          `${where}: the org-wide default of ${objectName} is ${sharingModel}; a ${access} rule grants nothing more`,
        );
      const sharedTo = childrenNamed(rule, 'sharedTo')[0];
      if (sharedTo) checkRecipients(`${where}: sharedTo`, sharedTo, { groups, queues, roles }, fail);
      const sharedFrom = childrenNamed(rule, 'sharedFrom')[0];
      if (sharedFrom) checkRecipients(`${where}: sharedFrom`, sharedFrom, { groups, queues, roles }, fail);
      if (rule.name !== 'sharingCriteriaRules') continue;

      const owned = rule.children.filter((c) => c.name === 'includeRecordsOwnedByAll');
      if (owned.length !== 1) fail(`${where}: includeRecordsOwnedByAll (true or false) is required, once`);
      else if (!['true', 'false'].includes(owned[0].text.trim()))
        fail(`${where}: includeRecordsOwnedByAll must be true or false`);
      else if (rule.children[rule.children.length - 1] !== owned[0])
        fail(`${where}: includeRecordsOwnedByAll must be the last element of the rule`);

      const items = childrenNamed(rule, 'criteriaItems');
      if (!items.length) fail(`${where}: a criteria-based rule needs criteriaItems`);
      items.forEach((item, i) => {
        const fieldName = childText(item, 'field') ?? '';
        // A criteria item names a field of the object itself, not one across a relationship.
        const field = fieldName.includes('.')
          ? `${fieldName} is across a relationship`
          : resolveFieldPath(project, objectName, fieldName);
        const operation = childText(item, 'operation') ?? '';
        if (!FILTER_OPERATIONS.has(operation)) fail(`${where}: criteria ${i + 1} has unknown operation "${operation}"`);
        if (typeof field === 'string') {
          fail(`${where}: criteria ${i + 1} names field ${objectName}.${fieldName}, which does not exist`);
          return;
        }
        const value = childText(item, 'value');
        if (field.picklistValues && value !== undefined && value !== '') {
          for (const v of value.split(',').map((s) => s.trim()))
            if (!field.picklistValues.includes(v))
              fail(`${where}: criteria ${i + 1}: "${v}" is not a value of picklist ${objectName}.${field.name}`);
        }
      });
      const filter = childText(rule, 'booleanFilter');
      for (const n of filter?.match(/\d+/g) ?? [])
        if (Number(n) < 1 || Number(n) > items.length)
          fail(`${where}: booleanFilter names condition ${n}, but the rule has ${items.length}`);
    }
  }
  return out;
}

function checkRecipients(
  where: string,
  el: XmlElement,
  known: { groups: Set<string>; queues: Set<string>; roles: Set<string> },
  fail: (message: string) => void,
): void {
  if (el.children.length !== 1) fail(`${where} must name exactly one recipient, found ${el.children.length}`);
  for (const c of el.children) {
    const value = c.text.trim();
    if (['allInternalUsers', 'allCustomerPortalUsers', 'allPartnerUsers'].includes(c.name)) continue;
    if (c.name === 'group' && !known.groups.has(value)) fail(`${where} names group ${value}, which does not exist`);
    else if (c.name === 'queue' && !known.queues.has(value))
      fail(`${where} names queue ${value}, which does not exist`);
    else if (/^roles?(AndSubordinates(Internal)?)?$/.test(c.name) && !known.roles.has(value))
      fail(`${where} names role ${value}, which is not in the package (roles/${value}.role-meta.xml)`);
  }
}
