// The local org's record engine: every create, update, upsert and delete goes through here and gets
// what Salesforce enforces for our objects — field existence and access, types and lengths,
// restricted picklists, required fields, reference integrity, unique and external ids, validation
// rules, autonumbers, system fields, formula fields, roll-up summaries and master-detail cascades.
// Writes are transactional: a failing record changes nothing.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { evaluateFormula, parseFormula } from '../sfmodel/formula.ts';
import type { FormulaAst, FormulaContext } from '../sfmodel/formula.ts';
import { SfError, SfErrors } from './errors.ts';
import { keyPrefixOf, makeId, normaliseId } from './ids.ts';
import { findField, findObject, findRelationship } from './schema.ts';
import type { FieldDef, ObjectDef, OrgSchema } from './schema.ts';
import { createTables, quoteIdent } from './storage.ts';
import {
  SECURITY_OBJECTS,
  Security,
  entityIsLocked,
  insufficientAccess,
  insufficientCrossReference,
} from './security.ts';
import type { UserAccess } from './security.ts';
import { decodeValue, encodeValue } from './values.ts';
import type { StoredValue } from './values.ts';

type Row = Record<string, StoredValue>;

export interface WriteContext {
  userId: string;
  /**
   * Field updates run by approval processes and workflow: Salesforce does not re-run validation
   * rules for them (they are how a record reaches states users may not set by hand).
   */
  automated?: boolean;
  /** The org itself (bootstrap, approval history): no user's permissions apply. */
  system?: boolean;
}

export interface UpsertResult {
  id: string;
  created: boolean;
}

const q = quoteIdent;

export class Engine {
  readonly db: DatabaseSync;
  readonly schema: OrgSchema;
  /** Who may see and change what (permission sets, sharing, approval locks). */
  readonly security: Security;
  private readonly formulas = new Map<string, FormulaAst>();
  private readonly statements = new Map<string, StatementSync>();
  /** Parents whose roll-ups need recalculating before the transaction commits: key → [parent, id, child, fk]. */
  private readonly dirtyRollups = new Map<string, [string, string, string, string]>();
  private savepoint = 0;
  /** Test hook: a fixed clock. */
  now: () => Date = () => new Date();

  constructor(db: DatabaseSync, schema: OrgSchema) {
    this.db = db;
    this.schema = schema;
    this.security = new Security(this);
    createTables(db, schema);
    db.exec('CREATE TABLE IF NOT EXISTS _sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
  }

  // ---------------------------------------------------------------- transactions

  /** Runs fn atomically; nested calls use savepoints, so an inner failure can be rolled back alone. */
  transaction<T>(fn: () => T): T {
    const name = `sp${++this.savepoint}`;
    const outermost = this.savepoint === 1;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = fn();
      // Roll-ups are recalculated once per parent at the end of the transaction, as Salesforce does
      // after the children are saved; a 10,000-row load does not recount a parent 10,000 times.
      if (outermost) this.flushRollups();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      if (outermost) this.dirtyRollups.clear();
      throw error;
    } finally {
      this.savepoint--;
    }
  }

  /** Prepared statements are reused: preparing SQL costs more than running it. */
  statement(sql: string): StatementSync {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  // ---------------------------------------------------------------- lookups

  /** The object by API name; one the user cannot read does not exist for them. */
  object(name: string, access?: UserAccess): ObjectDef {
    const object = findObject(this.schema, name);
    if (!object || (access && !access.canReadObject(object)))
      throw new SfError('NOT_FOUND', `The requested resource does not exist`, [], 404);
    return object;
  }

  objectForId(id: string): ObjectDef | undefined {
    const prefix = keyPrefixOf(id);
    for (const object of this.schema.objects.values()) if (object.keyPrefix === prefix) return object;
    return undefined;
  }

  /** The stored row of a record (deleted ones too when asked), or undefined. */
  row(object: ObjectDef, id: string, includeDeleted = false): Row | undefined {
    const sql = `SELECT * FROM ${q(object.name)} WHERE ${q('Id')} = ?${includeDeleted ? '' : ` AND ${q('IsDeleted')} = 0`}`;
    return this.statement(sql).get(id) as Row | undefined;
  }

  /**
   * A record in the REST shape, with the requested fields (default: all the user may read). With a
   * user, a record they cannot see does not exist for them, and neither do fields they cannot read.
   */
  retrieve(
    objectName: string,
    rawId: string,
    fieldNames?: string[],
    apiVersion = '66.0',
    userId?: string,
  ): Record<string, unknown> {
    const access = userId ? this.security.restricted(userId) : undefined;
    const object = this.object(objectName, access);
    const id = normaliseId(rawId);
    const row = id ? this.row(object, id) : undefined;
    if (!row || (access && !this.security.hasRecordAccess(access, object, id!, 'read')))
      throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    const fields = fieldNames?.length
      ? fieldNames.map((n) => this.requireField(object, n, access))
      : [...object.fields.values()].filter((f) => !access || access.canReadField(object, f));
    const record: Record<string, unknown> = {
      attributes: { type: object.name, url: `/services/data/v${apiVersion}/sobjects/${object.name}/${id}` },
    };
    for (const f of fields) record[f.name] = decodeValue(f, row[f.name]);
    return record;
  }

  private requireField(object: ObjectDef, name: string, access?: UserAccess): FieldDef {
    const field = findField(object, name);
    if (!field || (access && !access.canReadField(object, field)))
      throw new SfError('INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, [], 400);
    return field;
  }

  private nextSequence(name: string): number {
    const row = this.statement(
      'INSERT INTO _sequences (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    ).get(name) as { value: number };
    return row.value;
  }

  newId(object: ObjectDef): string {
    return makeId(object.keyPrefix, this.nextSequence(`id:${object.name}`));
  }

  // ---------------------------------------------------------------- users and permissions

  assignPermissionSet(userId: string, permissionSet: string): void {
    if (!this.schema.permissionSets.has(permissionSet))
      throw new SfError('INVALID_CROSS_REFERENCE_KEY', `Permission set ${permissionSet} does not exist`);
    this.recordAssignment(userId, permissionSet);
    this.security.invalidate();
  }

  /**
   * The assignment is a PermissionSetAssignment row (with its PermissionSet row), as in a real org: the
   * one record of who holds what — the security model reads it, and `sf cme seed` queries it.
   */
  private recordAssignment(userId: string, permissionSet: string): void {
    const system = { userId, system: true };
    const find = (sql: string, ...params: string[]) =>
      (this.statement(sql).get(...params) as { Id: string } | undefined)?.Id;
    const permissionSetId =
      find('SELECT "Id" FROM "PermissionSet" WHERE "Name" = ?', permissionSet) ??
      this.insert(
        'PermissionSet',
        { Name: permissionSet, Label: this.schema.permissionSets.get(permissionSet)?.label ?? permissionSet },
        system,
      );
    if (
      !find(
        'SELECT "Id" FROM "PermissionSetAssignment" WHERE "AssigneeId" = ? AND "PermissionSetId" = ? AND "IsDeleted" = 0',
        userId,
        permissionSetId,
      )
    )
      this.insert('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: permissionSetId }, system);
  }

  /**
   * Org files written before PermissionSetAssignment was queryable kept assignments in a side table:
   * they become rows, and the side table goes.
   */
  syncPermissionSetAssignments(): void {
    const legacy = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get('_permission_set_assignments');
    if (!legacy) return;
    const rows = this.statement('SELECT user_id, permission_set FROM _permission_set_assignments').all() as {
      user_id: string;
      permission_set: string;
    }[];
    this.transaction(() => {
      for (const row of rows)
        if (this.schema.permissionSets.has(row.permission_set)) this.recordAssignment(row.user_id, row.permission_set);
      this.db.exec('DROP TABLE _permission_set_assignments');
    });
    this.security.invalidate();
  }

  permissionSetsOf(userId: string): string[] {
    return (
      this.statement(
        'SELECT p."Name" AS name FROM "PermissionSetAssignment" a JOIN "PermissionSet" p ON p."Id" = a."PermissionSetId" ' +
          'WHERE a."AssigneeId" = ? AND a."IsDeleted" = 0 AND p."IsDeleted" = 0 ORDER BY p."Name"',
      ).all(userId) as { name: string }[]
    ).map((r) => r.name);
  }

  hasCustomPermission(userId: string, permission: string): boolean {
    return this.permissionSetsOf(userId).some((p) =>
      this.schema.permissionSets.get(p)?.customPermissions.some((c) => c.toLowerCase() === permission.toLowerCase()),
    );
  }

  // ---------------------------------------------------------------- writes

  insert(objectName: string, values: Record<string, unknown>, ctx: WriteContext): string {
    const access = this.accessOf(ctx);
    const object = this.object(objectName, access);
    if (access && !access.objectPermissions(object).allowCreate) throw insufficientAccess();
    return this.transaction(() => {
      const changes = this.resolveValues(object, values, 'create', undefined, access);
      const id = this.newId(object);
      const row = this.withCreateDefaults(object, id, changes, ctx);
      if (access && this.security.lockingApproval(access, object, row)) throw entityIsLocked();
      this.checkRecord(object, row, undefined, ctx, access);
      const columns = Object.keys(row);
      this.statement(
        `INSERT INTO ${q(object.name)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ).run(...columns.map((c) => row[c]));
      this.afterWrite(object, row, undefined);
      if (SECURITY_OBJECTS.has(object.name)) this.security.invalidate();
      return id;
    });
  }

  /** The user's access to check, or undefined when nothing is checked (admins, automation, the org). */
  private accessOf(ctx: WriteContext): UserAccess | undefined {
    if (ctx.system || ctx.automated) return undefined;
    return this.security.restricted(ctx.userId);
  }

  update(objectName: string, rawId: string, values: Record<string, unknown>, ctx: WriteContext): void {
    const access = this.accessOf(ctx);
    const object = this.object(objectName, access);
    const id = this.existingId(object, rawId);
    if (
      access &&
      !(access.objectPermissions(object).allowEdit && this.security.hasRecordAccess(access, object, id, 'edit'))
    )
      throw insufficientAccess();
    this.transaction(() => {
      const old = this.row(object, id)!;
      if (access && this.security.lockingApproval(access, object, old)) throw entityIsLocked();
      const changes = this.resolveValues(object, values, 'update', old, access);
      delete changes.Id;
      const row: Row = { ...old, ...changes };
      this.stampModified(object, row, ctx);
      this.computeDerived(object, row);
      this.checkRecord(object, row, old, ctx, access);
      this.writeRow(object, row);
      this.afterWrite(object, row, old);
      if (SECURITY_OBJECTS.has(object.name)) this.security.invalidate();
    });
  }

  upsert(
    objectName: string,
    externalField: string,
    externalValue: string,
    values: Record<string, unknown>,
    ctx: WriteContext,
  ): UpsertResult {
    const object = this.object(objectName);
    const field = findField(object, externalField);
    if (!field || (!field.externalId && field.name !== 'Id'))
      throw new SfError(
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${externalField}`,
        [],
        404,
      );
    const matches = this.findByExternalId(object, field, externalValue);
    if (matches.length > 1)
      throw new SfError(
        'MULTIPLE_CHOICES',
        `The value provided for the external ID field ${field.name} matches more than one record: ${matches.join(', ')}`,
        [],
        300,
      );
    const body = { ...values };
    const existingKey = Object.keys(body).find((k) => k.toLowerCase() === field.name.toLowerCase());
    if (existingKey && String(body[existingKey]) !== externalValue)
      throw new SfError(
        'INVALID_FIELD',
        `The external ID field ${field.name} in the body does not match the value in the URL`,
        [field.name],
      );
    if (matches.length === 1) {
      this.update(object.name, matches[0], body, ctx);
      return { id: matches[0], created: false };
    }
    if (field.name !== 'Id') body[field.name] = externalValue;
    return { id: this.insert(object.name, body, ctx), created: true };
  }

  remove(objectName: string, rawId: string, ctx: WriteContext): void {
    const access = this.accessOf(ctx);
    const object = this.object(objectName, access);
    const id = this.existingId(object, rawId);
    if (access) {
      if (!(
        access.objectPermissions(object).allowDelete && this.security.hasRecordAccess(access, object, id, 'delete')
      ))
        throw insufficientAccess();
      if (this.security.lockingApproval(access, object, this.row(object, id)!)) throw entityIsLocked();
    }
    this.transaction(() => this.deleteCascade(object, id, ctx, new Set()));
    if (SECURITY_OBJECTS.has(object.name)) this.security.invalidate();
  }

  private existingId(object: ObjectDef, rawId: string): string {
    const id = normaliseId(rawId);
    if (!id || keyPrefixOf(id) !== object.keyPrefix)
      throw new SfError(
        'MALFORMED_ID',
        `Provided external ID field does not exist or is not accessible: ${rawId}`,
        [],
        404,
      );
    const row = this.row(object, id, true);
    if (!row) throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    if (row.IsDeleted === 1) throw new SfError('ENTITY_IS_DELETED', 'entity is deleted', [], 404);
    return id;
  }

  findByExternalId(object: ObjectDef, field: FieldDef, value: string): string[] {
    const collate = field.caseSensitive || field.name === 'Id' ? '' : ' COLLATE NOCASE';
    const stored = field.name === 'Id' ? (normaliseId(value) ?? value) : value;
    return (
      this.statement(
        `SELECT ${q('Id')} AS id FROM ${q(object.name)} WHERE ${q(field.name)} = ?${collate} AND ${q('IsDeleted')} = 0 LIMIT 2`,
      ).all(stored) as { id: string }[]
    ).map((r) => r.id);
  }

  /** API body → stored column values, resolving relationship external ids (Event__r: { Event_Key__c }). */
  private resolveValues(
    object: ObjectDef,
    values: Record<string, unknown>,
    mode: 'create' | 'update',
    old?: Row,
    access?: UserAccess,
  ): Row {
    const out: Row = {};
    const errors: SfError[] = [];
    for (const [key, raw] of Object.entries(values)) {
      if (key === 'attributes') continue;
      try {
        const field = findField(object, key) ?? findRelationship(object, key);
        // A field the user cannot read does not exist for them.
        if (access && field && !access.canReadField(object, field))
          throw new SfError('INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, []);
        if (field && field.name.toLowerCase() === key.toLowerCase()) {
          if (field.name === 'Id' && mode === 'update') continue;
          const value = encodeValue(field, raw);
          // Loads that upsert detail records carry the master each time; the unchanged master is accepted.
          const sameMaster = field.masterDetail && old !== undefined && old[field.name] === value;
          const allowed =
            (mode === 'create' ? field.createable : field.updateable || sameMaster) &&
            (!access || sameMaster || access.canEditField(object, field));
          if (!allowed)
            throw new SfError(
              'INVALID_FIELD_FOR_INSERT_UPDATE',
              `Unable to ${mode} fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
              [field.name],
            );
          out[field.name] = value;
          continue;
        }
        const relationship = findRelationship(object, key);
        if (relationship && raw === null) {
          // `Invitation__r: null` clears the reference, like sending the field as null.
          if (mode === 'update' && !relationship.updateable)
            throw new SfError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to update fields: ${relationship.name}.`, [
              relationship.name,
            ]);
          out[relationship.name] = null;
          continue;
        }
        if (relationship && raw && typeof raw === 'object') {
          const id = this.resolveForeignKey(relationship, raw as Record<string, unknown>);
          if (mode === 'update' && !relationship.updateable && old?.[relationship.name] !== id) {
            throw new SfError(
              'INVALID_FIELD_FOR_INSERT_UPDATE',
              `Unable to update fields: ${relationship.name}. The master of a detail record cannot change.`,
              [relationship.name],
            );
          }
          out[relationship.name] = id;
          continue;
        }
        throw new SfError('INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, []);
      } catch (error) {
        if (error instanceof SfError) errors.push(error);
        else throw error;
      }
    }
    if (errors.length) throw new SfErrors(errors);
    return out;
  }

  private resolveForeignKey(relationship: FieldDef, ref: Record<string, unknown>): string {
    const attributes = ref.attributes as { type?: string } | undefined;
    const targetName = attributes?.type ?? relationship.referenceTo[0];
    const target = findObject(this.schema, targetName);
    const entries = Object.entries(ref).filter(([k]) => k !== 'attributes');
    if (!target || entries.length !== 1)
      throw new SfError(
        'INVALID_FIELD',
        `Foreign key reference for ${relationship.relationshipName} must name exactly one external ID field`,
        [relationship.name],
      );
    const [fieldName, value] = entries[0];
    const keyField = findField(target, fieldName);
    if (!keyField || (!keyField.externalId && keyField.name !== 'Id'))
      throw new SfError(
        'INVALID_FIELD',
        `Field name provided, ${fieldName} is not an External ID or indexed field for ${target.name}`,
        [relationship.name],
      );
    const matches = this.findByExternalId(target, keyField, String(value));
    if (matches.length === 0)
      throw new SfError(
        'INVALID_FIELD',
        `Foreign key external ID: ${String(value)} not found for field ${keyField.name} in entity ${target.name}`,
        [relationship.name],
      );
    if (matches.length > 1)
      throw new SfError(
        'INVALID_FIELD',
        `Foreign key external ID: ${String(value)} matches more than one record for field ${keyField.name} in entity ${target.name}`,
        [relationship.name],
      );
    return matches[0];
  }

  private withCreateDefaults(object: ObjectDef, id: string, changes: Row, ctx: WriteContext): Row {
    const now = this.now().toISOString();
    const row: Row = {};
    for (const field of object.fields.values()) {
      if (field.type === 'boolean') row[field.name] = field.defaultValue === true ? 1 : 0;
      else if (field.defaultValue !== undefined && !field.calculated)
        row[field.name] = encodeValue(field, field.defaultValue);
      // A new parent's count and sum roll-ups are 0, as Salesforce shows them.
      else if (field.summary)
        row[field.name] = field.summary.operation === 'count' || field.summary.operation === 'sum' ? 0 : null;
      else row[field.name] = null;
    }
    Object.assign(row, changes);
    row.Id = id;
    row.IsDeleted = 0;
    row.CreatedDate = now;
    row.CreatedById = ctx.userId;
    if (object.fields.has('OwnerId') && !row.OwnerId) row.OwnerId = ctx.userId;
    const nameField = object.fields.get('Name');
    if (nameField?.autoNumber)
      row.Name = formatAutoNumber(
        nameField.autoNumber.displayFormat,
        nameField.autoNumber.start - 1 + this.nextSequence(`autonumber:${object.name}`),
      );
    this.stampModified(object, row, ctx);
    this.computeDerived(object, row);
    return row;
  }

  private stampModified(_object: ObjectDef, row: Row, ctx: WriteContext): void {
    const now = this.now().toISOString();
    row.LastModifiedDate = now;
    row.LastModifiedById = ctx.userId;
    row.SystemModstamp = now;
  }

  private writeRow(object: ObjectDef, row: Row): void {
    const columns = Object.keys(row).filter((c) => c !== 'Id');
    this.statement(
      `UPDATE ${q(object.name)} SET ${columns.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${q('Id')} = ?`,
    ).run(...columns.map((c) => row[c]), row.Id);
  }

  // ---------------------------------------------------------------- checks

  private checkRecord(object: ObjectDef, row: Row, old: Row | undefined, ctx: WriteContext, access?: UserAccess): void {
    const missing = [...object.fields.values()]
      .filter((f) => f.required && (row[f.name] === null || row[f.name] === undefined))
      .map((f) => f.name);
    if (missing.length)
      throw new SfError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    this.checkReferences(object, row, old, access);
    if (!ctx.automated) this.checkValidationRules(object, row, old, ctx);
    this.checkUnique(object, row, old);
  }

  private checkReferences(object: ObjectDef, row: Row, old: Row | undefined, access?: UserAccess): void {
    for (const field of object.fields.values()) {
      if (field.type !== 'reference' || field.system) continue;
      const id = row[field.name];
      if (id === null || id === undefined || (old && old[field.name] === id)) continue;
      const target = this.objectForId(String(id));
      if (!target || (field.referenceTo.length && !field.referenceTo.includes(target.name))) {
        throw new SfError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${String(id)}`, [
          field.name,
        ]);
      }
      const targetRow = this.row(target, String(id), true);
      if (!targetRow) throw new SfError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
      if (targetRow.IsDeleted === 1) throw new SfError('ENTITY_IS_DELETED', `entity is deleted`, [field.name]);
      // A master-detail needs read (writeRequiresMasterRead) or edit access to the master; a lookup, read
      // access to the record it points to ("insufficient access rights on cross-reference id").
      if (access) {
        const needed = field.masterDetail && !field.writeRequiresMasterRead ? 'edit' : 'read';
        if (!access.canReadObject(target) || !this.security.hasRecordAccess(access, target, String(id), needed))
          throw insufficientCrossReference(field.name);
      }
    }
  }

  private checkUnique(object: ObjectDef, row: Row, old: Row | undefined): void {
    for (const field of object.fields.values()) {
      if (!field.unique) continue;
      const value = row[field.name];
      if (value === null || value === undefined || (old && old[field.name] === value)) continue;
      const collate = field.caseSensitive ? '' : ' COLLATE NOCASE';
      const other = this.statement(
        `SELECT ${q('Id')} AS id FROM ${q(object.name)} WHERE ${q(field.name)} = ?${collate} AND ${q('Id')} != ? AND ${q('IsDeleted')} = 0 LIMIT 1`,
      ).get(value, row.Id) as { id: string } | undefined;
      if (other)
        throw new SfError(
          'DUPLICATE_VALUE',
          `duplicate value found: ${field.name} duplicates value on record with id: ${other.id}`,
          [field.name],
        );
    }
  }

  /** Evaluates a formula (entry criteria, field update formulas) against a stored record. */
  evaluateOn(objectName: string, rawId: string, formula: string, userId: string): unknown {
    const object = this.object(objectName);
    const row = this.row(object, this.existingId(object, rawId))!;
    return evaluateFormula(
      this.parsed(`f:${object.name}:${formula}`, formula),
      this.formulaContext(object, row, undefined, userId),
    );
  }

  private parsed(key: string, source: string): FormulaAst {
    let ast = this.formulas.get(key);
    if (!ast) {
      ast = parseFormula(source);
      this.formulas.set(key, ast);
    }
    return ast;
  }

  private formulaContext(object: ObjectDef, row: Row, old: Row | undefined, userId: string): FormulaContext {
    return {
      getField: (path) => this.readPath(object, row, path),
      getPrior: (path) => (old ? this.readPath(object, old, path) : this.readPath(object, row, path)),
      isNew: old === undefined,
      hasPermission: (name) => this.hasCustomPermission(userId, name),
      now: () => this.now(),
      today: () => this.now().toISOString().slice(0, 10),
      getGlobal: (path) => (/^\$User\.Id$/i.test(path) ? userId : null),
    };
  }

  /** A field path (Status__c, Event__r.Status__c) of a record, in the formula evaluator's value types. */
  private readPath(object: ObjectDef, row: Row, path: string): unknown {
    const [head, ...rest] = path.split('.');
    if (rest.length === 0) {
      const field = findField(object, head);
      if (!field) return null;
      return formulaValue(field, row[field.name]);
    }
    const relationship =
      findRelationship(object, head) ??
      (findField(object, `${head}Id`)?.type === 'reference' ? findField(object, `${head}Id`) : undefined);
    if (!relationship) return null;
    const parentId = row[relationship.name];
    if (!parentId) return null;
    const parentObject = this.objectForId(String(parentId));
    const parentRow = parentObject ? this.row(parentObject, String(parentId), true) : undefined;
    return parentObject && parentRow ? this.readPath(parentObject, parentRow, rest.join('.')) : null;
  }

  private checkValidationRules(object: ObjectDef, row: Row, old: Row | undefined, ctx: WriteContext): void {
    const errors: SfError[] = [];
    for (const rule of object.validationRules) {
      if (!rule.active) continue;
      const fired = evaluateFormula(
        this.parsed(`vr:${object.name}.${rule.name}`, rule.formula),
        this.formulaContext(object, row, old, ctx.userId),
      );
      if (fired === true)
        errors.push(
          new SfError(
            'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            rule.message,
            rule.errorDisplayField ? [rule.errorDisplayField] : [],
          ),
        );
    }
    if (errors.length) throw new SfErrors(errors);
  }

  // ---------------------------------------------------------------- derived values

  /** Formula fields and computed names of the record itself. */
  private computeDerived(object: ObjectDef, row: Row): void {
    if ((object.name === 'Contact' || object.name === 'User') && object.fields.get('Name')?.calculated) {
      row.Name =
        [row.FirstName, row.LastName].filter((p) => p !== null && p !== undefined && p !== '').join(' ') || null;
    }
    for (const field of object.fields.values()) {
      if (!field.formula) continue;
      let value: unknown;
      try {
        value = evaluateFormula(
          this.parsed(`ff:${object.name}.${field.name}`, field.formula),
          this.formulaContext(object, row, undefined, String(row.LastModifiedById ?? '')),
        );
      } catch {
        value = null; // Salesforce shows #Error! and the API returns null (e.g. division by zero).
      }
      row[field.name] = storedFormulaValue(field, value);
    }
  }

  /** After a write: roll-ups on every master of the record (old and new parent), then their formulas. */
  private afterWrite(object: ObjectDef, row: Row, old: Row | undefined): void {
    for (const field of object.fields.values()) {
      if (!field.masterDetail) continue;
      const parents = new Set([row[field.name], old?.[field.name]].filter((v): v is string => typeof v === 'string'));
      for (const parentId of parents)
        this.dirtyRollups.set(`${parentId}:${object.name}.${field.name}`, [
          field.referenceTo[0],
          parentId,
          object.name,
          field.name,
        ]);
    }
  }

  private flushRollups(): void {
    while (this.dirtyRollups.size) {
      const batch = [...this.dirtyRollups.values()];
      this.dirtyRollups.clear();
      for (const [parentName, parentId, childName, foreignKey] of batch)
        this.recomputeRollups(parentName, parentId, childName, foreignKey);
    }
  }

  private recomputeRollups(parentName: string, parentId: string, childName: string, foreignKey: string): void {
    const parent = this.schema.objects.get(parentName);
    const row = parent ? this.row(parent, parentId, true) : undefined;
    if (!parent || !row) return;
    const summaries = [...parent.fields.values()].filter(
      (f) => f.summary?.childObject === childName && f.summary.foreignKey === foreignKey,
    );
    if (!summaries.length) return;
    for (const field of summaries) row[field.name] = this.summaryValue(field, parentId);
    this.computeDerived(parent, row);
    this.writeRow(parent, row);
  }

  private summaryValue(field: FieldDef, parentId: string): number | null {
    const summary = field.summary!;
    const child = this.schema.objects.get(summary.childObject)!;
    const where = [`${q(summary.foreignKey)} = ?`, `${q('IsDeleted')} = 0`];
    const params: StoredValue[] = [parentId];
    for (const filter of summary.filters) {
      const values = filter.value.split(',').map((v) => v.trim());
      const column = q(filter.field);
      if (filter.operation === 'equals') where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      else if (filter.operation === 'notEqual')
        where.push(`(${column} IS NULL OR ${column} NOT IN (${values.map(() => '?').join(', ')}))`);
      else
        throw new SfError(
          'UNKNOWN_EXCEPTION',
          `roll-up filter operation ${filter.operation} is not supported by the local org`,
          [],
          500,
        );
      params.push(...values);
    }
    const expression =
      summary.operation === 'count' ? 'COUNT(*)' : `${summary.operation.toUpperCase()}(${q(summary.summarizedField!)})`;
    const result = this.statement(`SELECT ${expression} AS v FROM ${q(child.name)} WHERE ${where.join(' AND ')}`).get(
      ...params,
    ) as { v: number | null };
    // Salesforce shows 0 for a count or sum over no children.
    return result.v ?? (summary.operation === 'count' || summary.operation === 'sum' ? 0 : null);
  }

  // ---------------------------------------------------------------- deletes

  private deleteCascade(object: ObjectDef, id: string, ctx: WriteContext, seen: Set<string>): void {
    if (seen.has(id)) return;
    seen.add(id);
    const row = this.row(object, id)!;
    for (const rel of object.childRelationships) {
      const child = this.schema.objects.get(rel.childSObject)!;
      const childIds = (
        this.statement(
          `SELECT ${q('Id')} AS id FROM ${q(child.name)} WHERE ${q(rel.field)} = ? AND ${q('IsDeleted')} = 0`,
        ).all(id) as { id: string }[]
      ).map((r) => r.id);
      if (!childIds.length) continue;
      if (rel.restrictedDelete) {
        throw new SfError(
          'DELETE_FAILED',
          `Your attempt to delete ${String(row.Name ?? id)} could not be completed because it is associated with the following ${child.labelPlural}.: ${childIds.slice(0, 5).join(', ')}`,
          [],
        );
      }
      if (rel.cascadeDelete) for (const childId of childIds) this.deleteCascade(child, childId, ctx, seen);
      else this.statement(`UPDATE ${q(child.name)} SET ${q(rel.field)} = NULL WHERE ${q(rel.field)} = ?`).run(id);
    }
    this.statement(
      `UPDATE ${q(object.name)} SET ${q('IsDeleted')} = 1, ${q('LastModifiedDate')} = ?, ${q('LastModifiedById')} = ?, ${q('SystemModstamp')} = ? WHERE ${q('Id')} = ?`,
    ).run(this.now().toISOString(), ctx.userId, this.now().toISOString(), id);
    this.afterWrite(object, { ...row, IsDeleted: 1 }, row);
  }
}

function formatAutoNumber(displayFormat: string, n: number): string {
  return displayFormat.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
}

/** Stored value → the formula evaluator's representation (DateTime as ISO string it converts itself). */
function formulaValue(field: FieldDef, stored: StoredValue | undefined): unknown {
  if (stored === null || stored === undefined) return field.type === 'boolean' ? false : null;
  if (field.type === 'boolean') return stored === 1;
  // A Percent field reaches a formula as a decimal: 90 % is 0.9 (Salesforce Help, "Tips for Using
  // Number Fields in Formulas": "IF(Probability = 0.9 ...) for 90% probability").
  if (field.type === 'percent' && typeof stored === 'number') return stored / 100;
  return stored;
}

/** A formula result → stored value for the field's type (Percent formulas give fractions: 0.455 → 45.5). */
function storedFormulaValue(field: FieldDef, value: unknown): StoredValue {
  if (value === null || value === undefined) return field.type === 'boolean' ? 0 : null;
  switch (field.type) {
    case 'boolean':
      return value === true ? 1 : 0;
    case 'percent':
    case 'double':
    case 'currency':
    case 'int': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return null;
      const n = field.type === 'percent' ? value * 100 : value;
      return Number(n.toFixed(field.scale ?? 2));
    }
    case 'datetime':
      return value instanceof Date ? value.toISOString() : String(value);
    default:
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  }
}
