/**
 * Runs a rule pack over events: every rule the pack does not have Off, findings in one stable order.
 */
import { buildRuleContext } from './context';
import type { EvaluateOptions, RuleContext } from './context';
import { compareText } from './order';
import { isRuleOn } from './rulePack';
import type { RulePack } from './rulePack';
import {
  checkAccreditedIndependence,
  checkApprovalBeforeInvite,
  checkApprovalLeadTime,
  checkAttendanceEvidence,
  checkBudgetOverrun,
  checkCapacity,
  checkCloseoutDocuments,
  checkConsentForDisclosure,
  checkEducationalNeed,
  checkForeignVenue,
  checkHcpAnnualCap,
  checkHonorariumFmv,
  checkMaxEventsPerHcp,
  checkMealCap,
  checkRepeatTopic,
  checkSpeakerOnlyTravel,
} from './rules';
import { RULE_IDS } from './types';
import type { CmeEvent, ComplianceInput, Finding, RuleId } from './types';
import { toUtcDay } from './windows';

export type RuleCheck = (ctx: RuleContext) => Finding[];

/**
 * Rules that judge an HCP across events (a year's value, repeat topics, events per year). Every other
 * rule judges one event from that event's own records, so a caller may evaluate events in slices.
 */
export const CROSS_EVENT_RULES: readonly RuleId[] = Object.freeze([
  'HCP_ANNUAL_CAP',
  'REPEAT_TOPIC',
  'MAX_EVENTS_PER_HCP',
] as RuleId[]);

/** The function behind each rule id. */
export const RULE_CHECKS: Readonly<Record<RuleId, RuleCheck>> = Object.freeze({
  APPROVAL_BEFORE_INVITE: checkApprovalBeforeInvite,
  APPROVAL_LEAD_TIME: checkApprovalLeadTime,
  EDUCATIONAL_NEED: checkEducationalNeed,
  FOREIGN_VENUE: checkForeignVenue,
  HCP_ANNUAL_CAP: checkHcpAnnualCap,
  MEAL_CAP: checkMealCap,
  HONORARIUM_FMV: checkHonorariumFmv,
  SPEAKER_ONLY_TRAVEL: checkSpeakerOnlyTravel,
  REPEAT_TOPIC: checkRepeatTopic,
  MAX_EVENTS_PER_HCP: checkMaxEventsPerHcp,
  ACCREDITED_INDEPENDENCE: checkAccreditedIndependence,
  ATTENDANCE_EVIDENCE: checkAttendanceEvidence,
  CONSENT_FOR_DISCLOSURE: checkConsentForDisclosure,
  BUDGET_OVERRUN: checkBudgetOverrun,
  CAPACITY: checkCapacity,
  CLOSEOUT_DOCUMENTS: checkCloseoutDocuments,
});

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));

/**
 * Puts findings in the order they are listed in: blocks before warnings, then the rule table's order,
 * then events by start day (then id), then HCP id (event-level findings first) and message, so two
 * runs over the same data list the same lines. `events` supplies the start days.
 */
export function sortFindings(findings: readonly Finding[], events: readonly CmeEvent[]): Finding[] {
  const startOf = new Map(events.map((e) => [e.Id, toUtcDay(e.Start__c) ?? '']));
  const rank = (f: Finding) => (f.severity === 'block' ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (RULE_ORDER.get(a.ruleId) ?? 0) - (RULE_ORDER.get(b.ruleId) ?? 0) ||
      compareText(startOf.get(a.eventId) ?? '', startOf.get(b.eventId) ?? '') ||
      compareText(a.eventId, b.eventId) ||
      compareText(a.doctorId ?? '', b.doctorId ?? '') ||
      compareText(a.message, b.message),
  );
}

/**
 * Checks the events of `input` (or just `options.eventIds`, with the rest as history) against a pack.
 * Pure: the same input, pack and options always give the same findings.
 */
export function evaluateCompliance(input: ComplianceInput, pack: RulePack, options: EvaluateOptions): Finding[] {
  const ctx = buildRuleContext(input, pack, options);
  const findings: Finding[] = [];
  const wanted = options.rules ? new Set<RuleId>(options.rules) : null;
  for (const ruleId of RULE_IDS)
    if (isRuleOn(pack, ruleId) && (!wanted || wanted.has(ruleId))) findings.push(...RULE_CHECKS[ruleId](ctx));
  return sortFindings(findings, input.events);
}

/** Whether any finding stops the action (severity block). */
export function hasBlockingFinding(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'block');
}
