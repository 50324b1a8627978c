// The org's rule packs with their rules, read the one way the seed and the report both use: one REST
// query of the packs with their rules as a subquery, parsed by the domain core.
import { parseRulePacks } from '../domain/cmeDomain.ts';
import type { RulePack, RulePackRecord, RuleRecord } from '../domain/cmeDomain.ts';
import type { OrgApi } from './api.ts';
import { queryPages, restRecords, restRowReader, textFields as text } from './query.ts';
import type { FieldKinds as Fields, FlatRow } from './query.ts';

export const RULE_PACK_FIELDS: Fields = {
  ...text('Id', 'Name', 'Code__c', 'Version__c', 'Home_Country__c', 'Currency_Code__c', 'Cap_Year_Basis__c'),
  Fiscal_Year_Start_Month__c: 'number',
  Disclosure_Standard__c: 'string',
  Active__c: 'boolean',
};

/** A rule's fields; its Notes__c are for the admin, not for judging. */
export const RULE_FIELDS: Fields = {
  ...text('Id', 'Name', 'Rule_Pack__c', 'Rule_Id__c', 'Severity__c', 'Rule_Key__c'),
  Limit__c: 'number',
  Warn_Percent__c: 'number',
  Window_Days__c: 'number',
};

export interface RulePackRecords {
  packs: RulePackRecord[];
  rules: RuleRecord[];
}

/**
 * The rule pack and rule records in one query (a pack has a few dozen rules at most; should the org
 * page a pack's rules, they are read with a query of their own).
 */
export async function readRulePackRecords(api: OrgApi): Promise<RulePackRecords> {
  const soql = `SELECT ${Object.keys(RULE_PACK_FIELDS).join(', ')}, (SELECT ${Object.keys(RULE_FIELDS).join(', ')} FROM Rules__r) FROM CME_Rule_Pack__c`;
  const packRows: FlatRow[] = [];
  const ruleRows: FlatRow[] = [];
  let complete = true;
  const packRow = restRowReader(RULE_PACK_FIELDS, 'CME_Rule_Pack__c');
  const ruleRow = restRowReader(RULE_FIELDS, 'CME_Rule__c');
  for await (const page of restRecords(api, soql))
    for (const record of page) {
      packRows.push(packRow(record));
      const rules = record.Rules__r as { done?: boolean; records?: Record<string, unknown>[] } | null;
      if (rules && rules.done === false) complete = false;
      for (const rule of rules?.records ?? []) ruleRows.push(ruleRow(rule));
    }
  if (!complete) {
    ruleRows.length = 0;
    for await (const page of queryPages(api, { object: 'CME_Rule__c', fields: RULE_FIELDS }, { bulk: false }))
      ruleRows.push(...page);
  }
  return { packs: packRows as unknown as RulePackRecord[], rules: ruleRows as unknown as RuleRecord[] };
}

/** The org's rule packs by code (parseRulePacks throws on a pack the domain core cannot judge by). */
export async function readRulePacks(api: OrgApi): Promise<ReadonlyMap<string, RulePack>> {
  const { packs, rules } = await readRulePackRecords(api);
  return parseRulePacks(packs, rules);
}
