/**
 * Pure logic of the compliance preflight: which rule pack applies, how findings read on screen, and the
 * close-out checklist; which HCPs and history to load is historyLoad.ts, re-exported here. No platform
 * imports besides labels, so every function here is unit-tested directly.
 */
import { attendanceEvidenceProblem, formatMoney, hcpName, moneyOrNumber, parseInstant, sumMoney } from 'c/cmeDomain';
import type { Attendance, CmeEvent, Doctor, EvidenceValue, Expense, Finding, RuleId, RulePack } from 'c/cmeDomain';
import { rulePackFor } from 'c/cmeRecords';
import { formatLabel } from 'c/cmeUi';

import summaryReadyLabel from '@salesforce/label/c.CME_Preflight_Summary_Ready';
import summaryBlockingLabel from '@salesforce/label/c.CME_Preflight_Summary_Blocking';
import summaryWarningOneLabel from '@salesforce/label/c.CME_Preflight_Summary_Warning_One';
import summaryWarningManyLabel from '@salesforce/label/c.CME_Preflight_Summary_Warning_Many';
import severityBlockLabel from '@salesforce/label/c.CME_Preflight_Severity_Block';
import severityWarnLabel from '@salesforce/label/c.CME_Preflight_Severity_Warn';
import yesLabel from '@salesforce/label/c.CME_Preflight_Yes';
import noLabel from '@salesforce/label/c.CME_Preflight_No';
import noneLabel from '@salesforce/label/c.CME_Preflight_None';
import dayLabel from '@salesforce/label/c.CME_Preflight_Unit_Day';
import daysLabel from '@salesforce/label/c.CME_Preflight_Unit_Days';
import characterLabel from '@salesforce/label/c.CME_Preflight_Unit_Character';
import charactersLabel from '@salesforce/label/c.CME_Preflight_Unit_Characters';
import eventLabel from '@salesforce/label/c.CME_Preflight_Unit_Event';
import eventsLabel from '@salesforce/label/c.CME_Preflight_Unit_Events';
import minuteLabel from '@salesforce/label/c.CME_Preflight_Unit_Minute';
import minutesLabel from '@salesforce/label/c.CME_Preflight_Unit_Minutes';
import placeLabel from '@salesforce/label/c.CME_Preflight_Unit_Place';
import placesLabel from '@salesforce/label/c.CME_Preflight_Unit_Places';
import checkAttendanceLabel from '@salesforce/label/c.CME_Preflight_Check_Attendance';
import checkAttendanceDetailLabel from '@salesforce/label/c.CME_Preflight_Check_Attendance_Detail';
import checkAttendanceNoneLabel from '@salesforce/label/c.CME_Preflight_Check_Attendance_None';
import checkEvidenceLabel from '@salesforce/label/c.CME_Preflight_Check_Evidence';
import checkEvidenceDetailLabel from '@salesforce/label/c.CME_Preflight_Check_Evidence_Detail';
import checkEvidenceNoneLabel from '@salesforce/label/c.CME_Preflight_Check_Evidence_None';
import checkReceiptsLabel from '@salesforce/label/c.CME_Preflight_Check_Receipts';
import checkReceiptsDetailLabel from '@salesforce/label/c.CME_Preflight_Check_Receipts_Detail';
import checkReceiptsNoneLabel from '@salesforce/label/c.CME_Preflight_Check_Receipts_None';
import checkSignaturesLabel from '@salesforce/label/c.CME_Preflight_Check_Signatures';
import checkSignaturesDetailLabel from '@salesforce/label/c.CME_Preflight_Check_Signatures_Detail';
import checkSignaturesNoneLabel from '@salesforce/label/c.CME_Preflight_Check_Signatures_None';
import checkBudgetLabel from '@salesforce/label/c.CME_Preflight_Check_Budget';
import checkBudgetDetailLabel from '@salesforce/label/c.CME_Preflight_Check_Budget_Detail';
import checkBudgetNoBudgetLabel from '@salesforce/label/c.CME_Preflight_Check_Budget_No_Budget';
import checkBudgetNoSpendLabel from '@salesforce/label/c.CME_Preflight_Check_Budget_No_Spend';
import ruleApprovalBeforeInvite from '@salesforce/label/c.CME_Preflight_Rule_APPROVAL_BEFORE_INVITE';
import ruleApprovalLeadTime from '@salesforce/label/c.CME_Preflight_Rule_APPROVAL_LEAD_TIME';
import ruleEducationalNeed from '@salesforce/label/c.CME_Preflight_Rule_EDUCATIONAL_NEED';
import ruleForeignVenue from '@salesforce/label/c.CME_Preflight_Rule_FOREIGN_VENUE';
import ruleHcpAnnualCap from '@salesforce/label/c.CME_Preflight_Rule_HCP_ANNUAL_CAP';
import ruleMealCap from '@salesforce/label/c.CME_Preflight_Rule_MEAL_CAP';
import ruleHonorariumFmv from '@salesforce/label/c.CME_Preflight_Rule_HONORARIUM_FMV';
import ruleSpeakerOnlyTravel from '@salesforce/label/c.CME_Preflight_Rule_SPEAKER_ONLY_TRAVEL';
import ruleRepeatTopic from '@salesforce/label/c.CME_Preflight_Rule_REPEAT_TOPIC';
import ruleMaxEventsPerHcp from '@salesforce/label/c.CME_Preflight_Rule_MAX_EVENTS_PER_HCP';
import ruleAccreditedIndependence from '@salesforce/label/c.CME_Preflight_Rule_ACCREDITED_INDEPENDENCE';
import ruleAttendanceEvidence from '@salesforce/label/c.CME_Preflight_Rule_ATTENDANCE_EVIDENCE';
import ruleConsentForDisclosure from '@salesforce/label/c.CME_Preflight_Rule_CONSENT_FOR_DISCLOSURE';
import ruleBudgetOverrun from '@salesforce/label/c.CME_Preflight_Rule_BUDGET_OVERRUN';
import ruleCapacity from '@salesforce/label/c.CME_Preflight_Rule_CAPACITY';
import ruleCloseoutDocuments from '@salesforce/label/c.CME_Preflight_Rule_CLOSEOUT_DOCUMENTS';

export {
  historyEventIds,
  historyEventsInput,
  historyWindow,
  involvedDoctorIds,
  isTruncated,
  windowBounds,
} from './historyLoad';
export type { HistoryWindow } from './historyLoad';

/** Words for each rule id, so a reader need not decode HCP_ANNUAL_CAP. */
export const RULE_NAMES: Readonly<Record<RuleId, string>> = Object.freeze({
  APPROVAL_BEFORE_INVITE: ruleApprovalBeforeInvite,
  APPROVAL_LEAD_TIME: ruleApprovalLeadTime,
  EDUCATIONAL_NEED: ruleEducationalNeed,
  FOREIGN_VENUE: ruleForeignVenue,
  HCP_ANNUAL_CAP: ruleHcpAnnualCap,
  MEAL_CAP: ruleMealCap,
  HONORARIUM_FMV: ruleHonorariumFmv,
  SPEAKER_ONLY_TRAVEL: ruleSpeakerOnlyTravel,
  REPEAT_TOPIC: ruleRepeatTopic,
  MAX_EVENTS_PER_HCP: ruleMaxEventsPerHcp,
  ACCREDITED_INDEPENDENCE: ruleAccreditedIndependence,
  ATTENDANCE_EVIDENCE: ruleAttendanceEvidence,
  CONSENT_FOR_DISCLOSURE: ruleConsentForDisclosure,
  BUDGET_OVERRUN: ruleBudgetOverrun,
  CAPACITY: ruleCapacity,
  CLOSEOUT_DOCUMENTS: ruleCloseoutDocuments,
});

// ---------------------------------------------------------------------------------------------------
// Which pack
// ---------------------------------------------------------------------------------------------------

export type PackProblem = 'none-active' | 'several-active' | 'named-inactive';

export interface PackChoice {
  pack?: RulePack;
  problem?: PackProblem;
  /** The name of the pack the event names, when it is not among the active ones. */
  namedPack?: string;
  activeCount: number;
}

/**
 * The pack the event is judged by (rulePackFor), except that a pack the event names but which is not
 * active is reported rather than silently replaced by another one.
 */
export function choosePack(
  event: (CmeEvent & { Rule_Pack__r?: { Name?: string | null } | null }) | undefined,
  packs: readonly RulePack[],
): PackChoice {
  const activeCount = packs.length;
  if (event?.Rule_Pack__c && !packs.some((p) => p.id === event.Rule_Pack__c))
    return {
      problem: 'named-inactive',
      namedPack: event.Rule_Pack__r?.Name ?? event.Rule_Pack__c,
      activeCount,
    };
  const pack = rulePackFor(event, packs);
  if (pack) return { pack, activeCount };
  return { problem: activeCount === 0 ? 'none-active' : 'several-active', activeCount };
}

// ---------------------------------------------------------------------------------------------------
// Findings on screen
// ---------------------------------------------------------------------------------------------------

const MONEY_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'HCP_ANNUAL_CAP',
  'MEAL_CAP',
  'HONORARIUM_FMV',
  'SPEAKER_ONLY_TRAVEL',
  'ACCREDITED_INDEPENDENCE',
  'CONSENT_FOR_DISCLOSURE',
  'BUDGET_OVERRUN',
]);

const UNITS: Readonly<Partial<Record<RuleId, [string, string]>>> = {
  APPROVAL_LEAD_TIME: [dayLabel, daysLabel],
  REPEAT_TOPIC: [dayLabel, daysLabel],
  CLOSEOUT_DOCUMENTS: [dayLabel, daysLabel],
  EDUCATIONAL_NEED: [characterLabel, charactersLabel],
  MAX_EVENTS_PER_HCP: [eventLabel, eventsLabel],
  ATTENDANCE_EVIDENCE: [minuteLabel, minutesLabel],
  CAPACITY: [placeLabel, placesLabel],
};

/** A finding's amount or limit in its unit: money in the pack's currency, else a count with its noun. */
export function measureText(ruleId: RuleId, value: number | undefined, currencyCode: string): string {
  if (value === undefined || value === null) return '';
  if (MONEY_RULES.has(ruleId)) return formatMoney(value, currencyCode);
  const unit = UNITS[ruleId];
  if (!unit) return String(value);
  return formatLabel(Math.abs(value) === 1 ? unit[0] : unit[1], value);
}

/** 'windowStart' → 'Window start', 'expenseIds' → 'Expense IDs'. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => {
      if (/^ids?$/i.test(w)) return w.length === 2 ? 'ID' : 'IDs';
      return i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w.toLowerCase();
    });
  return words.join(' ');
}

/** An evidence value as text: lists joined, booleans as yes/no, blanks as "none". */
export function evidenceValueText(value: EvidenceValue | undefined): string {
  if (value === null || value === undefined || value === '') return noneLabel;
  if (Array.isArray(value)) return value.length ? value.join(', ') : noneLabel;
  if (typeof value === 'boolean') return value ? yesLabel : noLabel;
  return String(value);
}

export interface EvidenceEntry {
  key: string;
  valueKey: string;
  label: string;
  value: string;
}

export function evidenceEntries(evidence: Readonly<Record<string, EvidenceValue>>): EvidenceEntry[] {
  return Object.entries(evidence).map(([key, value]) => ({
    key,
    valueKey: `${key}-value`,
    label: humanizeKey(key),
    value: evidenceValueText(value),
  }));
}

export interface FindingRow {
  key: string;
  ruleId: RuleId;
  ruleName: string;
  severity: 'block' | 'warn';
  severityLabel: string;
  iconName: string;
  iconVariant: string;
  message: string;
  hcp: string;
  amountText: string;
  limitText: string;
  evidence: EvidenceEntry[];
}

/** Findings as the list shows them, in the domain's order (blocking first). */
export function findingRows(
  findings: readonly Finding[],
  doctors: readonly Doctor[],
  currencyCode: string,
): FindingRow[] {
  const byId = new Map(doctors.map((d) => [d.Id, d]));
  return findings.map((f, i) => ({
    key: `${i}-${f.ruleId}-${f.doctorId ?? 'event'}`,
    ruleId: f.ruleId,
    ruleName: RULE_NAMES[f.ruleId] ?? f.ruleId,
    severity: f.severity,
    severityLabel: f.severity === 'block' ? severityBlockLabel : severityWarnLabel,
    iconName: f.severity === 'block' ? 'utility:error' : 'utility:warning',
    iconVariant: f.severity === 'block' ? 'error' : 'warning',
    message: f.message,
    hcp: f.doctorId ? hcpName(byId.get(f.doctorId), f.doctorId) : '',
    amountText: measureText(f.ruleId, f.amount, currencyCode),
    limitText: measureText(f.ruleId, f.limit, currencyCode),
    evidence: evidenceEntries(f.evidence),
  }));
}

/** "2 blocking, 3 warnings", "1 warning", or "No findings: ready". */
export function summaryText(blocking: number, warnings: number): string {
  const parts: string[] = [];
  if (blocking > 0) parts.push(formatLabel(summaryBlockingLabel, blocking));
  if (warnings > 0)
    parts.push(warnings === 1 ? summaryWarningOneLabel : formatLabel(summaryWarningManyLabel, warnings));
  return parts.length ? parts.join(', ') : summaryReadyLabel;
}

// ---------------------------------------------------------------------------------------------------
// Close-out checklist
// ---------------------------------------------------------------------------------------------------

/** Whether the event is over: its end (or, without one, its start) is at or before `nowMs`. */
export function hasEnded(event: CmeEvent | undefined, nowMs: number): boolean {
  const end = parseInstant(event?.End__c ?? event?.Start__c ?? null);
  return end !== null && end <= nowMs;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** A signature that proves who signed (21 CFR 11.50): its SHA-256 fingerprint and the printed name. */
export function isSigned(attendance: Attendance): boolean {
  return SHA256_HEX.test(attendance.Signature_SHA256__c ?? '') && !!(attendance.Signed_Name__c ?? '').trim();
}

export interface CheckItem {
  key: 'attendance' | 'evidence' | 'receipts' | 'signatures' | 'budget';
  label: string;
  done: boolean;
  detail: string;
}

/** Money for the checklist: in the pack's currency when one applies, else a plain number (as messages, en-US). */
function moneyText(amount: number, currencyCode: string | undefined): string {
  return moneyOrNumber(amount, currencyCode, 'en-US');
}

/**
 * What closing out the event needs, each item done or not, with its counts. `minimumMinutes` is the
 * pack's ATTENDANCE_EVIDENCE limit for virtual logs (null: at least one minute). Committed spend
 * counts towards the budget as it does in BUDGET_OVERRUN.
 */
export function closeoutChecklist(
  event: CmeEvent,
  attendance: readonly Attendance[],
  expenses: readonly Expense[],
  minimumMinutes: number | null,
  currencyCode?: string,
): CheckItem[] {
  const rows = attendance.filter((a) => !a.Event__c || a.Event__c === event.Id);
  const lines = expenses.filter((e) => (!e.Event__c || e.Event__c === event.Id) && e.Amount__c);

  const withEvidence = rows.filter((a) => attendanceEvidenceProblem(a, minimumMinutes) === null).length;
  const paid = lines.filter((e) => e.Stage__c === 'Actual');
  const withReceipt = paid.filter((e) => (e.Receipt_Reference__c ?? '').trim()).length;
  const eSigned = rows.filter((a) => a.Sign_In_Method__c === 'E-Signature');
  const signed = eSigned.filter(isSigned).length;
  const spend = sumMoney(
    lines.filter((e) => e.Stage__c === 'Actual' || e.Stage__c === 'Committed').map((e) => e.Amount__c ?? 0),
  );
  const budget = event.Budget__c ?? 0;

  let budgetDetail: string;
  if (budget > 0)
    budgetDetail = formatLabel(checkBudgetDetailLabel, moneyText(spend, currencyCode), moneyText(budget, currencyCode));
  else if (spend > 0) budgetDetail = formatLabel(checkBudgetNoBudgetLabel, moneyText(spend, currencyCode));
  else budgetDetail = checkBudgetNoSpendLabel;

  return [
    {
      key: 'attendance',
      label: checkAttendanceLabel,
      done: rows.length > 0,
      detail: rows.length ? formatLabel(checkAttendanceDetailLabel, rows.length) : checkAttendanceNoneLabel,
    },
    {
      key: 'evidence',
      label: checkEvidenceLabel,
      done: rows.length > 0 && withEvidence === rows.length,
      detail: rows.length ? formatLabel(checkEvidenceDetailLabel, withEvidence, rows.length) : checkEvidenceNoneLabel,
    },
    {
      key: 'receipts',
      label: checkReceiptsLabel,
      done: withReceipt === paid.length,
      detail: paid.length ? formatLabel(checkReceiptsDetailLabel, withReceipt, paid.length) : checkReceiptsNoneLabel,
    },
    {
      key: 'signatures',
      label: checkSignaturesLabel,
      done: signed === eSigned.length,
      detail: eSigned.length
        ? formatLabel(checkSignaturesDetailLabel, signed, eSigned.length)
        : checkSignaturesNoneLabel,
    },
    {
      key: 'budget',
      label: checkBudgetLabel,
      done: budget > 0 ? spend <= budget : spend === 0,
      detail: budgetDetail,
    },
  ];
}
