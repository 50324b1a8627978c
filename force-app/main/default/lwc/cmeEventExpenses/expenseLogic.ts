/**
 * The expenses screen's pure logic: expense lines from the GraphQL answer, totals per stage, budget
 * against estimated / committed / actual spend, the doctors an expense can be paid to.
 * The add form's checks are in cmeExpenseForm/, the table's in cmeExpenseLines/, the bar's in cmeBudgetBar/.
 */
import { hcpName, sumMoney } from 'c/cmeDomain';
import type { Doctor, ExpenseStage } from 'c/cmeDomain';
import { displayOf, nodesOf, plainRecord } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import type { ExpenseRow } from 'c/cmeExpenseLines';

export const STAGES: readonly ExpenseStage[] = ['Estimated', 'Committed', 'Actual'];

/** An expense line as the screen reads it: the row the table (c-cme-expense-lines) shows. */
export type ExpenseLine = ExpenseRow;

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
