/**
 * Shared test fixtures: the three rule packs exactly as shipped in config/rule-packs (so the tests say
 * what the real packs do), and fresh copies of the scenario files in ./data that a test may change.
 */
import packFile from '../../../../../../config/rule-packs/CME_Rule_Pack__c.json';
import ruleFile from '../../../../../../config/rule-packs/CME_Rule__c.json';
import { parseRulePacks } from 'c/cmeDomain';
import type {
  Attendance,
  CmeEvent,
  Doctor,
  Expense,
  Invitation,
  RuleId,
  RulePack,
  RulePackRecord,
  RuleRecord,
  RuleSetting,
} from 'c/cmeDomain';
import annualCapFile from './data/annualCap.json';
import baselineFile from './data/baseline.json';
import historyFile from './data/history.json';
import tovFile from './data/tov.json';

export const PACK_ROWS = packFile.records as unknown as RulePackRecord[];
export const RULE_ROWS = ruleFile.records as unknown as RuleRecord[];
export const PACKS = parseRulePacks(PACK_ROWS, RULE_ROWS);

function pack(code: string): RulePack {
  const found = PACKS.get(code);
  if (!found) throw new Error(`config/rule-packs has no pack ${code}`);
  return found;
}

export const IN = pack('IN-UCPMP-2024');
export const US = pack('US-PHRMA-OPENPAYMENTS');
export const EU = pack('EU-EFPIA');
export const ALL_PACKS: [string, RulePack][] = [
  ['IN-UCPMP-2024', IN],
  ['US-PHRMA-OPENPAYMENTS', US],
  ['EU-EFPIA', EU],
];

/** A copy of a pack with one rule's setting changed (e.g. to test a warn band the shipped packs lack). */
export function withRule(base: RulePack, ruleId: RuleId, change: Partial<RuleSetting>): RulePack {
  return { ...base, rules: { ...base.rules, [ruleId]: { ...base.rules[ruleId], ...change } } };
}

/** A mutable set of records, as a test builds it. */
export interface World {
  events: CmeEvent[];
  invitations: Invitation[];
  attendance: Attendance[];
  expenses: Expense[];
  doctors: Doctor[];
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function world(file: { input: unknown }): World {
  return copy(file.input) as World;
}

/** The compliant Pune workshop (passes every rule of every pack) and its evaluation day. */
export const baseline = (): World => world(baselineFile);
export const BASELINE_TODAY = baselineFile.today;

/** Dr Asha Rao's honoraria either side of 1 April. */
export const annualCap = (): World => world(annualCapFile);
export const ANNUAL_CAP_TODAY = annualCapFile.today;

/** Dr Vikram Shah's ten cardiology evenings in 2026. */
export const history = (): World => world(historyFile);
export const HISTORY_TODAY = historyFile.today;

/** The hybrid conference for allocation tests. */
export function tovScenario(): {
  event: CmeEvent;
  invitations: Invitation[];
  attendance: Attendance[];
  expenses: Expense[];
} {
  return copy(tovFile) as unknown as ReturnType<typeof tovScenario>;
}

function byId<T extends { Id: string }>(rows: T[], id: string): T {
  const row = rows.find((r) => r.Id === id);
  if (!row) throw new Error(`no record ${id} in the fixture`);
  return row;
}

export const eventOf = (w: World, id: string): CmeEvent => byId(w.events, id);
export const expenseOf = (w: World, id: string): Expense => byId(w.expenses, id);
export const invitationOf = (w: World, id: string): Invitation => byId(w.invitations, id);
export const attendanceOf = (w: World, id: string): Attendance => byId(w.attendance, id);
export const doctorOf = (w: World, id: string): Doctor => byId(w.doctors, id);
