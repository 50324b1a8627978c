// Objects, fields, formulas, roll-ups, validation rules, list views and compact layouts.
import { checkFormula } from '../sfmodel/formula.ts';
import type { FormulaAst } from '../sfmodel/formula.ts';
import { finding } from './finding.ts';
import type { Finding } from './finding.ts';
import { childText, childrenNamed, descendants } from '../sfmodel/xml.ts';
import type { XmlElement } from '../sfmodel/xml.ts';
import { baseName, filesMatching, objectOfFile, resolveFieldPath } from '../sfmodel/project.ts';
import type { FieldInfo, ObjectInfo, Project } from '../sfmodel/project.ts';

// Custom field types: Metadata API Developer Guide, "Metadata Field Types", FieldType
// (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_field_types.htm). The
// versions of that page read for this list spell the geolocation type Geolocation and do not list Time;
// `Location` (what source files use) and `Time` are kept as the project had them, not verified there.
const FIELD_TYPES = new Set([
  'AutoNumber',
  'Checkbox',
  'Currency',
  'Date',
  'DateTime',
  'Email',
  'Html',
  'Location',
  'Lookup',
  'LongTextArea',
  'MasterDetail',
  'MultiselectPicklist',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Summary',
  'Text',
  'TextArea',
  'Time',
  'Url',
]);
const NUMERIC = new Set(['Number', 'Currency', 'Percent']);
const SHARING_MODELS = new Set([
  'Private',
  'Read',
  'ReadWrite',
  'ReadWriteTransfer',
  'FullAccess',
  'ControlledByParent',
  'ControlledByCampaign',
  'ControlledByLeadOrContact',
]);
const LIST_VIEW_PSEUDO_COLUMNS = new Set([
  'NAME',
  'OWNER.ALIAS',
  'OWNER.FIRST_NAME',
  'OWNER.LAST_NAME',
  'CREATED_DATE',
  'CREATEDBY_USER',
  'UPDATEDBY_USER',
  'LAST_UPDATE',
  'RECORDTYPE',
]);
/** FilterOperation values (Metadata API: list view filters and sharing rule criteria). */
export const FILTER_OPERATIONS = new Set([
  'equals',
  'notEqual',
  'lessThan',
  'greaterThan',
  'lessOrEqual',
  'greaterOrEqual',
  'contains',
  'notContain',
  'startsWith',
  'includes',
  'excludes',
  'within',
]);

export interface FormulaScope {
  object: string;
  customPermissions: Set<string>;
}

/** Parses a formula and checks each field, $Permission and picklist literal it names. */
export function checkFormulaText(
  project: Project,
  file: string,
  source: string,
  scope: FormulaScope,
  check: string,
): Finding[] {
  const result = checkFormula(source);
  if (!result.ok) return [finding(file, check, `formula does not parse: ${result.error}`)];
  const out: Finding[] = [];
  for (const ref of result.fields) {
    const resolved = resolveFieldPath(project, scope.object, ref);
    if (typeof resolved === 'string') out.push(finding(file, check, `formula names ${ref}: ${resolved}`));
  }
  for (const global of result.globals) {
    const permission = /^\$Permission\.(\w+)$/i.exec(global);
    if (permission && !scope.customPermissions.has(permission[1]))
      out.push(finding(file, check, `formula names ${global}, but no custom permission ${permission[1]} exists`));
  }
  for (const [fieldRef, literal] of picklistLiterals(result.ast)) {
    const field = resolveFieldPath(project, scope.object, fieldRef);
    if (typeof field === 'string') continue;
    if (field.type !== 'Picklist' && field.type !== 'MultiselectPicklist')
      out.push(finding(file, check, `ISPICKVAL/INCLUDES on ${fieldRef}, which is not a picklist`));
    else if (field.picklistValues && !field.picklistValues.includes(literal))
      out.push(
        finding(
          file,
          check,
          `formula compares ${fieldRef} with "${literal}", which is not one of its values (${field.picklistValues.join(', ')})`,
        ),
      );
  }
  return out;
}

/** [field path, literal] for every ISPICKVAL(field, "x") / INCLUDES(field, "x"), looking through PRIORVALUE. */
function picklistLiterals(ast: FormulaAst): [string, string][] {
  const out: [string, string][] = [];
  const visit = (node: FormulaAst) => {
    if (node.kind === 'call') {
      if ((node.name === 'ISPICKVAL' || node.name === 'INCLUDES') && node.args.length === 2) {
        let target = node.args[0];
        if (target.kind === 'call' && target.name === 'PRIORVALUE' && target.args.length === 1) target = target.args[0];
        const literal = node.args[1];
        if (target.kind === 'field' && literal.kind === 'string') out.push([target.path, literal.value]);
      }
      node.args.forEach(visit);
    } else if (node.kind === 'unary') visit(node.operand);
    else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(ast);
  return out;
}

export function customPermissionNames(project: Project): Set<string> {
  return new Set(
    filesMatching(project, /\.customPermission-meta\.xml$/).map((f) => baseName(f.file, '.customPermission-meta.xml')),
  );
}

export function checkObjects(project: Project): Finding[] {
  const out: Finding[] = [];
  for (const object of project.objects.values()) {
    if (!object.el || !object.file) continue;
    const sharing = childText(object.el, 'sharingModel');
    if (!sharing || !SHARING_MODELS.has(sharing))
      out.push(finding(object.file, 'object', `sharingModel "${sharing ?? ''}" is not a valid sharing model`));
    for (const required of ['label', 'pluralLabel', 'deploymentStatus', 'description']) {
      if (!childText(object.el, required))
        out.push(finding(object.file, 'object', `custom object needs <${required}>`));
    }
    const nameField = childrenNamed(object.el, 'nameField')[0];
    if (!nameField) out.push(finding(object.file, 'object', 'custom object needs a <nameField>'));
    else {
      const type = childText(nameField, 'type');
      if (type !== 'Text' && type !== 'AutoNumber')
        out.push(finding(object.file, 'object', `nameField type must be Text or AutoNumber, not ${type}`));
      if (type === 'AutoNumber' && !childText(nameField, 'displayFormat'))
        out.push(finding(object.file, 'object', 'an AutoNumber nameField needs a displayFormat'));
    }
    const hasMasterDetail = [...object.fields.values()].some((f) => f.type === 'MasterDetail');
    if (hasMasterDetail && sharing !== 'ControlledByParent')
      out.push(
        finding(
          object.file,
          'object',
          'an object with a master-detail field must have sharingModel ControlledByParent',
        ),
      );
    const compact = childText(object.el, 'compactLayoutAssignment');
    if (
      compact &&
      compact !== 'SYSTEM' &&
      !project.files.some((f) =>
        f.file.endsWith(`/objects/${object.name}/compactLayouts/${compact}.compactLayout-meta.xml`),
      )
    ) {
      out.push(finding(object.file, 'object', `compactLayoutAssignment names ${compact}, which does not exist`));
    }
  }
  return out;
}

export function checkFields(project: Project): Finding[] {
  const out: Finding[] = [];
  const permissions = customPermissionNames(project);
  const scopeFor = (object: string): FormulaScope => ({ object, customPermissions: permissions });
  const relationshipNames = new Map<string, string>();
  for (const object of project.objects.values()) {
    for (const field of object.fields.values()) {
      if (field.standard || !field.el || !field.file) continue;
      const { file, el } = field;
      const fail = (message: string) => out.push(finding(file, 'field', message));
      const expectedName = file.replace(/^.*\//, '').replace('.field-meta.xml', '');
      if (field.name !== expectedName) fail(`fullName ${field.name} does not match the file name ${expectedName}`);
      if (
        !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(field.name) ||
        (/__.*__c$/.test(field.name.replace(/__c$/, '') + '__c') && field.name.slice(0, -3).includes('__'))
      )
        fail(`${field.name} is not a valid custom field API name`);
      if (!object.custom && !field.name.startsWith('CME_'))
        fail(
          `fields the package adds to ${object.name} must start with CME_ so they cannot collide with the CRM's own fields`,
        );
      if (!FIELD_TYPES.has(field.type)) fail(`unknown field type "${field.type}"`);
      for (const tag of ['label', 'description', 'inlineHelpText'])
        if (!childText(el, tag)) fail(`every field needs a <${tag}>`);
      if ((childText(el, 'inlineHelpText') ?? '').length > 510) fail('inlineHelpText is longer than 510 characters');
      if ((childText(el, 'label') ?? '').length > 40) fail('label is longer than 40 characters');
      checkFieldShape(project, object, field, fail);
      if (field.formula) out.push(...checkFormulaText(project, file, field.formula, scopeFor(object.name), 'formula'));
      if (field.relationshipName && field.referenceTo) {
        const key = `${field.referenceTo}.${field.relationshipName}`;
        const other = relationshipNames.get(key);
        if (other)
          fail(`relationshipName ${field.relationshipName} is already used on ${field.referenceTo} by ${other}`);
        relationshipNames.set(key, `${object.name}.${field.name}`);
      }
    }
  }
  return out;
}

function numberAttr(el: XmlElement, tag: string): number | undefined {
  const text = childText(el, tag);
  return text === undefined ? undefined : Number(text);
}

function checkFieldShape(project: Project, object: ObjectInfo, field: FieldInfo, fail: (m: string) => void): void {
  const el = field.el!;
  const type = field.type;
  const length = numberAttr(el, 'length');
  const precision = numberAttr(el, 'precision');
  const scale = numberAttr(el, 'scale');
  const isFormula = field.formula !== undefined;
  if (type === 'Text' && !isFormula && (length === undefined || length < 1 || length > 255))
    fail('a Text field needs a length from 1 to 255');
  if (
    type === 'LongTextArea' &&
    (length === undefined || length < 256 || length > 131072 || numberAttr(el, 'visibleLines') === undefined)
  )
    fail('a LongTextArea needs a length from 256 to 131072 and visibleLines');
  if (NUMERIC.has(type) && !(type === 'Number' && isFormula && precision === undefined)) {
    if (
      precision === undefined ||
      scale === undefined ||
      precision < 1 ||
      precision > 18 ||
      scale < 0 ||
      scale > precision
    )
      fail(`a ${type} field needs precision 1–18 and scale 0–precision`);
  }
  if ((type === 'Picklist' || type === 'MultiselectPicklist') && !childrenNamed(el, 'valueSet').length)
    fail('a picklist needs a <valueSet>');
  if (field.picklistValues) {
    const dupes = field.picklistValues.filter((v, i, all) => all.indexOf(v) !== i);
    if (dupes.length) fail(`picklist values repeat: ${dupes.join(', ')}`);
    const defaults = descendants(el, 'default').filter((d) => d.text.trim() === 'true');
    if (defaults.length > 1) fail('a picklist can have only one default value');
  }
  if (childText(el, 'externalId') === 'true' && !['Text', 'Number', 'Email', 'AutoNumber'].includes(type))
    fail('only Text, Number, Email and AutoNumber fields can be external ids');
  if (childText(el, 'unique') === 'true' && !['Text', 'Number', 'Email'].includes(type))
    fail('only Text, Number and Email fields can be unique');
  if (isFormula || type === 'Summary' || type === 'AutoNumber' || type === 'MasterDetail') {
    if (childText(el, 'required') !== undefined) fail(`a ${isFormula ? 'formula' : type} field cannot set <required>`);
  }
  if (type === 'Checkbox' && !isFormula && childText(el, 'defaultValue') === undefined)
    fail('a Checkbox needs a defaultValue');
  if (type === 'Lookup' || type === 'MasterDetail') checkRelationshipField(project, object, field, fail);
  if (type === 'Summary') checkSummaryField(project, object, field, fail);
}

function checkRelationshipField(
  project: Project,
  object: ObjectInfo,
  field: FieldInfo,
  fail: (m: string) => void,
): void {
  const el = field.el!;
  const target = field.referenceTo;
  if (!target || !project.objects.has(target))
    fail(`referenceTo ${target ?? '(missing)'} is not an object in the package or a known standard object`);
  if (!field.relationshipName) fail('a relationship field needs a relationshipName');
  const constraint = childText(el, 'deleteConstraint');
  if (field.type === 'Lookup') {
    if (!constraint || !['Restrict', 'SetNull', 'Cascade'].includes(constraint))
      fail('a lookup needs deleteConstraint Restrict, SetNull or Cascade');
    if (field.required && constraint !== 'Restrict') fail('a required lookup must use deleteConstraint Restrict');
    if (target === 'User' && constraint === 'Restrict')
      fail('a lookup to User cannot use deleteConstraint Restrict (users are deactivated, not deleted)');
  } else {
    if (constraint) fail('a master-detail field cannot set deleteConstraint');
    const masters = [...object.fields.values()].filter((f) => f.type === 'MasterDetail');
    if (masters.length > 2) fail('an object can have at most two master-detail fields');
  }
}

function checkSummaryField(project: Project, object: ObjectInfo, field: FieldInfo, fail: (m: string) => void): void {
  const el = field.el!;
  const op = childText(el, 'summaryOperation');
  const foreignKey = childText(el, 'summaryForeignKey') ?? '';
  const [childName, keyField] = foreignKey.split('.');
  const child = project.objects.get(childName);
  const key = child?.fields.get(keyField);
  if (!child || !key) return fail(`summaryForeignKey ${foreignKey} does not name a field`);
  if (key.type !== 'MasterDetail' || key.referenceTo !== object.name)
    return fail(`summaryForeignKey ${foreignKey} must be a master-detail field pointing to ${object.name}`);
  if (!['count', 'sum', 'min', 'max'].includes(op ?? ''))
    fail(`summaryOperation must be count, sum, min or max, not ${op}`);
  const summarized = childText(el, 'summarizedField');
  if (op === 'count' && summarized) fail('a count roll-up cannot name a summarizedField');
  if (op !== 'count') {
    const [sObj, sField] = (summarized ?? '').split('.');
    const target = sObj === childName ? child.fields.get(sField) : undefined;
    if (!target) fail(`summarizedField ${summarized ?? '(missing)'} is not a field of ${childName}`);
    else if (op === 'sum' && !NUMERIC.has(target.type)) fail(`summarizedField ${summarized} must be numeric to sum`);
  }
  for (const item of childrenNamed(el, 'summaryFilterItems')) {
    const [fObj, fField] = (childText(item, 'field') ?? '').split('.');
    const filterField = fObj === childName ? child.fields.get(fField) : undefined;
    if (!filterField)
      fail(`summaryFilterItems names ${childText(item, 'field')}, which is not a field of ${childName}`);
    else checkFilterValue(filterField, childText(item, 'operation') ?? '', childText(item, 'value'), fail);
  }
}

function checkFilterValue(
  field: FieldInfo,
  operation: string,
  value: string | undefined,
  fail: (m: string) => void,
): void {
  if (!FILTER_OPERATIONS.has(operation)) fail(`filter operation "${operation}" is not valid`);
  if (field.picklistValues && value !== undefined && value !== '') {
    for (const v of value.split(','))
      if (!field.picklistValues.includes(v.trim()))
        fail(`filter value "${v.trim()}" is not a value of ${field.object}.${field.name}`);
  }
}

export function checkValidationRules(project: Project): Finding[] {
  const out: Finding[] = [];
  const permissions = customPermissionNames(project);
  for (const { file, root } of filesMatching(project, /\/validationRules\/[^/]+\.validationRule-meta\.xml$/)) {
    const object = objectOfFile(file)!;
    const formula = childText(root, 'errorConditionFormula') ?? '';
    out.push(
      ...checkFormulaText(project, file, formula, { object, customPermissions: permissions }, 'validation-rule'),
    );
    const display = childText(root, 'errorDisplayField');
    if (display && typeof resolveFieldPath(project, object, display) === 'string')
      out.push(finding(file, 'validation-rule', `errorDisplayField ${display} is not a field of ${object}`));
    if ((childText(root, 'errorMessage') ?? '').length > 255)
      out.push(finding(file, 'validation-rule', 'errorMessage is longer than 255 characters'));
    if (formula.length > 5000)
      out.push(finding(file, 'validation-rule', 'errorConditionFormula is longer than 5,000 characters'));
  }
  return out;
}

export function checkListViewsAndCompactLayouts(project: Project): Finding[] {
  const out: Finding[] = [];
  const fieldOf = (object: string, name: string) => project.objects.get(object)?.fields.get(name);
  for (const { file, root } of filesMatching(project, /\/listViews\/[^/]+\.listView-meta\.xml$/)) {
    const object = objectOfFile(file)!;
    for (const column of childrenNamed(root, 'columns')) {
      const name = column.text.trim();
      if (!LIST_VIEW_PSEUDO_COLUMNS.has(name) && !fieldOf(object, name))
        out.push(finding(file, 'list-view', `column ${name} is not a field of ${object}`));
    }
    for (const filter of childrenNamed(root, 'filters')) {
      const name = childText(filter, 'field') ?? '';
      const field = fieldOf(object, name);
      if (!field) out.push(finding(file, 'list-view', `filter field ${name} is not a field of ${object}`));
      else
        checkFilterValue(field, childText(filter, 'operation') ?? '', childText(filter, 'value'), (m) =>
          out.push(finding(file, 'list-view', m)),
        );
    }
    const scope = childText(root, 'filterScope');
    if (!['Everything', 'Mine', 'Queue', 'Delegated', 'MyTerritory', 'MyTeamTerritory', 'Team'].includes(scope ?? ''))
      out.push(finding(file, 'list-view', `filterScope "${scope}" is not valid`));
  }
  for (const { file, root } of filesMatching(project, /\/compactLayouts\/[^/]+\.compactLayout-meta\.xml$/)) {
    const object = objectOfFile(file)!;
    for (const f of childrenNamed(root, 'fields'))
      if (!fieldOf(object, f.text.trim()))
        out.push(finding(file, 'compact-layout', `field ${f.text.trim()} is not a field of ${object}`));
  }
  return out;
}
