// The UI API GraphQL endpoint (what `lightning/graphql` sends), for record queries:
//   query { uiapi { query { Object(where: …, orderBy: …, first: n, after: cursor, upperBound: m) {
//     edges { node { Id Field @optional { value displayValue } Parent__r { Name { value } }
//                    Children__r(first: n, where: …, orderBy: …) { edges { node { … } } } } cursor }
//     totalCount pageInfo { hasNextPage endCursor } } } } }
// Each connection is translated to one SOQL query and run by the org's SOQL engine, so the schema
// checks, filters and ordering are the ones REST clients get. Filters: eq ne lt lte gt gte like in nin
// includes excludes, inq/ninq (semi- and anti-joins), and/or/not, parent relationships, { value: … }
// and { literal: TODAY }-style date literals. Variables, aliases, fragments and @include/@skip work; mutations and aggregates are
// refused with an error naming them (never a silently different answer).
//
// Paging, as Salesforce's GraphQL API Developer Guide documents it ("Paginate with Record Connections",
// developer.salesforce.com/docs/platform/graphql/guide/paginate-use.html, and "Paginate with
// Upper-Bound Limit", …/paginate-use-upperbound.html):
// - `first` defaults to 10 and is at most 2,000 (each subquery returns up to 2,000 records,
//   …/query-limits.html).
// - Without `upperBound`, cursor paging is SOQL LIMIT/OFFSET, and "LIMIT and OFFSET clauses can work for
//   up to 2,000 results only": a cursor further than 2,000 records in is refused as SOQL refuses
//   OFFSET > 2000 (NUMBER_OUTSIDE_VALID_RANGE), so at most 4,000 records are reachable ("Using
//   pagination without an upper-bound limit lets you retrieve up to 4,000 records only"). hasNextPage
//   still says whether more records exist: the next page is reached by adding `upperBound` (API v60.0+
//   lets a subsequent query switch to upper-bound paging).
// - With `upperBound`, `first` "can have a value from 200 to 2000 only", paging goes up to `upperBound`
//   records ("acts as LIMIT on the initial SOQL query"), and if the parent query uses `upperBound` its
//   child connections must too.
// The guide gives no wording for these refusals (nor a maximum for upperBound, so none is imposed);
// the messages below are the local org's.
//
// Field-level security: the schema "reflects the user's Field Level Security" (GraphQL API overview),
// so a field the user cannot read is undefined for them: selecting, filtering or ordering by it fails
// the query with "Field 'X' in type 'Y' is undefined" (…/query-limits.html), unless the selection
// carries `@optional`, which omits the field from the response instead (API v65.0+; Salesforce's
// forcedotcom/afv-library skill using-webapp-salesforce-data, "Field-Level Security and @optional":
// on scalar fields, parent and child relationships). Which fields a user reads comes from
// `canReadField` (the org's field-level security); without it every field of the schema is readable.
import { Kind, parse } from 'graphql';
import type {
  DirectiveNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { json } from './http.ts';
import type { RouteRegistrar } from './routes.ts';
import { findField, findObject } from './schema.ts';
import type { FieldDef, ObjectDef, OrgSchema } from './schema.ts';
import type { PreparedQuery, QueryDatabase, QueryRecord } from './soql/index.ts';
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
  /** Field-level security of the requesting user; absent, every field is readable. */
  canReadField?: (objectName: string, fieldName: string) => boolean;
}

const DEFAULT_FIRST = 10;
const MAX_FIRST = 2000;
/** `first` with `upperBound`: "from 200 to 2000 only" (paginate-use-upperbound.html). */
const MIN_UPPER_BOUND_FIRST = 200;
/** SOQL's maximum OFFSET, which record-connection paging (no upperBound) is bound by. */
const MAX_OFFSET = 2000;

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
    const invalid = fragmentErrors(document, deps.schema);
    if (invalid.length) return { data: null, errors: invalid.map((message) => ({ message })) };
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

/** How one connection is paged. */
interface Paging {
  first: number;
  /** Records before this page (the `after` cursor's position + 1). */
  skip: number;
  /** `upperBound`, when given. */
  upperBound?: number;
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

  /**
   * The selected fields, fragments expanded, without those @include/@skip leave out; a field selected more
   * than once under one response key is one field with all their selections (GraphQL spec §6.3.2
   * CollectFields, §6.4.3 MergeSelectionSets), so `...ExpenseLine Category__c { displayValue }` answers
   * Category__c with the fragment's value and the displayValue. Two fields under one key must be the same
   * field (§5.3.2); their arguments and directives are the first one's.
   */
  private fields(set: SelectionSetNode | undefined): Selected[] {
    const byKey = new Map<string, Selected>();
    for (const selected of this.collect(set)) {
      const seen = byKey.get(selected.key);
      if (!seen) {
        byKey.set(selected.key, selected);
        continue;
      }
      if (seen.node.name.value !== selected.node.name.value)
        throw new GraphqlError(
          `Validation error (FieldsConflict) : ${selected.key} : '${seen.node.name.value}' and '${selected.node.name.value}' are different fields`,
        );
      const selections = [
        ...(seen.node.selectionSet?.selections ?? []),
        ...(selected.node.selectionSet?.selections ?? []),
      ];
      const selectionSet: SelectionSetNode | undefined = selections.length
        ? { kind: Kind.SELECTION_SET, selections }
        : undefined;
      byKey.set(selected.key, { key: selected.key, node: { ...seen.node, selectionSet } });
    }
    return [...byKey.values()];
  }

  /** The selected fields in order, fragments expanded, each occurrence on its own. */
  private collect(set: SelectionSetNode | undefined): Selected[] {
    const out: Selected[] = [];
    for (const s of set?.selections ?? []) {
      if (!this.included(s.directives)) continue;
      if (s.kind === Kind.FIELD) out.push({ key: s.alias?.value ?? s.name.value, node: s });
      else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...this.collect(s.selectionSet));
      else {
        const fragment = this.fragments.get(s.name.value);
        if (!fragment) throw new GraphqlError(`Unknown fragment ${s.name.value}`);
        out.push(...this.collect(fragment.selectionSet));
      }
    }
    return out;
  }

  private included(directives: readonly DirectiveNode[] | undefined): boolean {
    for (const d of directives ?? []) {
      const name = d.name.value;
      if (name !== 'include' && name !== 'skip') continue;
      const condition = d.arguments?.find((a) => a.name.value === 'if');
      if (!condition) throw new GraphqlError(`Directive '${name}' is missing its 'if' argument`);
      const value = this.value(condition.value);
      if (typeof value !== 'boolean') throw new GraphqlError(`Directive '${name}' needs a Boolean 'if' argument`);
      if (name === 'include' ? !value : value) return false;
    }
    return true;
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

  // ------------------------------------------------------------------ the user's schema

  private readable(object: ObjectDef, field: FieldDef): boolean {
    return field.name === 'Id' || !this.deps.canReadField || this.deps.canReadField(object.name, field.name);
  }

  /** A field of the object as this user's schema has it: undefined when absent or hidden by FLS. */
  private scalarField(object: ObjectDef, name: string): FieldDef | undefined {
    const field = findField(object, name);
    return field && this.readable(object, field) ? field : undefined;
  }

  /** The lookup field behind a parent relationship the user can read, and the parent object. */
  private parent(object: ObjectDef, name: string): { field: FieldDef; target: ObjectDef } | undefined {
    const field = parentField(object, name);
    if (!field || !this.readable(object, field)) return undefined;
    const target = findObject(this.deps.schema, field.referenceTo[0] ?? '');
    if (!target) throw new GraphqlError(`${object.name}.${name} points to an unknown object`);
    return { field, target };
  }

  /** A child relationship whose lookup field (on the child) the user can read. */
  private child(object: ObjectDef, name: string): { relationshipName: string; target: ObjectDef } | undefined {
    const child = object.childRelationships.find((c) => c.relationshipName?.toLowerCase() === name.toLowerCase());
    if (!child?.relationshipName) return undefined;
    const target = findObject(this.deps.schema, child.childSObject);
    if (!target) throw new GraphqlError(`${object.name}.${name} points to an unknown object`);
    const lookup = findField(target, child.field);
    if (lookup && !this.readable(target, lookup)) return undefined;
    return { relationshipName: child.relationshipName, target };
  }

  // ------------------------------------------------------------------ SOQL

  /**
   * SOQL select items for a node selection, with prefix for parent paths. A field the user's schema
   * does not have is an error, or left out when the selection is @optional.
   */
  private selectList(
    object: ObjectDef,
    set: SelectionSetNode | undefined,
    prefix: string,
    parentUpperBound = false,
  ): string[] {
    const items = new Set<string>([`${prefix}Id`]);
    for (const { node } of this.fields(set)) {
      const name = node.name.value;
      if (name === 'Id' || name === '__typename' || name === 'ApiName' || name === 'WeakEtag') continue;
      const field = this.scalarField(object, name);
      if (field) {
        items.add(`${prefix}${field.name}`);
        continue;
      }
      const parent = this.parent(object, name);
      if (parent) {
        for (const item of this.selectList(
          parent.target,
          node.selectionSet,
          `${prefix}${parent.field.relationshipName}.`,
        ))
          items.add(item);
        continue;
      }
      const child = prefix ? undefined : this.child(object, name);
      if (child) {
        const args = this.args(node);
        const where = args.where ? ` WHERE ${this.condition(child.target, args.where, '')}` : '';
        const orderBy = args.orderBy ? ` ORDER BY ${this.ordering(child.target, args.orderBy, '')}` : '';
        const paging = pagingOf(child.target, args, parentUpperBound);
        items.add(
          `(SELECT ${this.selectList(child.target, this.nodeSelection(node), '').join(', ')} FROM ${child.relationshipName}${where}${orderBy} LIMIT ${paging.first})`,
        );
        continue;
      }
      if (isOptional(node)) continue;
      throw undefinedField(object, name);
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
      const field = this.scalarField(object, key);
      if (field) {
        for (const [op, operand] of Object.entries(spec as Record<string, unknown>)) {
          if (op === 'inq' || op === 'ninq') {
            parts.push(
              `${prefix}${field.name} ${op === 'inq' ? 'IN' : 'NOT IN'} (${this.joinQuery(object, key, operand)})`,
            );
            continue;
          }
          const sqlOp = OPERATORS[op];
          if (!sqlOp) throw new GraphqlError(`Unknown filter operator ${op} on ${object.name}.${key}`);
          const literal = Array.isArray(operand)
            ? `(${operand.map((v) => literalOf(field, v)).join(', ')})`
            : literalOf(field, operand);
          parts.push(`${prefix}${field.name} ${sqlOp} ${literal}`);
        }
        continue;
      }
      const parent = this.parent(object, key);
      if (parent) {
        parts.push(this.condition(parent.target, spec, `${prefix}${parent.field.relationshipName}.`));
        continue;
      }
      throw new GraphqlError(`Field '${key}' in type '${object.name}' is undefined`);
    }
    return parts.length ? parts.join(' AND ') : 'Id != null';
  }

  /**
   * The sub-select of a semi-join (inq) or anti-join (ninq): `{ <Object>: { …filter… }, ApiName: "<field>" }`
   * selects that field of the object's records matching the filter ({} matches all). GraphQL API Developer
   * Guide, "Semi-Join and Anti-Join Filters" (…/graphql/guide/filter-joins.html); the SOQL engine applies
   * SOQL's semi-join rules to the result.
   */
  private joinQuery(object: ObjectDef, key: string, operand: unknown): string {
    const spec = (operand ?? {}) as Record<string, unknown>;
    const apiName = spec.ApiName;
    const targets = Object.keys(spec).filter((k) => k !== 'ApiName');
    if (typeof apiName !== 'string' || targets.length !== 1)
      throw new GraphqlError(`${object.name}.${key}: a join filter names one object and its ApiName field`);
    const target = findObject(this.deps.schema, targets[0]);
    if (!target)
      throw new GraphqlError(`Field '${targets[0]}' in type '${object.name}_${key}_JoinFilter' is undefined`);
    const field = this.scalarField(target, apiName);
    if (!field) throw new GraphqlError(`Field '${apiName}' in type '${target.name}' is undefined`);
    return `SELECT ${field.name} FROM ${target.name} WHERE ${this.condition(target, spec[targets[0]] ?? {}, '')}`;
  }

  private ordering(object: ObjectDef, orderBy: unknown, prefix: string): string {
    const parts: string[] = [];
    for (const [key, spec] of Object.entries((orderBy ?? {}) as Record<string, Record<string, unknown>>)) {
      const field = this.scalarField(object, key);
      if (field) {
        const direction = String(spec.order ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
        const nulls = spec.nulls ? ` NULLS ${String(spec.nulls).toUpperCase() === 'LAST' ? 'LAST' : 'FIRST'}` : '';
        parts.push(`${prefix}${field.name} ${direction}${nulls}`);
        continue;
      }
      const parent = this.parent(object, key);
      if (!parent) throw new GraphqlError(`Field '${key}' in type '${object.name}' is undefined`);
      parts.push(this.ordering(parent.target, spec, `${prefix}${parent.field.relationshipName}.`));
    }
    return parts.join(', ');
  }

  // ------------------------------------------------------------------ results

  private topConnection(object: ObjectDef, node: FieldNode): unknown {
    const args = this.args(node);
    const paging = pagingOf(object, args, false);
    const where = args.where ? ` WHERE ${this.condition(object, args.where, '')}` : '';
    const orderBy = args.orderBy ? ` ORDER BY ${this.ordering(object, args.orderBy, '')}` : '';
    const columns = this.selectList(object, this.nodeSelection(node), '', paging.upperBound !== undefined);
    const prepared = this.deps.prepare(`SELECT ${columns.join(', ')} FROM ${object.name}${where}${orderBy}`);
    // With upperBound the result set ends at upperBound records; this page takes what is left of it.
    const room = paging.upperBound === undefined ? Infinity : Math.max(paging.upperBound - paging.skip, 0);
    const wanted = Math.min(paging.first, room);
    const records: QueryRecord[] = [];
    if (wanted > 0 || room > 0)
      for (const r of prepared.records(this.deps.db, '66.0', paging.skip)) {
        records.push(r);
        if (records.length > wanted) break;
      }
    const hasNextPage = records.length > wanted && wanted < room;
    const page = records.slice(0, wanted);
    const wantsTotal = this.fields(node.selectionSet).some((f) => f.node.name.value === 'totalCount');
    const total = wantsTotal ? prepared.totalSize(this.deps.db) : page.length;
    return this.connection(object, node, page, { skip: paging.skip, hasNextPage, total });
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
            else if (e.node.name.value === 'cursor') edge[e.key] = cursorOf(page.skip + i);
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
          else if (field === 'startCursor') info[p.key] = records.length ? cursorOf(page.skip) : null;
          else if (field === 'endCursor')
            info[p.key] = records.length ? cursorOf(page.skip + records.length - 1) : null;
        }
        out[part.key] = info;
      } else if (name === '__typename') out[part.key] = `${object.name}Connection`;
    }
    return out;
  }

  /** A record as the selection asks for it; @optional fields the user's schema lacks are left out. */
  private record(object: ObjectDef, set: SelectionSetNode | undefined, rest: QueryRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const { key, node } of this.fields(set)) {
      const name = node.name.value;
      if (name === 'Id') out[key] = rest.Id ?? null;
      else if (name === '__typename') out[key] = object.name;
      else if (name === 'ApiName') out[key] = object.name;
      else if (name === 'WeakEtag') out[key] = 0;
      else {
        const field = this.scalarField(object, name);
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
        const parent = this.parent(object, name);
        if (parent) {
          const nested = rest[parent.field.relationshipName as string] as QueryRecord | null | undefined;
          out[key] = nested ? this.record(parent.target, node.selectionSet, nested) : null;
          continue;
        }
        const child = this.child(object, name);
        if (child) {
          const children = (rest[child.relationshipName] as { records?: QueryRecord[] } | null)?.records ?? [];
          out[key] = this.connection(child.target, node, children, {
            skip: 0,
            hasNextPage: false,
            total: children.length,
          });
        }
        // Anything else was refused by selectList unless @optional: omitted.
      }
    }
    return out;
  }
}

// ------------------------------------------------------------------ fragment rules

// What the GraphQL spec (October 2021 edition, §5.5 "Fragments") makes every server refuse before it runs
// anything, and a real org therefore refuses too:
// - §5.5.1.1 Fragment Name Uniqueness: one definition per name;
// - §5.5.1.2 Fragment Spread Type Existence: a type condition names a type of the schema;
// - §5.5.1.4 Fragments Must Be Used: every definition is spread, directly or through other fragments,
//   by an operation of the document;
// - §5.5.2.1 Fragment spread target defined: a spread names a definition of the document;
// - §5.5.2.2 Fragment spreads must not form cycles;
// - §5.5.2.3 Fragment spread is possible: where the enclosing type is an object type, a fragment's type
//   condition is that type (or `Record`, the interface every UI API record type implements).
// Types are named as the UI API schema names them: Query → UIAPI (uiapi) → RecordQuery (query) →
// <Object>Connection → <Object>Edge (edges) → <Object> (node); parent relationships to their object,
// child relationships to <Child>Connection. Polymorphic relationships (Owner, Who, What, or a lookup to
// several objects) and field values are not checked. The spec fixes the rules, not their wording: the
// messages take the form of the other validation errors here (graphql-java's error type names).

const RECORD_INTERFACE = 'Record';
const POLYMORPHIC = new Set(['ownerid', 'whoid', 'whatid']);

/** A type in the UI API schema: its name, and the record object behind record, connection and edge types. */
interface UiType {
  name: string;
  object?: ObjectDef;
  kind: 'root' | 'connection' | 'edge' | 'record';
}

function recordType(object: ObjectDef): UiType {
  return { name: object.name, object, kind: 'record' };
}

/** The type of a field of `parent`, or undefined where the local org does not check spreads. */
function fieldType(schema: OrgSchema, parent: UiType, field: string): UiType | undefined {
  if (parent.kind === 'root') {
    if (parent.name === 'Query' && field === 'uiapi') return { name: 'UIAPI', kind: 'root' };
    if (parent.name === 'UIAPI' && field === 'query') return { name: 'RecordQuery', kind: 'root' };
    const object = parent.name === 'RecordQuery' ? findObject(schema, field) : undefined;
    return object && { name: `${object.name}Connection`, object, kind: 'connection' };
  }
  const object = parent.object as ObjectDef;
  if (parent.kind === 'connection')
    return field === 'edges' ? { name: `${object.name}Edge`, object, kind: 'edge' } : undefined;
  if (parent.kind === 'edge') return field === 'node' ? recordType(object) : undefined;
  const lookup = parentField(object, field);
  if (lookup) {
    const target = lookup.referenceTo.length === 1 ? findObject(schema, lookup.referenceTo[0]) : undefined;
    return target && !POLYMORPHIC.has(lookup.name.toLowerCase()) ? recordType(target) : undefined;
  }
  const child = object.childRelationships.find((c) => c.relationshipName?.toLowerCase() === field.toLowerCase());
  const childObject = child && findObject(schema, child.childSObject);
  return childObject && { name: `${childObject.name}Connection`, object: childObject, kind: 'connection' };
}

/** Whether the schema has a type of this name (the record types, their connections and edges, the roots). */
function typeExists(schema: OrgSchema, name: string): boolean {
  if (['Query', 'UIAPI', 'RecordQuery', 'PageInfo', RECORD_INTERFACE].includes(name)) return true;
  const base = name.replace(/(Connection|Edge)$/, '');
  return schema.objects.get(name)?.name === name || schema.objects.get(base)?.name === base;
}

/** The document's violations of the spec's fragment rules (§5.5), as error messages; none: valid. */
export function fragmentErrors(document: DocumentNode, schema: OrgSchema): string[] {
  const errors: string[] = [];
  const definitions = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind !== Kind.FRAGMENT_DEFINITION) continue;
    // §5.5.1.1
    if (definitions.has(d.name.value))
      errors.push(`Validation error (DuplicateFragmentName) : There can be only one fragment named '${d.name.value}'`);
    definitions.set(d.name.value, d);
  }
  const spreadsIn = (set: SelectionSetNode | undefined): string[] =>
    (set?.selections ?? []).flatMap((s) =>
      s.kind === Kind.FRAGMENT_SPREAD ? [s.name.value] : spreadsIn(s.selectionSet),
    );
  // §5.5.2.1, for the spreads of operations and fragments alike.
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION)
      for (const name of spreadsIn(d.selectionSet))
        if (!definitions.has(name)) errors.push(`Validation error (UndefinedFragment) : Undefined fragment '${name}'`);
  // §5.5.2.2: a depth-first walk from each definition; meeting one on the current path is a cycle.
  const done = new Set<string>();
  const walk = (name: string, path: string[]): void => {
    if (path.includes(name)) {
      errors.push(`Validation error (FragmentCycle) : Fragment cycles not allowed (${[...path, name].join(' → ')})`);
      return;
    }
    if (done.has(name)) return;
    done.add(name);
    for (const next of spreadsIn(definitions.get(name)?.selectionSet))
      if (definitions.has(next)) walk(next, [...path, name]);
  };
  for (const name of definitions.keys()) walk(name, []);
  // §5.5.1.4: what the operations reach, through spreads of spreads.
  const used = new Set<string>();
  const reach = (names: string[]) => {
    for (const name of names)
      if (definitions.has(name) && !used.has(name)) {
        used.add(name);
        reach(spreadsIn(definitions.get(name)?.selectionSet));
      }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) reach(spreadsIn(d.selectionSet));
  for (const name of definitions.keys())
    if (!used.has(name)) errors.push(`Validation error (UnusedFragment) : Unused fragment '${name}'`);
  if (errors.length) return [...new Set(errors)];
  // §5.5.1.2 and §5.5.2.3, walking each operation with the type of every selection set.
  const mismatch = (typeCondition: string, parent: UiType | undefined, fragment?: string): boolean => {
    if (!typeExists(schema, typeCondition)) {
      errors.push(`Validation error (UnknownType) : Unknown type '${typeCondition}'`);
      return true;
    }
    if (!parent || typeCondition === parent.name) return false;
    if (typeCondition === RECORD_INTERFACE && parent.kind === 'record') return false;
    const what = fragment ? `Fragment '${fragment}'` : 'Fragment';
    errors.push(
      `Validation error (InvalidFragmentType) : ${what} cannot be spread here as objects of type '${parent.name}' can never be of type '${typeCondition}'`,
    );
    return true;
  };
  // Inside a fragment on a record type spread where the type is not known (a polymorphic
  // relationship), its selections are checked against that record type.
  const narrowed = (type: UiType | undefined, condition: string): UiType | undefined => {
    const object = type ? undefined : schema.objects.get(condition);
    return object ? recordType(object) : type;
  };
  const check = (set: SelectionSetNode | undefined, type: UiType | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) check(s.selectionSet, type && fieldType(schema, type, s.name.value));
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        const condition = s.typeCondition?.name.value;
        if (!condition) check(s.selectionSet, type);
        else if (!mismatch(condition, type)) check(s.selectionSet, narrowed(type, condition));
      } else {
        const fragment = definitions.get(s.name.value) as FragmentDefinitionNode;
        const condition = fragment.typeCondition.name.value;
        if (!mismatch(condition, type, s.name.value)) check(fragment.selectionSet, narrowed(type, condition));
      }
    }
  };
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION)
      check(d.selectionSet, d.operation === 'query' ? { name: 'Query', kind: 'root' } : undefined);
  return [...new Set(errors)];
}

function parentField(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  for (const f of object.fields.values()) if (f.relationshipName?.toLowerCase() === lower) return f;
  return undefined;
}

function isOptional(node: FieldNode): boolean {
  return (node.directives ?? []).some((d) => d.name.value === 'optional');
}

function undefinedField(object: ObjectDef, name: string): GraphqlError {
  return new GraphqlError(
    `Validation error (FieldUndefined@[${object.name}/${name}]) : Field '${name}' in type '${object.name}' is undefined`,
  );
}

function limitOf(first: unknown): number {
  if (first === undefined || first === null) return DEFAULT_FIRST;
  const n = Number(first);
  if (!Number.isInteger(n) || n < 0 || n > MAX_FIRST)
    throw new GraphqlError(`first must be between 0 and ${MAX_FIRST}`);
  return n;
}

/** first/after/upperBound of a connection, checked as the paging guide says (see the top of this file). */
function pagingOf(object: ObjectDef, args: Record<string, unknown>, parentUpperBound: boolean): Paging {
  const first = limitOf(args.first);
  const skip = args.after ? cursorOffset(String(args.after)) : 0;
  if (args.upperBound === undefined || args.upperBound === null) {
    if (parentUpperBound)
      throw new GraphqlError(
        `${object.name}: a child connection must use upperBound when its parent query uses upperBound`,
      );
    if (skip > MAX_OFFSET)
      throw new GraphqlError(
        `NUMBER_OUTSIDE_VALID_RANGE: Maximum SOQL offset allowed for apiName ${object.name} is ${MAX_OFFSET}; page further with upperBound`,
      );
    return { first, skip };
  }
  const upperBound = Number(args.upperBound);
  if (!Number.isInteger(upperBound) || upperBound < 1)
    throw new GraphqlError(`upperBound must be a positive integer, not ${String(args.upperBound)}`);
  if (first < MIN_UPPER_BOUND_FIRST)
    throw new GraphqlError(
      `first must be between ${MIN_UPPER_BOUND_FIRST} and ${MAX_FIRST} when upperBound is used (it is ${first})`,
    );
  return { first, skip, upperBound };
}

/** Cursors are base64 of `v1:<index>`, the index of the record from 0 (the guide's endCursor of a
 *  first page of 10 is djE6OQ==, "v1:9"). */
function cursorOf(index: number): string {
  return Buffer.from(`v1:${index}`).toString('base64');
}

/** Records before the page that follows a cursor. */
function cursorOffset(cursor: string): number {
  const m = /^v1:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new GraphqlError(`Invalid cursor ${cursor}`);
  return Number(m[1]) + 1;
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

/** POST ui-api/graphql; `deps()` is asked per request (it carries the requesting user's field access). */
export function registerGraphqlRoutes(route: RouteRegistrar, deps: () => GraphqlDeps): void {
  route('POST', 'ui-api/graphql', (req) => json(200, runGraphql((req.body ?? {}) as GraphqlRequest, deps())));
}
