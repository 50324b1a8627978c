// How the local org stores records in SQLite (node:sqlite): one table per object, named exactly as
// the object's API name; one column per field, named exactly as the field's API name (both quoted).
//
// Values are stored so that SQL comparison and ordering match Salesforce's:
//   string, textarea, picklist, url, email, phone, id, reference  -> TEXT
//   multipicklist -> TEXT, values joined with ';' in picklist order
//   double, currency, percent, int                                 -> REAL (percent as shown: 45.5 = 45.5 %)
//   boolean                                                        -> INTEGER 0/1 (never NULL)
//   date     -> TEXT 'YYYY-MM-DD'
//   datetime -> TEXT 'YYYY-MM-DDTHH:MM:SS.sssZ' (UTC, fixed width, so text order is time order)
// Formula and roll-up fields are materialised columns kept up to date by the engine on every write.
// Deleted records stay with IsDeleted = 1 (queryAll sees them; query does not).
import type { DatabaseSync } from 'node:sqlite';
import type { FieldDef, ObjectDef, OrgSchema } from './schema.ts';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function columnType(field: FieldDef): 'TEXT' | 'REAL' | 'INTEGER' {
  switch (field.type) {
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      return 'REAL';
    case 'boolean':
      return 'INTEGER';
    default:
      return 'TEXT';
  }
}

function createTable(db: DatabaseSync, object: ObjectDef): void {
  const columns = [...object.fields.values()].map((f) => {
    const type = columnType(f);
    if (f.name === 'Id') return `${quoteIdent('Id')} TEXT PRIMARY KEY`;
    if (f.type === 'boolean') return `${quoteIdent(f.name)} INTEGER NOT NULL DEFAULT 0`;
    return `${quoteIdent(f.name)} ${type}`;
  });
  db.exec(`CREATE TABLE IF NOT EXISTS ${quoteIdent(object.name)} (${columns.join(', ')})`);
  // Add columns for fields added to the package since the database file was created.
  const existing = new Set(
    (db.prepare(`PRAGMA table_info(${quoteIdent(object.name)})`).all() as { name: string }[]).map((c) => c.name),
  );
  for (const f of object.fields.values()) {
    if (existing.has(f.name)) continue;
    const def = f.type === 'boolean' ? 'INTEGER NOT NULL DEFAULT 0' : columnType(f);
    db.exec(`ALTER TABLE ${quoteIdent(object.name)} ADD COLUMN ${quoteIdent(f.name)} ${def}`);
  }
  // Indexes for what queries and integrity checks look up: references, unique/external ids, names.
  for (const f of object.fields.values()) {
    if (f.type === 'reference' || f.externalId || f.unique || f.nameField) {
      db.exec(
        `CREATE INDEX IF NOT EXISTS ${quoteIdent(`idx_${object.name}_${f.name}`)} ON ${quoteIdent(object.name)} (${quoteIdent(f.name)}${f.caseSensitive || f.type === 'reference' ? '' : ' COLLATE NOCASE'})`,
      );
    }
  }
}

/** Creates (or upgrades) one table per object of the schema. */
export function createTables(db: DatabaseSync, schema: OrgSchema): void {
  for (const object of schema.objects.values()) createTable(db, object);
}
