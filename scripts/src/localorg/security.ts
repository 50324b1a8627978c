// The security model as Salesforce enforces it for API users: object permissions and field-level
// security from the profile plus the user's permission sets, and record access (sharing) from each
// object's org-wide default, ownership, the role hierarchy, View All / Modify All, the package's
// criteria-based sharing rules, master-detail "controlled by parent" and private contacts; plus the
// record locks of pending approvals.
//
// Sources (Salesforce documentation):
// - Object Reference, "Factors that Affect Data Access": the API respects object-level and
//   field-level security; fields not visible to a user are not returned by query() or describe;
//   read-only fields can't be updated.
// - Salesforce Help, "Standard Profiles": the Standard User "can create and edit most major types of
//   records"; "Security Implementation Guide / Standard Profiles" (developer.salesforce.com
//   fundamentals): "When a custom object is created, most profiles (except those with Modify All
//   Data) don't give access to the object". Permission sets only add to the profile.
// - Salesforce Help, "Considerations for Sharing and Accessing Contacts": a contact that isn't
//   linked to an account is private: only its owner and administrators see it; sharing rules don't
//   apply; with Contact Controlled by Parent, access follows the contact's account.
// - Salesforce Help, "Controlling Access Using Hierarchies": users above a record owner in the role
//   hierarchy get the owner's access; custom objects always grant access using hierarchies.
// - Metadata API, CustomField.writeRequiresMasterRead: with true, read access to the master is enough
//   to create, edit or delete the detail; otherwise edit access to the master is required.
// - Metadata API, SharingRules (sharingCriteriaRules: accessLevel, sharedTo, criteriaItems).
// - Object Reference, ProcessDefinition.LockType: a record in an approval process is locked and only
//   an administrator can edit it, or the currently assigned approver when the process allows it
//   (ApprovalProcess.recordEditability AdminOrCurrentApprover); "administrator" covers Modify All Data
//   and Modify All on the object (Help, "Approval Considerations for Approvers"); the error is
//   ENTITY_IS_LOCKED "the entity is locked for editing".
import type { Engine } from './engine.ts';
import { SfError } from './errors.ts';
import { findField, findObject } from './schema.ts';
import type { FieldDef, ObjectDef, ObjectPermissionsDef, SharingRuleDef } from './schema.ts';
import { quoteIdent } from './storage.ts';

const q = quoteIdent;

/** What a user wants to do with a record. */
export type RecordAccess = 'read' | 'edit' | 'delete';

/** Adds a value to the statement's parameters and returns its placeholder. */
export type ParamSink = (value: string | number | null) => string;

const perms = (c: boolean, r: boolean, e: boolean, d: boolean): ObjectPermissionsDef => ({
  allowCreate: c,
  allowRead: r,
  allowEdit: e,
  allowDelete: d,
  viewAllRecords: false,
  modifyAllRecords: false,
});
const NO_ACCESS = perms(false, false, false, false);
const FULL_ACCESS: ObjectPermissionsDef = {
  ...perms(true, true, true, true),
  viewAllRecords: true,
  modifyAllRecords: true,
};

/**
 * What the Standard User profile grants on the standard objects the local org has (Help, "Standard
 * Profiles": create and edit most major record types; setup objects such as users, roles, groups and
 * approval history are readable). Custom objects: nothing (only permission sets grant them).
 */
const STANDARD_USER_OBJECTS: Record<string, ObjectPermissionsDef> = {
  Account: perms(true, true, true, true),
  Contact: perms(true, true, true, true),
  Task: perms(true, true, true, true),
  User: perms(false, true, false, false),
  UserRole: perms(false, true, false, false),
  Profile: perms(false, true, false, false),
  Organization: perms(false, true, false, false),
  Group: perms(false, true, false, false),
  GroupMember: perms(false, true, false, false),
  ProcessInstance: perms(false, true, false, false),
  ProcessInstanceStep: perms(false, true, false, false),
  ProcessInstanceWorkitem: perms(false, true, false, false),
};

/** Objects whose rows decide who has access: a write to them invalidates the cached access. */
export const SECURITY_OBJECTS = new Set([
  'User',
  'UserRole',
  'Profile',
  'Group',
  'GroupMember',
  'PermissionSet',
  'PermissionSetAssignment',
]);

/** One user's effective permissions and the facts record access needs, computed once per change. */
export class UserAccess {
  readonly userId: string;
  /** System Administrator ("Modify All Data"): everything, no filters. */
  readonly admin: boolean;
  /** The user and the users in roles below theirs (the hierarchy gives access to their records). */
  readonly owners: string[];
  /** Public groups and queues the user belongs to (directly or through a group), by id. */
  readonly groupIds: string[];
  readonly groupNames: Set<string>;
  /** DeveloperName of the user's role, and those of every role above it. */
  readonly roleName: string | undefined;
  readonly rolesAtOrAbove: Set<string>;
  readonly #engine: Engine;
  readonly #objects = new Map<string, ObjectPermissionsDef>();
  readonly #fields = new Map<string, { readable: boolean; editable: boolean }>();

  constructor(engine: Engine, userId: string) {
    this.#engine = engine;
    this.userId = userId;
    const db = engine.db;
    const user = db
      .prepare(
        'SELECT p."Name" AS profile, u."UserRoleId" AS role FROM "User" u LEFT JOIN "Profile" p ON p."Id" = u."ProfileId" WHERE u."Id" = ?',
      )
      .get(userId) as { profile: string | null; role: string | null } | undefined;
    this.admin = user?.profile === 'System Administrator';
    const roleId = user?.role ?? null;
    const below = roleId
      ? (
          db
            .prepare(
              `WITH RECURSIVE sub(id) AS (SELECT "Id" FROM "UserRole" WHERE "ParentRoleId" = ? AND "IsDeleted" = 0
               UNION SELECT r."Id" FROM "UserRole" r JOIN sub ON r."ParentRoleId" = sub.id WHERE r."IsDeleted" = 0)
               SELECT u."Id" AS id FROM "User" u WHERE u."UserRoleId" IN (SELECT id FROM sub)`,
            )
            .all(roleId) as { id: string }[]
        ).map((r) => r.id)
      : [];
    this.owners = [userId, ...below];
    const above = roleId
      ? (
          db
            .prepare(
              `WITH RECURSIVE up(id, parent, name) AS (SELECT "Id", "ParentRoleId", "DeveloperName" FROM "UserRole" WHERE "Id" = ?
               UNION SELECT r."Id", r."ParentRoleId", r."DeveloperName" FROM "UserRole" r JOIN up ON r."Id" = up.parent)
               SELECT name FROM up`,
            )
            .all(roleId) as { name: string }[]
        ).map((r) => r.name)
      : [];
    this.roleName = above[0];
    this.rolesAtOrAbove = new Set(above);
    const groups = db
      .prepare(
        `WITH RECURSIVE g(id) AS (SELECT "GroupId" FROM "GroupMember" WHERE "UserOrGroupId" = ? AND "IsDeleted" = 0
         UNION SELECT m."GroupId" FROM "GroupMember" m JOIN g ON m."UserOrGroupId" = g.id WHERE m."IsDeleted" = 0)
         SELECT gr."Id" AS id, gr."DeveloperName" AS name FROM "Group" gr WHERE gr."Id" IN (SELECT id FROM g)`,
      )
      .all(userId) as { id: string; name: string }[];
    this.groupIds = groups.map((g) => g.id);
    this.groupNames = new Set(groups.map((g) => g.name));
    if (!this.admin) this.#grant(engine.permissionSetsOf(userId));
  }

  #grant(permissionSets: string[]): void {
    for (const [name, p] of Object.entries(STANDARD_USER_OBJECTS)) this.#objects.set(name, { ...p });
    for (const name of permissionSets) {
      const set = this.#engine.schema.permissionSets.get(name);
      if (!set) continue;
      for (const [object, p] of set.objects) {
        const current = this.#objects.get(object) ?? { ...NO_ACCESS };
        for (const key of Object.keys(p) as (keyof ObjectPermissionsDef)[]) current[key] ||= p[key];
        this.#objects.set(object, current);
      }
      for (const [field, p] of set.fields) {
        const current = this.#fields.get(field) ?? { readable: false, editable: false };
        this.#fields.set(field, { readable: current.readable || p.readable, editable: current.editable || p.editable });
      }
    }
    // Dependencies Salesforce enforces on permissions: Modify All implies View All and full CRUD; View
    // All, create, edit and delete imply read.
    for (const p of this.#objects.values()) {
      if (p.modifyAllRecords) Object.assign(p, FULL_ACCESS);
      if (p.viewAllRecords || p.allowCreate || p.allowEdit || p.allowDelete) p.allowRead = true;
    }
  }

  objectPermissions(object: ObjectDef): ObjectPermissionsDef {
    if (this.admin) return FULL_ACCESS;
    return this.#objects.get(object.name) ?? NO_ACCESS;
  }

  canReadObject(object: ObjectDef): boolean {
    return this.admin || this.objectPermissions(object).allowRead;
  }

  /** Field-level security: readable (fields without FLS follow the object). */
  canReadField(object: ObjectDef, field: FieldDef): boolean {
    if (this.admin) return true;
    if (!this.canReadObject(object)) return false;
    if (!field.custom || !field.permissionable) return true;
    const p = this.#fields.get(`${object.name}.${field.name}`);
    return !!p && (p.readable || p.editable);
  }

  /** Field-level security: editable (the field itself must also be createable / updateable). */
  canEditField(object: ObjectDef, field: FieldDef): boolean {
    if (this.admin || !field.custom || !field.permissionable) return this.canReadField(object, field);
    return this.#fields.get(`${object.name}.${field.name}`)?.editable === true;
  }

  /** The user reaches every record of the object for this access (admin, View All, Modify All). */
  reachesAll(object: ObjectDef, access: RecordAccess): boolean {
    if (this.admin) return true;
    const p = this.objectPermissions(object);
    return access === 'read' ? p.viewAllRecords || p.modifyAllRecords : p.modifyAllRecords;
  }

  /**
   * An SQL condition on `alias` (a row of `object`) that holds for the records the user may read,
   * edit or delete; undefined when every record qualifies. Parameters go through `param`.
   */
  recordFilter(
    object: ObjectDef,
    alias: string,
    access: RecordAccess,
    param: ParamSink,
    depth = 0,
  ): string | undefined {
    if (this.reachesAll(object, access)) return undefined;
    if (object.name === 'Contact') return this.#contactFilter(alias, access, param, depth);
    if (object.name === 'Task') return this.#taskFilter(alias, access, param, depth);
    switch (object.sharingModel) {
      case 'ControlledByParent':
        return this.#parentFilter(object, alias, access, param, depth);
      case 'ReadWrite':
      case 'FullAccess':
        return access === 'delete' ? this.#ownedSql(alias, param) : undefined;
      case 'Read':
        if (access === 'read') return undefined;
        return access === 'edit' ? this.#ownedOrSharedSql(object, alias, access, param) : this.#ownedSql(alias, param);
      default:
        return access === 'delete'
          ? this.#ownedSql(alias, param)
          : this.#ownedOrSharedSql(object, alias, access, param);
    }
  }

  /** Owned by the user, by someone below them in the role hierarchy, or by one of their queues. */
  #ownedSql(alias: string, param: ParamSink): string {
    const owners = JSON.stringify([...this.owners, ...this.groupIds]);
    return `${alias}."OwnerId" IN (SELECT value FROM json_each(${param(owners)}))`;
  }

  #ownedOrSharedSql(object: ObjectDef, alias: string, access: RecordAccess, param: ParamSink): string {
    const parts = [this.#ownedSql(alias, param)];
    for (const rule of this.#engine.schema.sharingRules) {
      if (rule.object !== object.name || !this.#receives(rule)) continue;
      if (access !== 'read' && rule.accessLevel !== 'Edit') continue;
      parts.push(criteriaSql(object, rule, alias, param));
    }
    return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
  }

  /** The rule shares with this user (all internal users, one of their groups, their role or one above). */
  #receives(rule: SharingRuleDef): boolean {
    return rule.sharedTo.some((to) => {
      switch (to.type) {
        case 'allInternalUsers':
          return true;
        case 'group':
          return !!to.name && this.groupNames.has(to.name);
        case 'role':
          return to.name === this.roleName;
        case 'roleAndSubordinates':
        case 'roleAndSubordinatesInternal':
          return !!to.name && this.rolesAtOrAbove.has(to.name);
        default:
          return false;
      }
    });
  }

  /** Controlled by parent: the master's access (read on it suffices with writeRequiresMasterRead). */
  #parentFilter(object: ObjectDef, alias: string, access: RecordAccess, param: ParamSink, depth: number) {
    const link = [...object.fields.values()].find((f) => f.masterDetail);
    const master = link && findObject(this.#engine.schema, link.referenceTo[0]);
    if (!link || !master) return undefined;
    const masterAccess: RecordAccess = access === 'read' || link.writeRequiresMasterRead ? 'read' : 'edit';
    const inner = `m${depth}`;
    const filter = this.recordFilter(master, inner, masterAccess, param, depth + 1);
    if (filter === undefined) return undefined;
    return `${alias}.${q(link.name)} IN (SELECT ${inner}."Id" FROM ${q(master.name)} ${inner} WHERE ${filter})`;
  }

  /**
   * Contact (Controlled by Parent): its account's access; the owner keeps their own contacts. A contact
   * without an account is private to its owner (no hierarchy, no sharing rules).
   */
  #contactFilter(alias: string, access: RecordAccess, param: ParamSink, depth: number) {
    const account = findObject(this.#engine.schema, 'Account')!;
    const owned = this.#ownedSql(alias, param);
    const self = `${alias}."OwnerId" = ${param(this.userId)}`;
    const inner = `m${depth}`;
    const accountAccess: RecordAccess = access === 'read' ? 'read' : 'edit';
    const filter = this.recordFilter(account, inner, accountAccess, param, depth + 1);
    const viaAccount =
      filter === undefined
        ? `${alias}."AccountId" IS NOT NULL`
        : `${alias}."AccountId" IN (SELECT ${inner}."Id" FROM "Account" ${inner} WHERE ${filter})`;
    return `((${alias}."AccountId" IS NULL AND ${self}) OR (${alias}."AccountId" IS NOT NULL AND (${owned} OR ${viaAccount})))`;
  }

  /** Task: its owner (and their managers), or whoever has the access to the record it relates to. */
  #taskFilter(alias: string, access: RecordAccess, param: ParamSink, depth: number): string {
    const parts = [this.#ownedSql(alias, param)];
    const related: RecordAccess = access === 'read' ? 'read' : 'edit';
    for (const object of this.#engine.schema.objects.values()) {
      if (!object.activities || !this.canReadObject(object)) continue;
      const column = object.name === 'Contact' ? 'WhoId' : 'WhatId';
      const inner = `m${depth}`;
      const filter = this.recordFilter(object, inner, related, param, depth + 1);
      parts.push(
        filter === undefined
          ? `substr(${alias}.${q(column)}, 1, 3) = ${param(object.keyPrefix)}`
          : `${alias}.${q(column)} IN (SELECT ${inner}."Id" FROM ${q(object.name)} ${inner} WHERE ${filter})`,
      );
    }
    return `(${parts.join(' OR ')})`;
  }
}

/** A sharing rule's criteria as SQL (items ANDed, or combined by its booleanFilter "1 AND (2 OR 3)"). */
function criteriaSql(object: ObjectDef, rule: SharingRuleDef, alias: string, param: ParamSink): string {
  const items = rule.criteria.map((item) => criterionSql(object, item, alias, param));
  if (!items.length) return '1';
  if (!rule.booleanFilter) return `(${items.join(' AND ')})`;
  return `(${rule.booleanFilter.replace(/\d+/g, (n) => items[Number(n) - 1] ?? '0')})`;
}

function criterionSql(
  object: ObjectDef,
  item: { field: string; operation: string; value: string },
  alias: string,
  param: ParamSink,
): string {
  const field = findField(object, item.field);
  if (!field) return '0';
  const column = `${alias}.${q(field.name)}`;
  const numeric = ['double', 'currency', 'percent', 'int'].includes(field.type);
  const encode = (v: string): string | number =>
    field.type === 'boolean' ? (v.toLowerCase() === 'true' ? 1 : 0) : numeric ? Number(v) : v;
  const values = item.value.split(',').map((v) => v.trim());
  const nocase = numeric || field.type === 'boolean' ? '' : ' COLLATE NOCASE';
  const list = () => values.map((v) => param(encode(v))).join(', ');
  switch (item.operation) {
    case 'equals':
      return `${column}${nocase} IN (${list()})`;
    case 'notEqual':
      return `(${column} IS NULL OR ${column}${nocase} NOT IN (${list()}))`;
    case 'lessThan':
      return `${column} < ${param(encode(values[0]))}`;
    case 'greaterThan':
      return `${column} > ${param(encode(values[0]))}`;
    case 'lessOrEqual':
      return `${column} <= ${param(encode(values[0]))}`;
    case 'greaterOrEqual':
      return `${column} >= ${param(encode(values[0]))}`;
    case 'startsWith':
      return `(${values.map((v) => `${column} LIKE ${param(`${v}%`)}`).join(' OR ')})`;
    case 'contains':
      return `(${values.map((v) => `${column} LIKE ${param(`%${v}%`)}`).join(' OR ')})`;
    case 'notContain':
      return `(${column} IS NULL OR NOT (${values.map((v) => `${column} LIKE ${param(`%${v}%`)}`).join(' OR ')}))`;
    default:
      throw new SfError(
        'UNKNOWN_EXCEPTION',
        `sharing rule operation ${item.operation} is not supported by the local org`,
        [],
        500,
      );
  }
}

/** The security facts of every user, cached until a user, role, group or assignment changes. */
export class Security {
  readonly #engine: Engine;
  readonly #cache = new Map<string, UserAccess>();

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  forUser(userId: string): UserAccess {
    let access = this.#cache.get(userId);
    if (!access) {
      access = new UserAccess(this.#engine, userId);
      this.#cache.set(userId, access);
    }
    return access;
  }

  /** Access to check for a user: undefined for admins, who pass every check. */
  restricted(userId: string): UserAccess | undefined {
    const access = this.forUser(userId);
    return access.admin ? undefined : access;
  }

  invalidate(): void {
    this.#cache.clear();
  }

  /** The user may read / edit / delete this record (object permission aside). */
  hasRecordAccess(access: UserAccess, object: ObjectDef, id: string, kind: RecordAccess): boolean {
    const params: Record<string, string | number | null> = { id };
    let n = 0;
    const param: ParamSink = (value) => {
      const name = `s${n++}`;
      params[name] = value;
      return `$${name}`;
    };
    const filter = access.recordFilter(object, 't', kind, param);
    if (filter === undefined) return true;
    const row = this.#engine
      .statement(`SELECT 1 AS ok FROM ${q(object.name)} t WHERE t."Id" = $id AND ${filter}`)
      .get(params);
    return row !== undefined;
  }

  /**
   * The pending approval that locks this record for the user, if any: one on the record itself or on
   * its master (details of a locked master are locked too). Admins and, where the process allows it,
   * the current approvers may still edit.
   */
  lockingApproval(access: UserAccess, object: ObjectDef, row: Record<string, unknown>): string | undefined {
    if (access.reachesAll(object, 'edit')) return undefined;
    const targets = [String(row.Id)];
    for (const field of object.fields.values())
      if (field.masterDetail && typeof row[field.name] === 'string') targets.push(String(row[field.name]));
    for (const target of targets) {
      const instance = this.#engine
        .statement(
          'SELECT "Id", "ProcessDefinitionName" AS process FROM "ProcessInstance" WHERE "TargetObjectId" = ? AND "Status" = \'Pending\' AND "IsDeleted" = 0',
        )
        .get(target) as { Id: string; process: string } | undefined;
      if (!instance) {
        // A master's own master (a detail two levels down) locks it as well.
        if (target !== targets[0]) {
          const masterObject = this.#engine.objectForId(target);
          const masterRow = masterObject && this.#engine.row(masterObject, target);
          if (masterObject && masterRow && masterObject !== object) {
            const deeper = [...masterObject.fields.values()].some((f) => f.masterDetail);
            if (deeper) {
              const found = this.lockingApproval(access, masterObject, masterRow);
              if (found) return found;
            }
          }
        }
        continue;
      }
      const process = this.#engine.schema.approvalProcesses.find((p) => p.name === instance.process);
      if (process?.recordEditability === 'AdminOrCurrentApprover' && this.isCurrentApprover(access, instance.Id))
        continue;
      return target;
    }
    return undefined;
  }

  /** The user is an actor of a pending work item of the instance (themselves, or through a queue). */
  isCurrentApprover(access: UserAccess, instanceId: string): boolean {
    const actors = this.#engine
      .statement(
        'SELECT "ActorId" AS id FROM "ProcessInstanceWorkitem" WHERE "ProcessInstanceId" = ? AND "IsDeleted" = 0',
      )
      .all(instanceId) as { id: string }[];
    return actors.some((a) => this.canActAs(access, a.id));
  }

  /** A work item assigned to `actorId` is the user's: it is them, a queue they belong to, or they are an admin. */
  canActAs(access: UserAccess, actorId: string): boolean {
    return access.admin || actorId === access.userId || access.groupIds.includes(actorId);
  }
}

/** The user may read this field (absent fields are unreadable). Used by GraphQL's @optional. */
export function canReadField(engine: Engine, userId: string, objectName: string, fieldName: string): boolean {
  const object = findObject(engine.schema, objectName);
  const field = object && findField(object, fieldName);
  return !!object && !!field && engine.security.forUser(userId).canReadField(object, field);
}

/** Salesforce's answer to a write the user's access does not allow. */
export const insufficientAccess = () =>
  new SfError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', [], 400);

export const insufficientCrossReference = (field: string) =>
  new SfError('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'insufficient access rights on cross-reference id', [
    field,
  ]);

export const entityIsLocked = () => new SfError('ENTITY_IS_LOCKED', 'the entity is locked for editing', [], 400);
