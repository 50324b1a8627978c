// The UI API GraphQL endpoint (what `lightning/graphql` sends), for record queries:
//   query { uiapi { query { Object(where: …, orderBy: …, first: n, after: cursor) {
//     edges { node { Id Field { value displayValue } Parent__r { Name { value } }
//                    Children__r(first: n, where: …, orderBy: …) { edges { node { … } } } } cursor }
//     totalCount pageInfo { hasNextPage endCursor } } } } }
// Each connection is translated to one SOQL query and run by the org's SOQL engine, so the schema
// checks, filters and ordering are the ones REST clients get. Filters: eq ne lt lte gt gte like in nin
// includes excludes, and/or/not, parent relationships, { value: … } and { literal: TODAY }-style
// date literals. Variables, aliases and fragments work; mutations and aggregates are refused with an
// error naming them (never a silently different answer).
import { Kind, parse } from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { findField, findObject } from './schema.ts';
import type { FieldDef, ObjectDef, OrgSchema } from './schema.ts';
import type { PreparedQuery, QueryDatabase, QueryRecord } from './soql.ts';
import { displayValueOf, uiValueOf } from './ui-api.ts';

export interface GraphqlRequest {
  query?: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface GraphqlResponse {
  data: unknown;
  errors: { message: string; locations?: unknown[]; path?: string[] }[];
}

export interface GraphqlDeps {
  schema: OrgSchema;
  db: QueryDatabase;
  prepare: (soql: string) => PreparedQuery;
}

const DEFAULT_FIRST = 10;
const MAX_FIRST = 2000;

class GraphqlError extends Error {}

const OPERATORS: Record<string, string> = {
  eq: '=',
  ne: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  like: 'LIKE',
  in: 'IN',
  nin: 'NOT IN',
  includes: 'INCLUDES',
  excludes: 'EXCLUDES',
};

export function runGraphql(request: GraphqlRequest, deps: GraphqlDeps): GraphqlResponse {
  try {
    if (!request.query) throw new GraphqlError('The request has no query.');
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      throw new GraphqlError(`Invalid Syntax : ${(error as Error).message}`);
    }
    const run = new Run(document, request.variables ?? {}, deps);
    return { data: run.execute(request.operationName ?? undefined), errors: [] };
  } catch (error) {
    if (error instanceof GraphqlError) return { data: null, errors: [{ message: error.message }] };
    const code = (error as { errorCode?: string }).errorCode;
    if (code) return { data: null, errors: [{ message: `${code}: ${(error as Error).message}` }] };
    throw error;
  }
}

/** A selected field with its response key (alias or name). */
interface Selected {
  key: string;
  node: FieldNode;
}

class Run {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly document: DocumentNode;
  private readonly variables: Record<string, unknown>;
  private readonly deps: GraphqlDeps;

  constructor(document: DocumentNode, variables: Record<string, unknown>, deps: GraphqlDeps) {
    this.document = document;
    this.variables = variables;
    this.deps = deps;
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  execute(operationName?: string): unknown {
    const operations = this.document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    if (!operation) throw new GraphqlError(`Unknown operation ${operationName ?? ''}`.trim());
    if (operation.operation !== 'query')
      throw new GraphqlError(`${operation.operation} operations are not supported by the local org`);
    const data: Record<string, unknown> = {};
    for (const top of this.fields(operation.selectionSet)) {
      if (top.node.name.value !== 'uiapi') throw new GraphqlError(`Field '${top.node.name.value}' is undefined`);
      const uiapi: Record<string, unknown> = {};
      for (const part of this.fields(top.node.selectionSet)) {
        if (part.node.name.value !== 'query')
          throw new GraphqlError(`uiapi.${part.node.name.value} is not supported by the local org`);
        const query: Record<string, unknown> = {};
        for (const connection of this.fields(part.node.selectionSet)) {
          const object = findObject(this.deps.schema, connection.node.name.value);
          if (!object)
            throw new GraphqlError(
              `Validation error (FieldUndefined@[uiapi/query/${connection.node.name.value}]) : Field '${connection.node.name.value}' in type 'RecordQuery' is undefined`,
            );
          query[connection.key] = this.topConnection(object, connection.node);
        }
        uiapi[part.key] = query;
      }
      data[top.key] = uiapi;
    }
    return data;
  }

  // ------------------------------------------------------------------ selections

  private fields(set: SelectionSetNode | undefined): Selected[] {
    const out: Selected[] = [];
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.push({ key: s.alias?.value ?? s.name.value, node: s });
      else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...this.fields(s.selectionSet));
      else {
        const fragment = this.fragments.get(s.name.value);
        if (!fragment) throw new GraphqlError(`Unknown fragment ${s.name.value}`);
        out.push(...this.fields(fragment.selectionSet));
      }
    }
    return out;
  }

  private args(node: FieldNode): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const a of node.arguments ?? []) out[a.name.value] = this.value(a.value);
    return out;
  }

  private value(node: ValueNode): unknown {
    switch (node.kind) {
      case Kind.VARIABLE:
        return this.variables[node.name.value] ?? null;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.STRING:
      case Kind.ENUM:
        return node.value;
      case Kind.BOOLEAN:
        return node.value;
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return node.values.map((v) => this.value(v));
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f) => [f.name.value, this.value(f.value)]));
    }
  }

  /** The node selection of a connection (edges { node { … } }). */
  private nodeSelection(connection: FieldNode): SelectionSetNode | undefined {
    for (const part of this.fields(connection.selectionSet))
      if (part.node.name.value === 'edges')
        for (const e of this.fields(part.node.selectionSet))
          if (e.node.name.value === 'node') return e.node.selectionSet;
    return undefined;
  }

  // ------------------------------------------------------------------ SOQL

  /** SOQL select items for a node selection, with prefix for parent paths. */
  private selectList(object: ObjectDef, set: SelectionSetNode | undefined, prefix: string): string[] {
    const items = new Set<string>([`${prefix}Id`]);
    for (const { node } of this.fields(set)) {
      const name = node.name.value;
      if (name === 'Id' || name === '__typename' || name === 'ApiName' || name === 'WeakEtag') continue;
      const field = findField(object, name);
      if (field) {
        items.add(`${prefix}${field.name}`);
        continue;
      }
      const parent = parentField(object, name);
      if (parent) {
        const target = findObject(this.deps.schema, parent.referenceTo[0] ?? '');
        if (!target) throw new GraphqlError(`${object.name}.${name} points to an unknown object`);
        for (const item of this.selectList(target, node.selectionSet, `${prefix}${parent.relationshipName}.`))
          items.add(item);
        continue;
      }
      const child = object.childRelationships.find((c) => c.relationshipName?.toLowerCase() === name.toLowerCase());
      if (child && !prefix) {
        const childObject = findObject(this.deps.schema, child.childSObject);
        if (!childObject) throw new GraphqlError(`${object.name}.${name} points to an unknown object`);
        const args = this.args(node);
        const where = args.where ? ` WHERE ${this.condition(childObject, args.where, '')}` : '';
        const orderBy = args.orderBy ? ` ORDER BY ${this.ordering(childObject, args.orderBy, '')}` : '';
        const first = limitOf(args.first);
        items.add(
          `(SELECT ${this.selectList(childObject, this.nodeSelection(node), '').join(', ')} FROM ${child.relationshipName}${where}${orderBy} LIMIT ${first})`,
        );
        continue;
      }
      throw new GraphqlError(
        `Validation error (FieldUndefined@[${object.name}/${name}]) : Field '${name}' in type '${object.name}' is undefined`,
      );
    }
    return [...items];
  }

  private condition(object: ObjectDef, filter: unknown, prefix: string): string {
    if (!filter || typeof filter !== 'object') throw new GraphqlError('where must be an object');
    const parts: string[] = [];
    for (const [key, spec] of Object.entries(filter as Record<string, unknown>)) {
      if (spec === undefined) continue;
      if (key === 'and' || key === 'or') {
        // Each operand in parentheses: an operand with several keys is itself an AND.
        const list = (Array.isArray(spec) ? spec : [spec]).map((f) => `(${this.condition(object, f, prefix)})`);
        if (list.length) parts.push(`(${list.join(key === 'and' ? ' AND ' : ' OR ')})`);
        continue;
      }
      if (key === 'not') {
        parts.push(`(NOT (${this.condition(object, spec, prefix)}))`);
        continue;
      }
      const field = key === 'Id' ? findField(object, 'Id') : findField(object, key);
      if (field) {
        for (const [op, operand] of Object.entries(spec as Record<string, unknown>)) {
          const sqlOp = OPERATORS[op];
          if (!sqlOp) throw new GraphqlError(`Unknown filter operator ${op} on ${object.name}.${key}`);
          const literal = Array.isArray(operand)
            ? `(${operand.map((v) => literalOf(field, v)).join(', ')})`
            : literalOf(field, operand);
          parts.push(`${prefix}${field.name} ${sqlOp} ${literal}`);
        }
        continue;
      }
      const parent = parentField(object, key);
      const target = parent && findObject(this.deps.schema, parent.referenceTo[0] ?? '');
      if (parent && target) {
        parts.push(this.condition(target, spec, `${prefix}${parent.relationshipName}.`));
        continue;
      }
      throw new GraphqlError(`Field '${key}' in filter of ${object.name} is undefined`);
    }
    return parts.length ? parts.join(' AND ') : 'Id != null';
  }

  private ordering(object: ObjectDef, orderBy: unknown, prefix: string): string {
    const parts: string[] = [];
    for (const [key, spec] of Object.entries((orderBy ?? {}) as Record<string, Record<string, unknown>>)) {
      const field = findField(object, key);
      if (field) {
        const direction = String(spec.order ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
        const nulls = spec.nulls ? ` NULLS ${String(spec.nulls).toUpperCase() === 'LAST' ? 'LAST' : 'FIRST'}` : '';
        parts.push(`${prefix}${field.name} ${direction}${nulls}`);
        continue;
      }
      const parent = parentField(object, key);
      const target = parent && findObject(this.deps.schema, parent.referenceTo[0] ?? '');
      if (!parent || !target) throw new GraphqlError(`Field '${key}' in orderBy of ${object.name} is undefined`);
      parts.push(this.ordering(target, spec, `${prefix}${parent.relationshipName}.`));
    }
    return parts.join(', ');
  }

  // ------------------------------------------------------------------ results

  private topConnection(object: ObjectDef, node: FieldNode): unknown {
    const args = this.args(node);
    const first = limitOf(args.first);
    const skip = args.after ? cursorOffset(String(args.after)) : 0;
    const where = args.where ? ` WHERE ${this.condition(object, args.where, '')}` : '';
    const orderBy = args.orderBy ? ` ORDER BY ${this.ordering(object, args.orderBy, '')}` : '';
    const soql = `SELECT ${this.selectList(object, this.nodeSelection(node), '').join(', ')} FROM ${object.name}${where}${orderBy}`;
    const prepared = this.deps.prepare(soql);
    const records: QueryRecord[] = [];
    for (const r of prepared.records(this.deps.db, '66.0', skip)) {
      records.push(r);
      if (records.length > first) break;
    }
    const hasNextPage = records.length > first;
    const page = records.slice(0, first);
    const wantsTotal = this.fields(node.selectionSet).some((f) => f.node.name.value === 'totalCount');
    const total = wantsTotal ? prepared.totalSize(this.deps.db) : page.length;
    return this.connection(object, node, page, { skip, hasNextPage, total });
  }

  private connection(
    object: ObjectDef,
    node: FieldNode,
    records: QueryRecord[],
    page: { skip: number; hasNextPage: boolean; total: number },
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const part of this.fields(node.selectionSet)) {
      const name = part.node.name.value;
      if (name === 'edges')
        out[part.key] = records.map((r, i) => {
          const edge: Record<string, unknown> = {};
          for (const e of this.fields(part.node.selectionSet))
            if (e.node.name.value === 'node') edge[e.key] = this.record(object, e.node.selectionSet, r);
            else if (e.node.name.value === 'cursor') edge[e.key] = cursorOf(page.skip + i + 1);
            else if (e.node.name.value === '__typename') edge[e.key] = `${object.name}Edge`;
          return edge;
        });
      else if (name === 'totalCount') out[part.key] = page.total;
      else if (name === 'pageInfo') {
        const info: Record<string, unknown> = {};
        for (const p of this.fields(part.node.selectionSet)) {
          const field = p.node.name.value;
          if (field === 'hasNextPage') info[p.key] = page.hasNextPage;
          else if (field === 'hasPreviousPage') info[p.key] = page.skip > 0;
          else if (field === 'startCursor') info[p.key] = records.length ? cursorOf(page.skip + 1) : null;
          else if (field === 'endCursor') info[p.key] = records.length ? cursorOf(page.skip + records.length) : null;
        }
        out[part.key] = info;
      } else if (name === '__typename') out[part.key] = `${object.name}Connection`;
    }
    return out;
  }

  private record(object: ObjectDef, set: SelectionSetNode | undefined, rest: QueryRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const { key, node } of this.fields(set)) {
      const name = node.name.value;
      if (name === 'Id') out[key] = rest.Id ?? null;
      else if (name === '__typename') out[key] = object.name;
      else if (name === 'ApiName') out[key] = object.name;
      else if (name === 'WeakEtag') out[key] = 0;
      else {
        const field = findField(object, name);
        if (field) {
          const value = uiValueOf(field, rest[field.name]);
          const scalar: Record<string, unknown> = {};
          for (const sub of this.fields(node.selectionSet)) {
            const subName = sub.node.name.value;
            if (subName === 'value') scalar[sub.key] = value;
            else if (subName === 'displayValue') scalar[sub.key] = displayValueOf(field, value);
            else if (subName === 'label') scalar[sub.key] = field.label;
            else if (subName === 'format') scalar[sub.key] = null;
            else if (subName === '__typename') scalar[sub.key] = 'FieldValue';
          }
          out[key] = scalar;
          continue;
        }
        const parent = parentField(object, name);
        if (parent) {
          const nested = rest[parent.relationshipName as string] as QueryRecord | null | undefined;
          const target = findObject(this.deps.schema, parent.referenceTo[0] ?? '') as ObjectDef;
          out[key] = nested ? this.record(target, node.selectionSet, nested) : null;
          continue;
        }
        const child = object.childRelationships.find((c) => c.relationshipName?.toLowerCase() === name.toLowerCase());
        if (child) {
          const childObject = findObject(this.deps.schema, child.childSObject) as ObjectDef;
          const children =
            (rest[child.relationshipName as string] as { records?: QueryRecord[] } | null)?.records ?? [];
          out[key] = this.connection(childObject, node, children, {
            skip: 0,
            hasNextPage: false,
            total: children.length,
          });
        }
      }
    }
    return out;
  }
}

function parentField(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  for (const f of object.fields.values()) if (f.relationshipName?.toLowerCase() === lower) return f;
  return undefined;
}

function limitOf(first: unknown): number {
  if (first === undefined || first === null) return DEFAULT_FIRST;
  const n = Number(first);
  if (!Number.isInteger(n) || n < 0 || n > MAX_FIRST)
    throw new GraphqlError(`first must be between 0 and ${MAX_FIRST}`);
  return n;
}

function cursorOf(position: number): string {
  return Buffer.from(`v1:${position}`).toString('base64');
}

function cursorOffset(cursor: string): number {
  const m = /^v1:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new GraphqlError(`Invalid cursor ${cursor}`);
  return Number(m[1]);
}

const QUOTED_TYPES = new Set([
  'id',
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'reference',
  'url',
  'email',
  'phone',
]);

/** A filter operand as a SOQL literal of the field's type: { value: x }, { literal: TODAY } or x. */
function literalOf(field: FieldDef, operand: unknown): string {
  let value = operand;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as { value?: unknown; literal?: unknown };
    if (o.literal !== undefined) {
      if (!/^[A-Z_]+(:\d+)?$/.test(String(o.literal)))
        throw new GraphqlError(`Invalid date literal ${String(o.literal)}`);
      return String(o.literal);
    }
    value = o.value;
  }
  if (value === null || value === undefined) return 'null';
  if (QUOTED_TYPES.has(field.type)) return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (field.type === 'boolean') return value === true || value === 'true' ? 'true' : 'false';
  if (field.type === 'date' || field.type === 'datetime') {
    const text = String(value);
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(text))
      throw new GraphqlError(`Invalid ${field.type} value ${text} for ${field.name}`);
    return text;
  }
  const n = Number(value);
  if (!Number.isFinite(n)) throw new GraphqlError(`Invalid number ${String(value)} for ${field.name}`);
  return String(n);
}
