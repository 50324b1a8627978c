/**
 * The expenses screen's pure logic: expense lines from the GraphQL answer, totals per stage, budget
 * against estimated / committed / actual spend, the doctors an expense can be paid to, form checks
 * mirroring CME_Expense__c's validation rules, server field errors, and the line's unique key.
 */
import { hcpName, paymentFormFor, sumMoney } from 'c/cmeDomain';
import type { Doctor, ExpenseCategory, ExpenseStage, PaymentForm } from 'c/cmeDomain';
import { recordErrorParts } from 'c/cmeErrors';
import { displayOf, nodesOf, plainRecord } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';

export const STAGES: readonly ExpenseStage[] = ['Estimated', 'Committed', 'Actual'];
/** Expense_Key__c is Text(80), unique. */
export const EXPENSE_KEY_MAX_LENGTH = 80;
/** The doctor combobox value for a shared cost (Doctor__c blank). */
export const SHARED = 'shared';

export interface ExpenseLine {
  id: string;
  category: string;
  categoryLabel: string;
  amount: number;
  amountDisplay: string;
  stage: string;
  stageLabel: string;
  doctorId: string | null;
  doctorName: string;
  vendor: string;
  receipt: string;
  incurredOn: string | null;
  incurredOnDisplay: string;
  paymentForm: string | null;
  description: string;
}

export interface StageTotal {
  stage: string;
  amount: number;
  count: number;
}

export interface Totals {
  byStage: Record<string, StageTotal>;
  total: number;
  count: number;
}

export type OverBudgetLevel = 'actual' | 'committed' | 'projected';

export interface BudgetView {
  budget: number;
  actual: number;
  committed: number;
  estimated: number;
  /** Every line, whatever its stage: what the event costs if all estimates are spent. */
  projected: number;
  /** The most serious overrun, or null when everything fits. */
  overLevel: OverBudgetLevel | null;
  overBy: number;
  remaining: number;
  /** Widths of the stacked bar's segments and the budget marker, in % of the bar. */
  actualPercent: number;
  committedPercent: number;
  estimatedPercent: number;
  budgetPercent: number;
  /** Projected spend as a whole percentage of the budget. */
  usedPercent: number;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A doctor's display name from a `Doctor__r` node. */
function doctorName(node: GraphqlNode | null | undefined, id: string): string {
  const d = plainRecord<Doctor>(node);
  return hcpName(node ? { ...d, Id: id } : undefined, id);
}

/** The event's expense lines, newest first (undated estimates last), then by category. */
export function linesFrom(data: unknown): ExpenseLine[] {
  const lines = nodesOf(data, 'CME_Expense__c').map((node) => {
    const e = plainRecord<{
      Id: string;
      Category__c?: string | null;
      Amount__c?: number | null;
      Stage__c?: string | null;
      Doctor__c?: string | null;
      Vendor__c?: string | null;
      Receipt_Reference__c?: string | null;
      Incurred_On__c?: string | null;
      Payment_Form__c?: string | null;
      Description__c?: string | null;
    }>(node);
    const doctorId = e.Doctor__c || null;
    return {
      id: e.Id,
      category: text(e.Category__c),
      categoryLabel: displayOf(node, 'Category__c'),
      amount: num(e.Amount__c),
      amountDisplay: displayOf(node, 'Amount__c'),
      stage: text(e.Stage__c),
      stageLabel: displayOf(node, 'Stage__c'),
      doctorId,
      doctorName: doctorId ? doctorName(node.Doctor__r as GraphqlNode | undefined, doctorId) : '',
      vendor: text(e.Vendor__c),
      receipt: text(e.Receipt_Reference__c),
      incurredOn: e.Incurred_On__c || null,
      incurredOnDisplay: displayOf(node, 'Incurred_On__c'),
      paymentForm: e.Payment_Form__c || null,
      description: text(e.Description__c),
    };
  });
  return lines.sort((a, b) => {
    if (a.incurredOn !== b.incurredOn) {
      if (!a.incurredOn) return 1;
      if (!b.incurredOn) return -1;
      return a.incurredOn < b.incurredOn ? 1 : -1;
    }
    return a.categoryLabel.localeCompare(b.categoryLabel) || a.id.localeCompare(b.id);
  });
}

/** Amount and number of lines per stage, and over all lines (cent-exact). */
export function totalsOf(lines: readonly ExpenseLine[]): Totals {
  const byStage: Record<string, StageTotal> = {};
  for (const stage of STAGES) {
    const inStage = lines.filter((l) => l.stage === stage);
    byStage[stage] = { stage, amount: sumMoney(inStage.map((l) => l.amount)), count: inStage.length };
  }
  return { byStage, total: sumMoney(lines.map((l) => l.amount)), count: lines.length };
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/**
 * Budget against spend. The overrun reported is the most serious one: actual spend alone, then
 * committed + actual (money already promised, as BUDGET_OVERRUN counts it), then every line.
 */
export function budgetView(budget: number, totals: Totals): BudgetView {
  const actual = totals.byStage.Actual.amount;
  const committed = totals.byStage.Committed.amount;
  const estimated = totals.byStage.Estimated.amount;
  const projected = totals.total;
  const committedAndActual = sumMoney([actual, committed]);
  let overLevel: OverBudgetLevel | null = null;
  let overBy = 0;
  if (budget > 0) {
    if (actual > budget) [overLevel, overBy] = ['actual', actual - budget];
    else if (committedAndActual > budget) [overLevel, overBy] = ['committed', committedAndActual - budget];
    else if (projected > budget) [overLevel, overBy] = ['projected', projected - budget];
  }
  const scale = Math.max(budget, projected);
  return {
    budget,
    actual,
    committed,
    estimated,
    projected,
    overLevel,
    overBy: sumMoney([overBy]),
    remaining: sumMoney([budget, -projected]),
    actualPercent: percent(actual, scale),
    committedPercent: percent(committed, scale),
    estimatedPercent: percent(estimated, scale),
    budgetPercent: percent(budget, scale),
    usedPercent: budget > 0 ? Math.round((projected / budget) * 100) : 0,
  };
}

export interface DoctorOption {
  label: string;
  value: string;
}

/**
 * Doctors an expense can be paid to directly: the event's live invitees (not Declined or Cancelled),
 * everyone who attended (walk-ins too), and anyone a line already names. Faculty roles are shown.
 */
export function doctorOptions(data: unknown, lines: readonly ExpenseLine[] = []): DoctorOption[] {
  const byId = new Map<string, { name: string; note: string }>();
  for (const node of nodesOf(data, 'CME_Invitation__c')) {
    const inv = plainRecord<{ Doctor__c?: string | null; Status__c?: string | null; Role__c?: string | null }>(node);
    if (!inv.Doctor__c || inv.Status__c === 'Declined' || inv.Status__c === 'Cancelled') continue;
    const role = inv.Role__c && inv.Role__c !== 'Attendee' ? displayOf(node, 'Role__c') : '';
    byId.set(inv.Doctor__c, { name: doctorName(node.Doctor__r as GraphqlNode | undefined, inv.Doctor__c), note: role });
  }
  for (const node of nodesOf(data, 'CME_Attendance__c')) {
    const doctorId = text(plainRecord<{ Doctor__c?: string }>(node).Doctor__c);
    if (doctorId && !byId.has(doctorId))
      byId.set(doctorId, { name: doctorName(node.Doctor__r as GraphqlNode | undefined, doctorId), note: '' });
  }
  for (const line of lines)
    if (line.doctorId && !byId.has(line.doctorId)) byId.set(line.doctorId, { name: line.doctorName, note: '' });
  return [...byId.entries()]
    .map(([value, { name, note }]) => ({ value, label: note ? `${name} · ${note}` : name }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export interface ExpenseDraft {
  category: string;
  amount: string;
  stage: string;
  doctor: string;
  incurredOn: string;
  paymentForm: string;
  vendor: string;
  receipt: string;
  description: string;
}

export type ExpenseProblem = 'required' | 'positive' | 'honorarium' | 'actualDate';

/** Field API name → what is wrong, mirroring Amount_Positive, Honorarium_Needs_Doctor, Actual_Needs_Date. */
export function expenseProblems(draft: ExpenseDraft): Record<string, ExpenseProblem> {
  const problems: Record<string, ExpenseProblem> = {};
  if (!draft.category) problems.Category__c = 'required';
  const amount = draft.amount.trim() === '' ? NaN : Number(draft.amount);
  if (draft.amount.trim() === '') problems.Amount__c = 'required';
  else if (!Number.isFinite(amount) || amount <= 0) problems.Amount__c = 'positive';
  if (!draft.stage) problems.Stage__c = 'required';
  if (draft.category === 'Speaker Honorarium' && (!draft.doctor || draft.doctor === SHARED))
    problems.Doctor__c = 'honorarium';
  if (draft.stage === 'Actual' && !draft.incurredOn) problems.Incurred_On__c = 'actualDate';
  return problems;
}

/** The problem of a stage change (Actual needs the date the cost was incurred). */
export function stageChangeProblem(stage: string, incurredOn: string): ExpenseProblem | null {
  if (!stage) return 'required';
  return stage === 'Actual' && !incurredOn ? 'actualDate' : null;
}

/** The usual form of payment for a category: fees in cash, everything else in kind. */
export function suggestedPaymentForm(category: string): PaymentForm | '' {
  if (!category) return '';
  return paymentFormFor({ Id: '', Event__c: '', Category__c: category as ExpenseCategory });
}

/** A unique Expense_Key__c: the event, the time in base 36 and a random tail, at most 80 characters. */
export function expenseKey(eventId: string, now: number = Date.now(), random: () => number = Math.random): string {
  const tail = random().toString(36).slice(2, 8).padEnd(6, '0');
  return `${eventId}:${now.toString(36)}${tail}`.slice(0, EXPENSE_KEY_MAX_LENGTH);
}

export interface ServerErrors {
  /** Field API name → messages, for fields the form shows. */
  fields: Record<string, string[]>;
  /** Messages not tied to a field the form shows. */
  general: string[];
}

/** Splits a UI API write error into messages under the form's fields and the rest. */
export function serverErrorsOf(error: unknown, formFields: readonly string[]): ServerErrors {
  const out: ServerErrors = { fields: {}, general: [] };
  const parts = recordErrorParts(error);
  for (const [field, messages] of Object.entries(parts?.fieldErrors ?? {})) {
    if (formFields.includes(field)) out.fields[field] = [...(out.fields[field] ?? []), ...messages];
    else out.general.push(...messages);
  }
  out.general.push(...(parts?.errors ?? []));
  return out;
}
