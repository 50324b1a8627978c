/** Small readings of the records that several compliance rules share (rules.ts). Pure. */
import { sumMoney } from './money';
import { compareText } from './order';
import type { CmeEvent, Expense, Invitation } from './types';
import { toUtcDay } from './windows';

// ---------------------------------------------------------------------------------------------------
// Small shared readings of the records
// ---------------------------------------------------------------------------------------------------

export function startDay(event: CmeEvent): string | null {
  return toUtcDay(event.Start__c);
}

export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

export function acceptedDoctorIds(invitations: readonly Invitation[]): string[] {
  return distinct(invitations.filter((i) => i.Status__c === 'Accepted' && i.Doctor__c).map((i) => i.Doctor__c));
}

/** Direct lines (Doctor__c set) in any stage, grouped by HCP. */
export function directLinesByDoctor(
  expenses: readonly Expense[],
  category?: Expense['Category__c'],
): Map<string, Expense[]> {
  const byDoctor = new Map<string, Expense[]>();
  for (const e of expenses) {
    if (!e.Doctor__c || !e.Amount__c || (category && e.Category__c !== category)) continue;
    const lines = byDoctor.get(e.Doctor__c);
    if (lines) lines.push(e);
    else byDoctor.set(e.Doctor__c, [e]);
  }
  return new Map([...byDoctor].sort(([a], [b]) => compareText(a, b)));
}

export function amountOf(lines: readonly Expense[]): number {
  return sumMoney(lines.map((l) => l.Amount__c ?? 0));
}

export function idsOf(rows: readonly { Id: string }[]): string[] {
  return rows.map((r) => r.Id).sort(compareText);
}

export function roleLabel(role: string | null | undefined): string {
  return role ? role.toLowerCase() : 'walk-in';
}
