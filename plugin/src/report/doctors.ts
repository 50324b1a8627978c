// The HCPs the report has read, by id (Contact rows with their null fields left out).
import { hcpName } from '../domain/cmeDomain.ts';
import type { Doctor } from '../domain/cmeDomain.ts';
import type { FlatRow } from '../org/query.ts';

export type ReportDoctor = Doctor & { MailingCity?: string | null; MailingCountry?: string | null };

export class Doctors {
  private readonly byId = new Map<string, ReportDoctor>();

  /** Keeps a Contact row; a null field is left out, as the domain core's optional fields expect. */
  public add(row: FlatRow): void {
    const doctor: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (v !== null) doctor[k] = v;
    this.byId.set(String(row.Id), doctor as unknown as ReportDoctor);
  }

  public has(id: string): boolean {
    return this.byId.has(id);
  }

  public get(id: string | null | undefined): ReportDoctor | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  /** The doctors read among these ids (an id the org did not return is left out). */
  public among(ids: Iterable<string>): Doctor[] {
    return [...ids].map((id) => this.byId.get(id)).filter((d): d is ReportDoctor => !!d);
  }

  /** "Dr Name" (or "HCP <id>" when unknown); '' without an id. */
  public nameOf(id: string | null | undefined): string {
    return id ? hcpName(this.byId.get(id), id) : '';
  }
}
