/**
 * Shared test fixtures: the three rule packs exactly as shipped in config/rule-packs (so the tests say
 * what the real packs do; parsed in test/rulePacks), and fresh copies of the scenario files in ./data
 * that a test may change.
 */
import { shippedPack } from '../../../../../test/rulePacks';
import type { Attendance, CmeEvent, Doctor, Expense, Invitation, RulePack } from 'c/cmeDomain';
import annualCapFile from './data/annualCap.json';
import baselineFile from './data/baseline.json';
import historyFile from './data/history.json';
import tovFile from './data/tov.json';

export const IN = shippedPack('IN-UCPMP-2024');
export const US = shippedPack('US-PHRMA-OPENPAYMENTS');
export const EU = shippedPack('EU-EFPIA');
export const ALL_PACKS: [string, RulePack][] = [
  ['IN-UCPMP-2024', IN],
  ['US-PHRMA-OPENPAYMENTS', US],
  ['EU-EFPIA', EU],
];

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
