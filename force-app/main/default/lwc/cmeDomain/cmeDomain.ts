/**
 * CME Manager domain core: compliance rules, transfer-of-value allocation, year windows and NPI checks.
 * Pure TypeScript with no platform imports and no I/O, so the LWC screens import it as `c/cmeDomain`
 * and the sf CLI plugin compiles the same files.
 */
export { EXPENSE_CATEGORIES, RULE_IDS } from './types';
export type {
  Attendance,
  AttendanceMode,
  CmeEvent,
  ComplianceInput,
  Doctor,
  EventFormat,
  EventStatus,
  EventType,
  EvidenceValue,
  Expense,
  ExpenseCategory,
  ExpenseStage,
  Finding,
  FindingSeverity,
  Invitation,
  InvitationRole,
  InvitationStatus,
  IsoDate,
  IsoDateTime,
  PaymentForm,
  PrimaryType,
  RuleId,
  SignInMethod,
} from './types';

export {
  RulePackError,
  isRuleOn,
  parseRulePack,
  parseRulePacks,
  ruleLimit,
  ruleSetting,
  ruleSeverity,
} from './rulePack';
export type { DisclosureStandard, RulePack, RulePackRecord, RuleRecord, RuleSetting, RuleSeverity } from './rulePack';

export {
  CALENDAR_YEAR,
  addDays,
  daysBetween,
  isWithinWindow,
  parseInstant,
  toUtcDay,
  yearWindowOf,
  yearWindowStarting,
} from './windows';
export type { YearBasis, YearWindow, YearWindowSpec } from './windows';

export { isValidNpi, luhnCheckDigit, npiCheckDigit, npiProblem } from './npi';

export { fromCents, splitEvenly, sumMoney, toCents } from './money';
export { formatMoney, hcpName, moneyOrNumber } from './format';
export { PENDING_APPROVAL, isApprovalLocked } from './eventStatus';

export {
  FACULTY_ROLES,
  SPEAKER_COMPENSATION_NATURE,
  allocateTransfersOfValue,
  efpiaCategoryFor,
  efpiaHeadingFor,
  invitationByDoctor,
  isFacultyRole,
  openPaymentsNatureFor,
  paymentFormFor,
  rolesByDoctor,
  sharedRecipients,
  summariseByHcp,
} from './tov';
export type {
  EfpiaCategory,
  EfpiaHeading,
  HcpYearTotal,
  OpenPaymentsNature,
  TovAllocation,
  TovOptions,
  TovResult,
  UnattributedLine,
  UnattributedReason,
} from './tov';

export { buildRuleContext, groupByEvent } from './context';
export type { EvaluateOptions, RuleContext } from './context';

// Each rule's check is reached by its id through RULE_CHECKS (evaluate.ts).
export { attendanceEvidenceProblem } from './rules';

export { CROSS_EVENT_RULES, RULE_CHECKS, evaluateCompliance, hasBlockingFinding, sortFindings } from './evaluate';
export type { RuleCheck } from './evaluate';

export {
  CREDIT_STEP,
  MINUTES_PER_CREDIT,
  PHYSICIAN_TYPES,
  attendedMinutes,
  calendarDayIn,
  creditOutcome,
  creditsForMinutes,
  eventCreditProblem,
  eventCreditProblemText,
  eventZone,
  formatCredits,
  isKnownTimeZone,
  isPhysician,
  missingMinutesDetail,
  spansSeveralDays,
  wallClockIn,
} from './credits';
export type {
  AttendedMinutes,
  CreditAttendance,
  CreditEvent,
  CreditIneligibility,
  CreditOptions,
  CreditOutcome,
  EventCreditProblem,
  MinutesSource,
} from './credits';
