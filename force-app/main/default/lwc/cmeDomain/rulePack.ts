/**
 * Rule packs are data an admin edits (CME_Rule_Pack__c with a CME_Rule__c row per rule). This module
 * turns those rows into a typed pack the rules read, and says clearly what is wrong with bad rows.
 */
import { RULE_IDS } from './types';
import type { FindingSeverity, RuleId } from './types';
import type { YearBasis, YearWindowSpec } from './windows';

export type RuleSeverity = 'Block' | 'Warn' | 'Off';
export type DisclosureStandard = 'ucpmp' | 'open-payments' | 'efpia';

/** CME_Rule_Pack__c as queried (or as in config/rule-packs). */
export interface RulePackRecord {
  Id?: string | null;
  Name?: string | null;
  Code__c: string;
  Version__c?: string | null;
  Home_Country__c?: string | null;
  Currency_Code__c?: string | null;
  Cap_Year_Basis__c?: YearBasis | null;
  Fiscal_Year_Start_Month__c?: number | null;
  Disclosure_Standard__c?: DisclosureStandard | null;
  Active__c?: boolean | null;
  /** Present in sObject Tree files (config/rule-packs), where rules point at '@' + referenceId. */
  attributes?: { type?: string; referenceId?: string; url?: string };
}

/** CME_Rule__c as queried (or as in config/rule-packs). */
export interface RuleRecord {
  Id?: string | null;
  Rule_Pack__c?: string | null;
  Rule_Key__c?: string | null;
  Rule_Id__c: string;
  Severity__c?: RuleSeverity | null;
  Limit__c?: number | null;
  Warn_Percent__c?: number | null;
  Window_Days__c?: number | null;
  Notes__c?: string | null;
}

/** One rule's setting in a pack. */
export interface RuleSetting {
  ruleId: RuleId;
  severity: RuleSeverity;
  limit: number | null;
  warnPercent: number | null;
  windowDays: number | null;
  notes: string | null;
}

/** A parsed rule pack: the pack's own settings and a setting for every rule id. */
export interface RulePack extends YearWindowSpec {
  id: string | null;
  code: string;
  name: string;
  version: string | null;
  /** ISO country where in-person events must be held; null = anywhere. */
  homeCountry: string | null;
  currencyCode: string;
  disclosureStandard: DisclosureStandard | null;
  rules: Readonly<Record<RuleId, RuleSetting>>;
  /** Rule_Id__c values in the rows that this version of the core does not know (ignored). */
  unknownRuleIds: readonly string[];
}

/** Thrown for pack data the rules cannot run on; the message names the pack and the field. */
export class RulePackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulePackError';
  }
}

const SEVERITIES: readonly RuleSeverity[] = ['Block', 'Warn', 'Off'];

function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

function blankToNull<T>(value: T | null | undefined): T | null {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? null : value;
}

// A rule the pack has no row for is treated as Off: the pack is what the admin chose to enforce.
function offSetting(ruleId: RuleId): RuleSetting {
  return { ruleId, severity: 'Off', limit: null, warnPercent: null, windowDays: null, notes: null };
}

function settingFrom(code: string, row: RuleRecord, ruleId: RuleId): RuleSetting {
  const severity = row.Severity__c ?? 'Off';
  if (!SEVERITIES.includes(severity))
    throw new RulePackError(`Rule pack ${code}: ${ruleId} has severity "${String(severity)}"; use Block, Warn or Off.`);
  for (const field of ['Limit__c', 'Warn_Percent__c', 'Window_Days__c'] as const) {
    const value = row[field];
    if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0))
      throw new RulePackError(`Rule pack ${code}: ${ruleId} ${field} must be a number of 0 or more.`);
  }
  return {
    ruleId,
    severity,
    limit: blankToNull(row.Limit__c),
    warnPercent: blankToNull(row.Warn_Percent__c),
    windowDays: blankToNull(row.Window_Days__c),
    notes: blankToNull(row.Notes__c),
  };
}

function yearSpecOf(pack: RulePackRecord): YearWindowSpec {
  const basis = pack.Cap_Year_Basis__c ?? 'Calendar Year';
  if (basis !== 'Calendar Year' && basis !== 'Fiscal Year')
    throw new RulePackError(`Rule pack ${pack.Code__c}: Cap_Year_Basis__c must be Calendar Year or Fiscal Year.`);
  if (basis === 'Calendar Year') return { basis, fiscalYearStartMonth: 1 };
  const month = pack.Fiscal_Year_Start_Month__c;
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12)
    throw new RulePackError(`Rule pack ${pack.Code__c}: a Fiscal Year pack needs Fiscal_Year_Start_Month__c 1–12.`);
  return { basis, fiscalYearStartMonth: month };
}

/** Parses one pack and the rule rows that belong to it. */
export function parseRulePack(pack: RulePackRecord, rules: readonly RuleRecord[]): RulePack {
  const code = (pack.Code__c ?? '').trim();
  if (!code) throw new RulePackError('A rule pack needs a Code__c.');
  const currencyCode = (pack.Currency_Code__c ?? '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currencyCode))
    throw new RulePackError(`Rule pack ${code}: Currency_Code__c must be an ISO 4217 code such as INR.`);
  const settings = {} as Record<RuleId, RuleSetting>;
  for (const ruleId of RULE_IDS) settings[ruleId] = offSetting(ruleId);
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const row of rules) {
    const ruleId = (row.Rule_Id__c ?? '').trim();
    if (!isRuleId(ruleId)) {
      unknown.push(ruleId || '(blank)');
      continue;
    }
    if (seen.has(ruleId)) throw new RulePackError(`Rule pack ${code}: ${ruleId} is configured twice.`);
    seen.add(ruleId);
    settings[ruleId] = settingFrom(code, row, ruleId);
  }
  return {
    ...yearSpecOf(pack),
    id: blankToNull(pack.Id),
    code,
    name: blankToNull(pack.Name) ?? code,
    version: blankToNull(pack.Version__c),
    homeCountry: blankToNull(pack.Home_Country__c)?.trim().toUpperCase() ?? null,
    currencyCode,
    disclosureStandard: blankToNull(pack.Disclosure_Standard__c),
    rules: settings,
    unknownRuleIds: unknown.sort(),
  };
}

// A rule row belongs to a pack by its lookup (an Id from a query, or '@referenceId' in an sObject Tree
// file) or, failing both, by its Rule_Key__c 'CODE:RULE_ID'.
function belongsTo(rule: RuleRecord, pack: RulePackRecord): boolean {
  const link = rule.Rule_Pack__c ?? '';
  if (link) return link === pack.Id || link === `@${pack.attributes?.referenceId ?? ''}`;
  return (rule.Rule_Key__c ?? '').startsWith(`${pack.Code__c}:`);
}

/** Parses every pack with its rules, e.g. from a query or config/rule-packs; keyed by Code__c. */
export function parseRulePacks(
  packs: readonly RulePackRecord[],
  rules: readonly RuleRecord[],
): ReadonlyMap<string, RulePack> {
  const out = new Map<string, RulePack>();
  for (const pack of packs) {
    const parsed = parseRulePack(
      pack,
      rules.filter((rule) => belongsTo(rule, pack)),
    );
    out.set(parsed.code, parsed);
  }
  return out;
}

/** The pack's setting for a rule (an Off setting when the pack has no row for it). */
export function ruleSetting(pack: RulePack, ruleId: RuleId): RuleSetting {
  return pack.rules[ruleId] ?? offSetting(ruleId);
}

/** The finding severity a rule has in this pack, or null when it is Off. */
export function ruleSeverity(pack: RulePack, ruleId: RuleId): FindingSeverity | null {
  const { severity } = ruleSetting(pack, ruleId);
  if (severity === 'Off') return null;
  return severity === 'Block' ? 'block' : 'warn';
}

/** Whether the pack runs this rule. */
export function isRuleOn(pack: RulePack, ruleId: RuleId): boolean {
  return ruleSeverity(pack, ruleId) !== null;
}

/** The rule's Limit__c in this pack (null when not set). */
export function ruleLimit(pack: RulePack, ruleId: RuleId): number | null {
  return ruleSetting(pack, ruleId).limit;
}
