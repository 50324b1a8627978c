// Seed data shipped with the package (sObject Tree plan files, e.g. config/rule-packs/plan.json):
// every record must load into the objects as the package defines them.
import fs from 'node:fs';
import path from 'node:path';
import { finding } from './finding.ts';
import type { Finding } from './finding.ts';
import { childText, childrenNamed } from '../sfmodel/xml.ts';
import { toPosix } from '../sfmodel/project.ts';
import type { FieldInfo, Project } from '../sfmodel/project.ts';

interface TreeRecord {
  attributes?: { type?: string; referenceId?: string };
  [field: string]: unknown;
}

const READ_ONLY_TYPES = new Set(['Summary', 'AutoNumber']);

export function checkPlanFile(project: Project, planFile: string): Finding[] {
  const out: Finding[] = [];
  const rel = toPosix(path.relative(project.root, planFile));
  let plan: { sobject?: string; files?: string[] }[];
  try {
    plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
  } catch (error) {
    return [finding(rel, 'data', `plan is not valid JSON: ${(error as Error).message}`)];
  }
  const references = new Set<string>();
  const uniqueValues = new Map<string, Set<string>>();
  for (const step of plan) {
    const object = project.objects.get(step.sobject ?? '');
    if (!object) {
      out.push(finding(rel, 'data', `plan step loads ${step.sobject}, which is not an object of the package`));
      continue;
    }
    for (const f of step.files ?? []) {
      const dataFile = path.join(path.dirname(planFile), f);
      const relData = toPosix(path.relative(project.root, dataFile));
      if (!fs.existsSync(dataFile)) {
        out.push(finding(rel, 'data', `plan names ${f}, which does not exist`));
        continue;
      }
      let records: TreeRecord[];
      try {
        records = (JSON.parse(fs.readFileSync(dataFile, 'utf8')) as { records: TreeRecord[] }).records;
      } catch (error) {
        out.push(finding(relData, 'data', `not valid JSON: ${(error as Error).message}`));
        continue;
      }
      const nameField = object.el ? childrenNamed(object.el, 'nameField')[0] : undefined;
      const nameFieldType = nameField ? childText(nameField, 'type') : undefined;
      records.forEach((record, i) => {
        const fail = (m: string) =>
          out.push(finding(relData, 'data', `record ${i + 1} (${record.attributes?.referenceId ?? '?'}): ${m}`));
        if (record.attributes?.type !== object.name)
          fail(`attributes.type is ${record.attributes?.type}, expected ${object.name}`);
        for (const [name, value] of Object.entries(record)) {
          if (name === 'attributes') continue;
          const field = object.fields.get(name);
          if (!field) fail(`${object.name} has no field ${name}`);
          else checkValue(field, value, references, uniqueValues, fail);
        }
        for (const field of object.fields.values()) {
          const isRequired =
            field.required || field.type === 'MasterDetail' || (field.name === 'Name' && nameFieldType === 'Text');
          if (isRequired && record[field.name] === undefined) fail(`required field ${field.name} is missing`);
        }
        if (record.attributes?.referenceId) references.add(record.attributes.referenceId);
      });
    }
  }
  return out;
}

function checkValue(
  field: FieldInfo,
  value: unknown,
  references: Set<string>,
  uniqueValues: Map<string, Set<string>>,
  fail: (m: string) => void,
): void {
  if (READ_ONLY_TYPES.has(field.type) || field.formula !== undefined)
    return fail(`${field.name} is calculated and cannot be loaded`);
  if (value === null) return;
  if (
    (field.type === 'Lookup' || field.type === 'MasterDetail') &&
    typeof value === 'string' &&
    value.startsWith('@')
  ) {
    if (!references.has(value.slice(1))) fail(`${field.name} refers to ${value}, which no earlier record defines`);
    return;
  }
  if (field.picklistValues && !field.picklistValues.includes(String(value)))
    fail(`${field.name} value "${String(value)}" is not one of its picklist values`);
  const length = field.el ? Number(childText(field.el, 'length')) : NaN;
  if (typeof value === 'string' && Number.isFinite(length) && value.length > length)
    fail(`${field.name} is longer than ${length} characters`);
  if (['Number', 'Currency', 'Percent'].includes(field.type) && typeof value !== 'number')
    fail(`${field.name} must be a number`);
  if (field.type === 'Checkbox' && typeof value !== 'boolean') fail(`${field.name} must be true or false`);
  if (field.el && (childText(field.el, 'unique') === 'true' || childText(field.el, 'externalId') === 'true')) {
    const key = `${field.object}.${field.name}`;
    const seen = uniqueValues.get(key) ?? new Set<string>();
    const normalised = String(value).toLowerCase();
    if (seen.has(normalised)) fail(`${field.name} value "${String(value)}" is not unique`);
    seen.add(normalised);
    uniqueValues.set(key, seen);
  }
}

/** Every plan file under config/. */
export function checkSeedData(project: Project): Finding[] {
  const configDir = path.join(project.root, 'config');
  const plans: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === 'plan.json') plans.push(full);
    }
  };
  walk(configDir);
  return plans.flatMap((p) => checkPlanFile(project, p));
}
