// The org's people beyond the admin: users with a manager, permission sets and group membership,
// each with their own session token, plus the package's queues and public groups. The preview's user
// picker and the browser tests act as a field rep, their manager and a compliance officer through them.
import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.ts';
import { SfError } from './errors.ts';

/** A role of the role hierarchy (UserRole): managers see what the users in the roles below theirs own. */
export interface RoleSpec {
  developerName: string;
  /** Label; defaults to the developer name with spaces. */
  name?: string;
  /** DeveloperName of the parent role (it must exist). */
  parent?: string;
}

export interface UserSpec {
  username: string;
  firstName: string;
  lastName: string;
  email?: string;
  title?: string;
  /** Username of the user's manager (approval steps route to them). */
  manager?: string;
  permissionSets?: string[];
  /** DeveloperNames of public groups the user belongs to (queues include groups). */
  groups?: string[];
  /** The user's role: the DeveloperName of an existing role, or a role to create if it does not exist. */
  role?: string | RoleSpec;
}

export interface OrgUser {
  id: string;
  username: string;
  name: string;
  title: string | null;
  accessToken: string;
  permissionSets: string[];
  /** DeveloperName of the user's role, or null. */
  role: string | null;
}

const roleIdOf = (engine: Engine, developerName: string) =>
  (
    engine.db
      .prepare('SELECT "Id" FROM "UserRole" WHERE "DeveloperName" = ? AND "IsDeleted" = 0')
      .get(developerName) as { Id: string } | undefined
  )?.Id;

/** Creates the role (or updates its name and parent); returns its id. */
export function ensureRole(engine: Engine, spec: RoleSpec, ctx: { userId: string }): string {
  if (!spec.developerName || !/^[A-Za-z][A-Za-z0-9_]*$/.test(spec.developerName))
    throw new SfError('INVALID_FIELD', 'A role needs a developerName (letters, digits and underscores).', [
      'DeveloperName',
    ]);
  return engine.transaction(() => {
    let parentId: string | null = null;
    if (spec.parent) {
      parentId = roleIdOf(engine, spec.parent) ?? null;
      if (!parentId)
        throw new SfError('INVALID_CROSS_REFERENCE_KEY', `Parent role ${spec.parent} does not exist; create it first.`);
    }
    const values = {
      Name: spec.name ?? spec.developerName.replace(/_/g, ' '),
      DeveloperName: spec.developerName,
      ParentRoleId: parentId,
    };
    const existing = roleIdOf(engine, spec.developerName);
    if (existing) {
      engine.update('UserRole', existing, values, ctx);
      return existing;
    }
    return engine.insert('UserRole', values, ctx);
  });
}

/** Every role with its parent's DeveloperName. */
export function listRoles(
  engine: Engine,
): { id: string; developerName: string; name: string; parent: string | null }[] {
  return engine.db
    .prepare(
      'SELECT r."Id" AS id, r."DeveloperName" AS developerName, r."Name" AS name, p."DeveloperName" AS parent FROM "UserRole" r LEFT JOIN "UserRole" p ON p."Id" = r."ParentRoleId" WHERE r."IsDeleted" = 0 ORDER BY r."CreatedDate", r."Id"',
    )
    .all() as { id: string; developerName: string; name: string; parent: string | null }[];
}

function ensureTables(engine: Engine): void {
  engine.db.exec('CREATE TABLE IF NOT EXISTS _sessions (token TEXT PRIMARY KEY, user_id TEXT NOT NULL UNIQUE)');
}

/** Creates the package's queues and public groups (and the groups inside each queue) once. */
export function ensureGroups(engine: Engine, ctx: { userId: string }): void {
  const idOf = (developerName: string, type: string) =>
    (
      engine.db
        .prepare('SELECT "Id" FROM "Group" WHERE "DeveloperName" = ? AND "Type" = ?')
        .get(developerName, type) as { Id: string } | undefined
    )?.Id;
  engine.transaction(() => {
    for (const group of engine.schema.groups)
      if (!idOf(group.developerName, group.type))
        engine.insert(
          'Group',
          { Name: group.name.slice(0, 40), DeveloperName: group.developerName, Type: group.type },
          ctx,
        );
    for (const queue of engine.schema.groups.filter((g) => g.type === 'Queue')) {
      const queueId = idOf(queue.developerName, 'Queue')!;
      for (const member of queue.memberGroups) {
        const groupId = idOf(member, 'Regular');
        if (groupId) addMember(engine, queueId, groupId, ctx);
      }
    }
  });
}

function addMember(engine: Engine, groupId: string, memberId: string, ctx: { userId: string }): void {
  const exists = engine.db
    .prepare('SELECT 1 FROM "GroupMember" WHERE "GroupId" = ? AND "UserOrGroupId" = ? AND "IsDeleted" = 0')
    .get(groupId, memberId);
  if (!exists) engine.insert('GroupMember', { GroupId: groupId, UserOrGroupId: memberId }, ctx);
}

/** Creates or updates a user by username; returns it with its session token. */
export function ensureUser(engine: Engine, spec: UserSpec, ctx: { userId: string }): OrgUser {
  ensureTables(engine);
  return engine.transaction(() => {
    const find = (username: string) =>
      (engine.db.prepare('SELECT "Id" FROM "User" WHERE "Username" = ?').get(username) as { Id: string } | undefined)
        ?.Id;
    let managerId: string | null = null;
    if (spec.manager) {
      managerId = find(spec.manager) ?? null;
      if (!managerId)
        throw new SfError('INVALID_CROSS_REFERENCE_KEY', `Manager ${spec.manager} does not exist; create them first.`);
    }
    const profileId =
      (
        engine.db.prepare('SELECT "Id" FROM "Profile" WHERE "Name" = ?').get('Standard User') as
          { Id: string } | undefined
      )?.Id ?? engine.insert('Profile', { Name: 'Standard User' }, ctx);
    let roleId: string | null | undefined;
    if (typeof spec.role === 'string') {
      roleId = roleIdOf(engine, spec.role);
      if (!roleId)
        throw new SfError('INVALID_CROSS_REFERENCE_KEY', `Role ${spec.role} does not exist; create it first.`);
    } else if (spec.role) roleId = ensureRole(engine, spec.role, ctx);
    const values = {
      FirstName: spec.firstName,
      LastName: spec.lastName,
      Email: spec.email ?? spec.username,
      Alias: (spec.firstName[0] + spec.lastName)
        .toLowerCase()
        .replace(/[^a-z]/g, '')
        .slice(0, 8),
      Title: spec.title ?? null,
      ManagerId: managerId,
      IsActive: true,
      ...(roleId !== undefined ? { UserRoleId: roleId } : {}),
    };
    let id = find(spec.username);
    if (id) engine.update('User', id, values, ctx);
    else
      id = engine.insert(
        'User',
        {
          ...values,
          Username: spec.username,
          ProfileId: profileId,
          TimeZoneSidKey: 'UTC',
          LocaleSidKey: 'en_US',
          LanguageLocaleKey: 'en_US',
          EmailEncodingKey: 'UTF-8',
        },
        ctx,
      );
    for (const permissionSet of spec.permissionSets ?? []) engine.assignPermissionSet(id, permissionSet);
    for (const group of spec.groups ?? []) {
      const groupId = (
        engine.db.prepare('SELECT "Id" FROM "Group" WHERE "DeveloperName" = ? AND "Type" = \'Regular\'').get(group) as
          { Id: string } | undefined
      )?.Id;
      if (!groupId)
        throw new SfError('INVALID_CROSS_REFERENCE_KEY', `Public group ${group} does not exist in this org.`);
      addMember(engine, groupId, id, ctx);
    }
    return describeUser(engine, id);
  });
}

function describeUser(engine: Engine, id: string): OrgUser {
  const row = engine.db
    .prepare(
      'SELECT u."Username", u."Name", u."Title", r."DeveloperName" AS role FROM "User" u LEFT JOIN "UserRole" r ON r."Id" = u."UserRoleId" WHERE u."Id" = ?',
    )
    .get(id) as { Username: string; Name: string; Title: string | null; role: string | null };
  return {
    id,
    username: row.Username,
    name: row.Name,
    title: row.Title,
    accessToken: sessionTokenFor(engine, id),
    permissionSets: engine.permissionSetsOf(id),
    role: row.role ?? null,
  };
}

/** The user's session token (one per user, kept across restarts like the admin's). */
export function sessionTokenFor(engine: Engine, userId: string): string {
  ensureTables(engine);
  const existing = engine.db.prepare('SELECT token FROM _sessions WHERE user_id = ?').get(userId) as
    { token: string } | undefined;
  if (existing) return existing.token;
  const orgId = (engine.db.prepare('SELECT value FROM _meta WHERE key = ?').get('orgId') as { value: string }).value;
  const token = `${orgId.slice(0, 15)}!${randomBytes(32).toString('hex')}`;
  engine.db.prepare('INSERT INTO _sessions (token, user_id) VALUES (?, ?)').run(token, userId);
  return token;
}

/** The user a session token belongs to, if any. */
export function userForToken(engine: Engine, token: string): string | undefined {
  ensureTables(engine);
  return (
    engine.db.prepare('SELECT user_id FROM _sessions WHERE token = ?').get(token) as { user_id: string } | undefined
  )?.user_id;
}

/** Every active user with their token (the preview's user picker). */
export function listUsers(engine: Engine): OrgUser[] {
  const ids = engine.db.prepare('SELECT "Id" FROM "User" WHERE "IsActive" = 1 ORDER BY "CreatedDate", "Id"').all() as {
    Id: string;
  }[];
  return ids.map((r) => describeUser(engine, r.Id));
}

/**
 * The demo cast: a field rep reporting to an event manager (her role is below his in the role
 * hierarchy, so he sees and edits what she owns), and a compliance officer in the compliance review
 * queue's group and a role of her own — enough to walk an event through both approval steps.
 */
export const DEMO_USERS: UserSpec[] = [
  {
    username: 'manager@cme.local',
    firstName: 'Arjun',
    lastName: 'Mehta',
    title: 'Event Manager',
    permissionSets: ['CME_Event_Manager'],
    role: { developerName: 'CME_Event_Manager_Role', name: 'CME Event Manager' },
  },
  {
    username: 'rep@cme.local',
    firstName: 'Riya',
    lastName: 'Sharma',
    title: 'Field Representative',
    manager: 'manager@cme.local',
    permissionSets: ['CME_Field_Rep'],
    role: { developerName: 'CME_Field_Rep_Role', name: 'CME Field Rep', parent: 'CME_Event_Manager_Role' },
  },
  {
    username: 'compliance@cme.local',
    firstName: 'Lena',
    lastName: 'Fischer',
    title: 'Compliance Officer',
    permissionSets: ['CME_Compliance_Officer'],
    groups: ['CME_Compliance_Officers'],
    role: { developerName: 'CME_Compliance_Role', name: 'CME Compliance' },
  },
];
