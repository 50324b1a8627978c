// The org itself: its Organization record, the admin user and the access token, created once per
// database and kept there, so a restarted server (and a registered `sf` alias) keep working.
import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.ts';

export interface OrgIdentity {
  orgId: string;
  userId: string;
  username: string;
  accessToken: string;
}

function meta(engine: Engine, key: string): string | undefined {
  return (engine.db.prepare('SELECT value FROM _meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function setMeta(engine: Engine, key: string, value: string): void {
  engine.db
    .prepare('INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, value);
}

export interface BootstrapOptions {
  fiscalYearStartMonth: number;
  /** Use this token instead of a random one (tests). */
  accessToken?: string;
}

/** Creates the org on first start; on later starts returns what the database holds. */
export function bootstrapOrg(engine: Engine, options: BootstrapOptions): OrgIdentity {
  engine.db.exec('CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const existing = meta(engine, 'orgId');
  if (existing) {
    if (options.accessToken) setMeta(engine, 'accessToken', options.accessToken);
    engine.db.prepare('UPDATE "Organization" SET "FiscalYearStartMonth" = ?').run(options.fiscalYearStartMonth);
    return {
      orgId: existing,
      userId: meta(engine, 'userId')!,
      username: meta(engine, 'username')!,
      accessToken: meta(engine, 'accessToken')!,
    };
  }
  return engine.transaction(() => {
    const system = { userId: '005000000000000AAA', system: true };
    const orgId = engine.insert(
      'Organization',
      {
        Name: 'CME Local Org',
        FiscalYearStartMonth: options.fiscalYearStartMonth,
        DefaultLocaleSidKey: 'en_US',
        TimeZoneSidKey: 'UTC',
        LanguageLocaleKey: 'en_US',
        OrganizationType: 'Developer Edition',
        IsSandbox: false,
        InstanceName: 'LOCAL',
      },
      system,
    );
    const profileId = engine.insert('Profile', { Name: 'System Administrator' }, system);
    const username = 'admin@cme.local';
    const userId = engine.insert(
      'User',
      {
        Username: username,
        FirstName: 'CME',
        LastName: 'Admin',
        Email: 'admin@cme.local',
        Alias: 'cmeadmin',
        IsActive: true,
        ProfileId: profileId,
        TimeZoneSidKey: 'UTC',
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
      },
      system,
    );
    // The bootstrap rows name a placeholder creator; point them at the admin.
    for (const table of ['Organization', 'Profile', 'User'])
      engine.db.prepare(`UPDATE "${table}" SET "CreatedById" = ?, "LastModifiedById" = ?`).run(userId, userId);
    // The admin holds the package's admin permission set, when the package is there.
    if (engine.schema.permissionSets.has('CME_Admin')) engine.assignPermissionSet(userId, 'CME_Admin');
    // The sf CLI accepts only tokens shaped like Salesforce's: <15-character org id>!<opaque part>.
    const accessToken = options.accessToken ?? `${orgId.slice(0, 15)}!${randomBytes(32).toString('hex')}`;
    for (const [k, v] of Object.entries({ orgId, userId, username, accessToken })) setMeta(engine, k, v);
    return { orgId, userId, username, accessToken };
  });
}
