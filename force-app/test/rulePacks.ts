// The rule packs exactly as shipped in config/rule-packs, parsed as the org's seed loads them, and a
// copy of a pack with one rule changed: for every test that needs a real pack (the domain rules, the
// pre-flight, the HCP panel, the invite screen's block and insights). Like lwcTest.ts, neither a test
// nor covered nor deployed; tests import it by relative path.
import packFile from '../../config/rule-packs/CME_Rule_Pack__c.json';
import ruleFile from '../../config/rule-packs/CME_Rule__c.json';
import { parseRulePacks } from 'c/cmeDomain';
import type { RuleId, RulePack, RulePackRecord, RuleRecord, RuleSetting } from 'c/cmeDomain';

/** The CME_Rule_Pack__c rows of config/rule-packs. */
export const PACK_ROWS = packFile.records as unknown as RulePackRecord[];
/** The CME_Rule__c rows of config/rule-packs. */
export const RULE_ROWS = ruleFile.records as unknown as RuleRecord[];
/** The shipped packs by code. */
export const SHIPPED_PACKS = parseRulePacks(PACK_ROWS, RULE_ROWS);

/** The shipped pack with this code (IN-UCPMP-2024, US-PHRMA-OPENPAYMENTS, EU-EFPIA). */
export function shippedPack(code: string): RulePack {
  const found = SHIPPED_PACKS.get(code);
  if (!found) throw new Error(`config/rule-packs has no pack ${code}`);
  return found;
}

/**
 * The IN and US packs as the org holds them: the shipped packs with the record ids of the recorded
 * GraphQL data (IN as in cmeRecords' eventCompliance.json, US as in the pre-flight's eventBadPack.json).
 */
export const IN_PACK_RECORD: RulePack = { ...shippedPack('IN-UCPMP-2024'), id: 'a05000000000001AAA' };
export const US_PACK_RECORD: RulePack = { ...shippedPack('US-PHRMA-OPENPAYMENTS'), id: 'a05000000000002AAA' };

/** A copy of a pack with one rule's setting changed (e.g. to test a warn band the shipped packs lack). */
export function withRule(base: RulePack, ruleId: RuleId, change: Partial<RuleSetting>): RulePack {
  return { ...base, rules: { ...base.rules, [ruleId]: { ...base.rules[ruleId], ...change } } };
}
