// Permission sets: every reference exists, the combinations the platform refuses are absent, and
// every non-required custom field of an object a permission set can read is listed (explicit FLS).
import { finding } from './finding.ts';
import type { Finding } from './finding.ts';
import { childText, childrenNamed } from '../sfmodel/xml.ts';
import { baseName, filesMatching } from '../sfmodel/project.ts';
import type { FieldInfo, Project } from '../sfmodel/project.ts';
import { customPermissionNames } from './checks-objects.ts';

/** Fields the platform refuses in fieldPermissions: universally required and master-detail fields. */
export function isPermissible(field: FieldInfo): boolean {
  return !field.standard && !field.required && field.type !== 'MasterDetail';
}

function isCalculated(field: FieldInfo): boolean {
  return field.formula !== undefined || field.type === 'Summary' || field.type === 'AutoNumber';
}

export function tabNames(project: Project): Set<string> {
  return new Set(filesMatching(project, /\.tab-meta\.xml$/).map((f) => baseName(f.file, '.tab-meta.xml')));
}

export function checkPermissionSets(project: Project): Finding[] {
  const out: Finding[] = [];
  const apps = new Set(filesMatching(project, /\.app-meta\.xml$/).map((f) => baseName(f.file, '.app-meta.xml')));
  const tabs = tabNames(project);
  const permissions = customPermissionNames(project);
  for (const { file, root } of filesMatching(project, /\.permissionset-meta\.xml$/)) {
    const fail = (message: string) => out.push(finding(file, 'permission-set', message));
    if (!childText(root, 'label')) fail('a permission set needs a label');
    for (const v of childrenNamed(root, 'applicationVisibilities')) {
      const app = childText(v, 'application') ?? '';
      if (!apps.has(app)) fail(`applicationVisibilities names app ${app}, which does not exist`);
    }
    for (const p of childrenNamed(root, 'customPermissions')) {
      const name = childText(p, 'name') ?? '';
      if (!permissions.has(name)) fail(`customPermissions names ${name}, which does not exist`);
    }
    for (const t of childrenNamed(root, 'tabSettings')) {
      const tab = childText(t, 'tab') ?? '';
      if (!tabs.has(tab) && !tab.startsWith('standard-')) fail(`tabSettings names tab ${tab}, which does not exist`);
      if (!['Visible', 'Available', 'None'].includes(childText(t, 'visibility') ?? ''))
        fail(`tab ${tab} has visibility "${childText(t, 'visibility')}"; use Visible, Available or None`);
    }
    const readable = new Set<string>();
    for (const p of childrenNamed(root, 'objectPermissions')) {
      const object = childText(p, 'object') ?? '';
      const flag = (name: string) => childText(p, name) === 'true';
      if (!project.objects.has(object)) fail(`objectPermissions names object ${object}, which does not exist`);
      if (flag('allowRead')) readable.add(object);
      if ((flag('allowCreate') || flag('allowEdit') || flag('viewAllRecords')) && !flag('allowRead'))
        fail(`${object}: create, edit and view all need read`);
      if (flag('allowDelete') && !flag('allowEdit')) fail(`${object}: delete needs edit`);
      if (flag('modifyAllRecords') && !(flag('allowDelete') && flag('viewAllRecords')))
        fail(`${object}: modify all needs delete and view all`);
    }
    const listed = new Set<string>();
    for (const p of childrenNamed(root, 'fieldPermissions')) {
      const ref = childText(p, 'field') ?? '';
      const [objectName, fieldName] = ref.split('.');
      const field = project.objects.get(objectName)?.fields.get(fieldName);
      if (listed.has(ref)) fail(`fieldPermissions lists ${ref} twice`);
      listed.add(ref);
      if (!field || field.standard) {
        fail(`fieldPermissions names ${ref}, which is not a custom field in the package`);
        continue;
      }
      if (!isPermissible(field))
        fail(
          `fieldPermissions cannot name ${ref}: "You cannot deploy to a required field" (required and master-detail fields are always accessible)`,
        );
      const editable = childText(p, 'editable') === 'true';
      if (editable && isCalculated(field))
        fail(`${ref} is calculated (formula, roll-up or auto-number) and cannot be editable`);
      if (editable && childText(p, 'readable') !== 'true') fail(`${ref} is editable but not readable`);
      if (!readable.has(objectName)) fail(`${ref} is listed but the permission set cannot read ${objectName}`);
    }
    // Least privilege is explicit: a readable object lists every field it grants or withholds.
    for (const objectName of readable) {
      const object = project.objects.get(objectName);
      for (const field of object?.fields.values() ?? []) {
        if (isPermissible(field) && !listed.has(`${objectName}.${field.name}`))
          fail(
            `${objectName}.${field.name} is missing from fieldPermissions (list every non-required field of a readable object)`,
          );
      }
    }
  }
  return out;
}

/** Every non-required custom field is granted somewhere, or no user could ever see it. */
export function checkFieldCoverage(project: Project): Finding[] {
  const granted = new Set<string>();
  for (const { root } of filesMatching(project, /\.permissionset-meta\.xml$/)) {
    for (const p of childrenNamed(root, 'fieldPermissions')) granted.add(childText(p, 'field') ?? '');
  }
  const out: Finding[] = [];
  for (const object of project.objects.values()) {
    for (const field of object.fields.values()) {
      if (isPermissible(field) && field.file && !granted.has(`${object.name}.${field.name}`)) {
        out.push(finding(field.file, 'field-coverage', `${object.name}.${field.name} appears in no permission set`));
      }
    }
  }
  return out;
}
