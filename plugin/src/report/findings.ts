// Findings as the passes make them: kept in the spool with their sort key and their findings.csv
// cells, and tallied per event and per rule for events.csv and the summary.
import { RULE_IDS, toUtcDay } from '../domain/cmeDomain.ts';
import type { CmeEvent, Finding, RulePack } from '../domain/cmeDomain.ts';
import { FINDING_COLUMNS, cellsOf } from './columns.ts';
import type { Doctors } from './doctors.ts';
import type { CsvFile } from './files.ts';
import type { Spool } from './spool.ts';

const findingCells = cellsOf(FINDING_COLUMNS);

/** Sort key matching the domain core's sortFindings, as one string SQLite orders by bytes. */
function findingRank(f: Finding, event: CmeEvent | undefined): string {
  const sep = '\u0001';
  return [
    f.severity === 'block' ? '0' : '1',
    String(RULE_IDS.indexOf(f.ruleId)).padStart(2, '0'),
    toUtcDay(event?.Start__c) ?? '',
    f.eventId,
    f.doctorId ?? '',
    f.message,
  ].join(sep);
}

export class FindingsLog {
  public readonly byRule: Record<string, number> = {};
  public blocking = 0;
  private readonly perEvent = new Map<string, { all: number; block: number }>();
  private readonly spool: Spool;
  private readonly eventById: ReadonlyMap<string, CmeEvent>;
  private readonly doctors: Doctors;

  public constructor(spool: Spool, eventById: ReadonlyMap<string, CmeEvent>, doctors: Doctors) {
    this.spool = spool;
    this.eventById = eventById;
    this.doctors = doctors;
  }

  /** Keeps a pack's findings and counts them. */
  public add(findings: readonly Finding[], pack: RulePack): void {
    this.spool.add(
      'finding',
      findings.map((finding) => {
        const event = this.eventById.get(finding.eventId);
        this.count(finding);
        return {
          event: finding.eventId,
          doctor: finding.doctorId ?? null,
          rank: findingRank(finding, event),
          value: findingCells({ finding, event, doctor: this.doctors.get(finding.doctorId), pack }),
        };
      }),
    );
  }

  /** An event's findings, all and blocking. */
  public of(eventId: string): { all: number; block: number } {
    return this.perEvent.get(eventId) ?? { all: 0, block: 0 };
  }

  /**
   * Writes findings.csv in the documented order; returns the first 200 findings' first nine cells as
   * text, for summary.pdf.
   */
  public write(file: CsvFile): string[][] {
    const first: string[][] = [];
    for (const cells of this.spool.scan<unknown[]>('finding')) {
      file.add(cells as never);
      if (first.length < 200) first.push(cells.slice(0, 9).map((v) => (v === null ? '' : String(v))));
    }
    return first;
  }

  private count(finding: Finding): void {
    const tally = this.perEvent.get(finding.eventId) ?? { all: 0, block: 0 };
    tally.all++;
    if (finding.severity === 'block') tally.block++;
    this.perEvent.set(finding.eventId, tally);
    this.byRule[finding.ruleId] = (this.byRule[finding.ruleId] ?? 0) + 1;
    if (finding.severity === 'block') this.blocking++;
  }
}
