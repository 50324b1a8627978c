// Which rule pack judges each event, which events the window holds, and how far around the window
// the rules look back and ahead.
import { addDays, ruleSetting, toUtcDay, yearWindowOf } from '../domain/cmeDomain.ts';
import type { CmeEvent, RulePack } from '../domain/cmeDomain.ts';
import { ReportError } from './errors.ts';
import type { ReportWindow } from './types.ts';

export interface PackChoice {
  /** The pack every event is judged by (--rule-pack); undefined: each event by its own. */
  forced: RulePack | undefined;
  /** The packs that may judge an event: the forced one, else all of the org's. */
  candidates: RulePack[];
  packOf(event: CmeEvent): RulePack | undefined;
}

/** The org's packs (by code) as the report uses them; fails when there are none or --rule-pack is not one. */
export function choosePacks(packs: ReadonlyMap<string, RulePack>, rulePack: string | undefined): PackChoice {
  if (!packs.size) throw new ReportError('NoRulePacks', 'The org has no CME rule packs (CME_Rule_Pack__c is empty).');
  const packById = new Map([...packs.values()].filter((p) => p.id).map((p) => [p.id as string, p]));
  const forced = rulePack ? packs.get(rulePack) : undefined;
  if (rulePack && !forced)
    throw new ReportError('UnknownRulePack', `The org has no rule pack ${rulePack}.`, [...packs.keys()].sort());
  return {
    forced,
    candidates: forced ? [forced] : [...packs.values()],
    packOf: (event) => forced ?? (event.Rule_Pack__c ? packById.get(event.Rule_Pack__c) : undefined),
  };
}

/**
 * The days the report reads around the window: caps and event counts look at the whole pack year
 * around it, repeat topics look back their window of days.
 */
export function historyOf(window: ReportWindow, packs: readonly RulePack[]): { start: string; end: string } {
  let start = window.start;
  let end = window.end;
  for (const pack of packs) {
    const back = ruleSetting(pack, 'REPEAT_TOPIC').windowDays ?? 0;
    const earliest = [yearWindowOf(window.start, pack).start, addDays(window.start, -back)].sort()[0];
    if (earliest < start) start = earliest;
    const latest = yearWindowOf(window.end, pack).end;
    if (latest > end) end = latest;
  }
  return { start, end };
}

/** The events that start in the window, and those of them a pack judges. */
export function eventsInWindow<E extends CmeEvent>(
  events: readonly E[],
  window: ReportWindow,
  packOf: (event: CmeEvent) => RulePack | undefined,
): { inWindow: E[]; judged: E[] } {
  const inWindow = events.filter((event) => {
    const day = toUtcDay(event.Start__c);
    return !!day && day >= window.start && day <= window.end;
  });
  return { inWindow, judged: inWindow.filter((e) => packOf(e)) };
}
