// SOQL column metadata: the answer to query?columns=true that `sf data query` reads.
import type { FieldDef, SoapType } from '../schema.ts';
import type { ColumnMetadata } from './contracts.ts';
import { categoryOf } from './literals.ts';
import type { AggregateItem, OutNode } from './select.ts';

const APEX_TYPES: Record<SoapType, string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  picklist: 'String',
  multipicklist: 'String',
  url: 'String',
  email: 'String',
  phone: 'String',
  double: 'Double',
  percent: 'Double',
  currency: 'Decimal',
  int: 'Integer',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
};

function baseColumn(columnName: string, displayName: string): ColumnMetadata {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName,
    custom: false,
    displayName,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
  };
}

function fieldColumn(field: FieldDef, columnName: string): ColumnMetadata {
  const category = categoryOf(field);
  return {
    ...baseColumn(columnName, field.name),
    apexType: APEX_TYPES[field.type],
    booleanType: category === 'boolean',
    custom: field.custom,
    insertable: field.createable,
    numberType: category === 'number',
    textType: category === 'text' || category === 'multipicklist',
    updatable: field.updateable,
  };
}

export function nodeColumn(node: OutNode): ColumnMetadata {
  if (node.kind === 'field') return fieldColumn(node.field, node.key);
  if (node.kind === 'parent') {
    return {
      ...baseColumn(node.key, node.key),
      custom: node.fk.custom,
      foreignKeyName: node.fk.name,
      joinColumns: node.children.map(nodeColumn),
    };
  }
  return { ...baseColumn(node.key, node.key), aggregate: true, joinColumns: node.plan.record.nodes.map(nodeColumn) };
}

export function aggregateColumn(item: AggregateItem): ColumnMetadata {
  if (!item.aggregate) return fieldColumn(item.field, item.key);
  const category = categoryOf(item.field);
  return {
    ...baseColumn(item.key, item.display),
    aggregate: true,
    booleanType: category === 'boolean',
    numberType: category === 'number',
    textType: category === 'text',
  };
}
