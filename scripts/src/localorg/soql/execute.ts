// SOQL execution and result shaping: rows from one SQLite cursor into REST records, child
// subqueries fetched per batch of parents.
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { decodeValue } from '../values.ts';
import { CHILD_BATCH_SIZE } from './contracts.ts';
import type { QueryDatabase, QueryRecord, QueryStatement } from './contracts.ts';
import { usedParams } from './scope.ts';
import type { AggregateItem, ChildPlan, OutNode, ParentOut, RecordPlan } from './select.ts';

type Row = Record<string, SQLOutputValue>;
type ChildResults = Map<ChildPlan, Map<string, QueryRecord[]>>;

export const NO_CHILDREN: ChildResults = new Map();

/** Wraps a statement cursor so that abandoning the generator also closes the cursor. */
export function* iterateRows(
  statement: QueryStatement,
  params: Record<string, SQLInputValue>,
): Generator<Row, void, undefined> {
  const cursor = statement.iterate(params);
  try {
    for (let step = cursor.next(); !step.done; step = cursor.next()) yield step.value;
  } finally {
    cursor.return?.();
  }
}

/** Reads parents in batches, fetches each subquery once per batch, then yields the batch's records. */
export function* recordsWithChildren(
  db: QueryDatabase,
  plan: RecordPlan,
  rows: Iterable<Row>,
  version: string,
): Generator<QueryRecord, void, undefined> {
  const statements = plan.subqueries.map((child) => ({ child, statement: db.prepare(child.sql) }));
  let batch: Row[] = [];
  const flush = function* (): Generator<QueryRecord, void, undefined> {
    const ids = batch.map((row) => String(row[plan.idColumn]));
    const results: ChildResults = new Map();
    for (const { child, statement } of statements) {
      const params = { ...usedParams(child.sql, child.params), parent_ids: JSON.stringify(ids) };
      results.set(child, groupChildRows(child, statement.all(params), version));
    }
    for (const row of batch) yield buildRecord(plan, row, version, results);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= CHILD_BATCH_SIZE) yield* flush();
  }
  if (batch.length) yield* flush();
}

function groupChildRows(child: ChildPlan, rows: Row[], version: string): Map<string, QueryRecord[]> {
  const byParent = new Map<string, QueryRecord[]>();
  for (const row of rows) {
    const parentId = String(row.__parent);
    let list = byParent.get(parentId);
    if (!list) byParent.set(parentId, (list = []));
    list.push(buildRecord(child.record, row, version, NO_CHILDREN));
  }
  return byParent;
}

function attributes(type: string, id: string, version: string): { type: string; url: string } {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${id}` };
}

export function buildRecord(plan: RecordPlan, row: Row, version: string, children: ChildResults): QueryRecord {
  const id = String(row[plan.idColumn]);
  const record: QueryRecord = { attributes: attributes(plan.object.name, id, version) };
  fillNodes(record, plan.nodes, row, version, children, id);
  return record;
}

function fillNodes(
  target: QueryRecord,
  nodes: OutNode[],
  row: Row,
  version: string,
  children: ChildResults,
  id: string,
): void {
  for (const node of nodes) {
    if (node.kind === 'field') {
      target[node.key] = decodeValue(node.field, row[node.column]);
    } else if (node.kind === 'child') {
      const list = children.get(node.plan)?.get(id);
      target[node.key] = list ? { totalSize: list.length, done: true, records: list } : null;
    } else {
      target[node.key] = parentRecord(node, row, version, children);
    }
  }
}

/** A parent relationship in the result: null when the reference is empty, else a nested record. */
function parentRecord(node: ParentOut, row: Row, version: string, children: ChildResults): QueryRecord | null {
  const parentId = row[node.idColumn];
  if (parentId === null || parentId === undefined) return null;
  const type = node.typeColumn ? String(row[node.typeColumn]) : node.objectName!;
  const record: QueryRecord = { attributes: attributes(type, String(parentId), version) };
  fillNodes(record, node.children, row, version, children, String(parentId));
  return record;
}

export function aggregateRecord(items: AggregateItem[], row: Row): QueryRecord {
  const record: QueryRecord = { attributes: { type: 'AggregateResult' } };
  for (const item of items) record[item.key] = decodeValue(item.field, row[item.column]);
  return record;
}

export function flatPaths(nodes: OutNode[], prefix: string): string[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'field') return [`${prefix}${node.key}`];
    if (node.kind === 'parent') return flatPaths(node.children, `${prefix}${node.key}.`);
    return [];
  });
}
