/**
 * The compliance rules of compliance.md's table, one function each. A rule reads its setting from the
 * pack (severity, Limit__c, Warn_Percent__c, Window_Days__c), returns no findings when the pack has it
 * Off, and reports on the events in the context's scope only; other events are history.
 *
 * Two kinds of money are looked at, on purpose:
 * - rules about what may be paid at all (travel for learners, pay to learners of accredited CME,
 *   honoraria above fair-market value) read every line, Estimated included, so a plan is caught
 *   before approval;
 * - rules about running totals (annual cap, budget, meals per person, consent) count Actual and,
 *   unless switched off, Committed spend: what has been paid or contracted.
 *
 * The rules live by group: eventRules.ts (the event itself), spendRules.ts (money) and
 * participationRules.ts (who takes part), with the readings they share in ruleReadings.ts. A rule that
 * judges each event on its own says only what it finds on one event; findingsPerEvent (context.ts)
 * applies the pack's severity and Off over the events in scope.
 */
export {
  checkApprovalBeforeInvite,
  checkApprovalLeadTime,
  checkCapacity,
  checkCloseoutDocuments,
  checkEducationalNeed,
  checkForeignVenue,
} from './eventRules';
export {
  checkAccreditedIndependence,
  checkBudgetOverrun,
  checkHcpAnnualCap,
  checkHonorariumFmv,
  checkMealCap,
  checkSpeakerOnlyTravel,
} from './spendRules';
export {
  attendanceEvidenceProblem,
  checkAttendanceEvidence,
  checkConsentForDisclosure,
  checkMaxEventsPerHcp,
  checkRepeatTopic,
} from './participationRules';
