// SOQL compilation state: SQL parameters, table aliases, and the joins a query's field paths need.
import type { SQLInputValue } from 'node:sqlite';
import { baseField, findField, findRelationship } from '../schema.ts';
import type { FieldDef, ObjectDef, OrgSchema, SoapType } from '../schema.ts';
import { quoteIdent } from '../storage.ts';
import { MAX_PARENT_DEPTH } from './contracts.ts';
import type { QueryContext } from './contracts.ts';
import { malformed, noSuchColumn, unknownRelationship, unsupported } from './errors.ts';

/** Named parameters ($p0, $p1…) of one SQL statement; literals never enter SQL text. */
export class ParamBag {
  readonly values: Record<string, SQLInputValue> = {};
  #count = 0;

  add(value: SQLInputValue): string {
    const name = `p${this.#count++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/** node:sqlite refuses unknown named parameters, so each statement gets only those its text names. */
export function usedParams(sql: string, values: Record<string, SQLInputValue>): Record<string, SQLInputValue> {
  const used: Record<string, SQLInputValue> = {};
  for (const match of sql.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g))
    if (match[1] in values) used[match[1]] = values[match[1]];
  return used;
}

export interface Compilation {
  schema: OrgSchema;
  context: QueryContext;
  params: ParamBag;
  aliases: { next: number };
}

/** A LEFT JOIN to the parent(s) a reference field points to; polymorphic fields join each target. */
export interface JoinNode {
  key: string;
  fromAlias: string;
  fk: FieldDef;
  relationshipName: string;
  targets: ObjectDef[];
  aliases: string[];
  /** Per target: the running user's read condition on the parent row (a parent they cannot see is null). */
  visible: (string | undefined)[];
}

export type JoinUses = Set<JoinNode>;

export interface ResolvedField {
  sql: string;
  field: FieldDef;
  /** Canonical path segments, e.g. ['Event__r', 'Name']. */
  path: string[];
  /** The joins from the base object to the field's object, outermost first. */
  chain: JoinNode[];
}

/** A read-only field that exists only in results (polymorphic Name entity fields, aggregate values). */
export function syntheticField(name: string, type: SoapType): FieldDef {
  return baseField(name, name, type, {
    createable: false,
    updateable: false,
    nameField: name === 'Name',
    system: true,
  });
}

/** Fields of the polymorphic "Name" entity (What.Id, What.Name, What.Type). */
const NAME_ENTITY_FIELDS: Record<string, FieldDef> = {
  id: syntheticField('Id', 'id'),
  name: syntheticField('Name', 'string'),
  type: syntheticField('Type', 'string'),
};

/** One FROM object with its alias and the parent joins its field paths need. */
export class Scope {
  readonly object: ObjectDef;
  readonly alias: string;
  readonly #comp: Compilation;
  readonly #sObjectAlias: string | undefined;
  readonly #joins = new Map<string, JoinNode>();

  constructor(comp: Compilation, object: ObjectDef, sObjectAlias?: string) {
    this.#comp = comp;
    this.object = object;
    this.#sObjectAlias = sObjectAlias?.toLowerCase();
    this.alias = newAlias(comp);
  }

  /** Resolves a dotted field path (case-insensitive) to SQL, recording in `uses` the joins it needs. */
  field(path: string, uses: JoinUses): ResolvedField {
    const segments = this.#withoutAlias(path.split('.'));
    if (segments.length - 1 > MAX_PARENT_DEPTH)
      throw malformed(`A field path can traverse at most ${MAX_PARENT_DEPTH} parent relationships: ${path}`);
    let object = this.object;
    let fromAlias = this.alias;
    let parentKey = '';
    const chain: JoinNode[] = [];
    for (const name of segments.slice(0, -1)) {
      const previous = chain.at(-1);
      if (previous && previous.targets.length !== 1)
        throw unsupported(`Traversing the polymorphic relationship ${previous.relationshipName} (use of TYPEOF)`);
      const fk = findRelationship(object, name);
      if (!fk || !this.#readable(object, fk)) throw unknownRelationship(name);
      const join = this.#join(parentKey, fromAlias, fk);
      uses.add(join);
      chain.push(join);
      parentKey = join.key;
      if (join.targets.length === 1) [object, fromAlias] = [join.targets[0], join.aliases[0]];
    }
    const last = segments.at(-1)!;
    const parent = chain.at(-1);
    const canonical = chain.map((j) => j.relationshipName);
    if (parent && parent.targets.length !== 1) return this.#polymorphicField(parent, last, chain, canonical);
    const field = findField(object, last);
    if (!field || !this.#readable(object, field)) throw noSuchColumn(last, object.name);
    return { sql: `${fromAlias}.${quoteIdent(field.name)}`, field, path: [...canonical, field.name], chain };
  }

  /** SQL expression of a joined parent's Id (null when there is no parent). */
  parentIdSql(join: JoinNode): string {
    return coalesce(join.aliases.map((a) => `${a}."Id"`));
  }

  /** SQL expression naming the object a polymorphic parent row came from. */
  parentTypeSql(join: JoinNode): string {
    if (join.targets.length === 0) return 'NULL';
    const whens = join.targets.map((t, i) => `WHEN ${join.aliases[i]}."Id" IS NOT NULL THEN ${sqlString(t.name)}`);
    return `CASE ${whens.join(' ')} END`;
  }

  /** FROM clause: the table and the LEFT JOINs any of `uses` needs (parents before children). */
  fromSql(...uses: JoinUses[]): string {
    const joins = [...this.#joins.values()].filter((j) => uses.some((u) => u.has(j)));
    const sql = joins.flatMap((j) =>
      j.targets.map(
        (t, i) =>
          `LEFT JOIN ${quoteIdent(t.name)} ${j.aliases[i]} ON ${j.aliases[i]}."Id" = ${j.fromAlias}.${quoteIdent(j.fk.name)}${j.visible[i] === undefined ? '' : ` AND ${j.visible[i]}`}`,
      ),
    );
    return [`${quoteIdent(this.object.name)} ${this.alias}`, ...sql].join(' ');
  }

  /** Field-level security: a field the user cannot read does not exist for them; nor does a relationship to an object they cannot read. */
  #readable(object: ObjectDef, field: FieldDef): boolean {
    const security = this.#comp.context.security;
    if (!security) return true;
    if (!security.canReadField(object, field)) return false;
    if (field.type !== 'reference' || field.referenceTo.length !== 1) return true;
    const target = this.#comp.schema.objects.get(field.referenceTo[0]);
    return !target || security.canReadObject(target);
  }

  #withoutAlias(segments: string[]): string[] {
    if (segments.length > 1 && this.#sObjectAlias && segments[0].toLowerCase() === this.#sObjectAlias)
      return segments.slice(1);
    return segments;
  }

  #join(parentKey: string, fromAlias: string, fk: FieldDef): JoinNode {
    const key = `${parentKey}.${fk.name}`;
    const existing = this.#joins.get(key);
    if (existing) return existing;
    const targets = fk.referenceTo
      .map((name) => this.#comp.schema.objects.get(name))
      .filter((o): o is ObjectDef => o !== undefined);
    const aliases = targets.map(() => newAlias(this.#comp));
    const security = this.#comp.context.security;
    const join: JoinNode = {
      key,
      fromAlias,
      fk,
      relationshipName: fk.relationshipName!,
      targets,
      aliases,
      visible: targets.map((t, i) => security?.recordFilter(t, aliases[i], 'read', (v) => this.#comp.params.add(v))),
    };
    this.#joins.set(key, join);
    return join;
  }

  #polymorphicField(join: JoinNode, name: string, chain: JoinNode[], canonical: string[]): ResolvedField {
    const field = nameEntityField(name);
    if (!field) throw noSuchColumn(name, 'Name');
    const sql =
      field.name === 'Type'
        ? this.parentTypeSql(join)
        : field.name === 'Id'
          ? this.parentIdSql(join)
          : polymorphicNameSql(join);
    return { sql, field, path: [...canonical, field.name], chain };
  }
}

function newAlias(comp: Compilation): string {
  return `t${comp.aliases.next++}`;
}

function coalesce(parts: string[]): string {
  if (parts.length === 0) return 'NULL';
  return parts.length === 1 ? parts[0] : `COALESCE(${parts.join(', ')})`;
}

function polymorphicNameSql(join: JoinNode): string {
  return coalesce(join.targets.map((t, i) => (t.fields.has('Name') ? `${join.aliases[i]}."Name"` : 'NULL')));
}

function nameEntityField(name: string): FieldDef | undefined {
  return NAME_ENTITY_FIELDS[name.toLowerCase()];
}

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Filters every query level applies: soft-deleted rows (unless queryAll) and USING SCOPE. */
export function baseFilters(comp: Compilation, scope: Scope, usingScope: string | undefined): string[] {
  const filters = comp.context.includeDeleted ? [] : [`${scope.alias}."IsDeleted" = 0`];
  // Sharing: only the rows the running user may read (no condition at all for those who see everything).
  const visible = comp.context.security?.recordFilter(scope.object, scope.alias, 'read', (v) => comp.params.add(v));
  if (visible !== undefined) filters.push(visible);
  const mode = usingScope?.toLowerCase();
  if (mode === undefined || mode === 'everything') return filters;
  if (mode !== 'mine') throw unsupported(`USING SCOPE ${usingScope}`);
  if (!scope.object.fields.has('OwnerId'))
    throw malformed(`USING SCOPE mine is not valid for ${scope.object.name}: it has no owner`);
  return [...filters, `${scope.alias}."OwnerId" = ${comp.params.add(comp.context.userId)}`];
}
