// What a certificate run reads from the org: the event (by Event_Key__c or record Id) with its
// accreditation, its attendance with each attendee's name and identifiers (through Doctor__r, one
// query), and the minimum minutes its rule pack's ATTENDANCE_EVIDENCE rule asks of a virtual log.
// REST only: an event has thousands of attendees at most, a page or two.
import { ruleSetting } from '../domain/cmeDomain.ts';
import type { CreditAttendance, CreditEvent, Doctor } from '../domain/cmeDomain.ts';
import type { OrgApi } from '../org/api.ts';
import { eventWhere, queryPages, soqlString, datetimeFields as datetimes, textFields as text } from '../org/query.ts';
import type { FieldKinds, FlatRow } from '../org/query.ts';
import { readRulePacks } from '../org/rulePacks.ts';
import { packageCheck } from '../report/errors.ts';
import { ATTENDANCE_FIELDS, DOCTOR_FIELDS, EVENT_FIELDS } from '../report/fields.ts';

/** The audit pack's event fields, and the two credit depends on besides. */
export const CERTIFICATE_EVENT_FIELDS: FieldKinds = {
  ...EVENT_FIELDS,
  Accreditation_Credits__c: 'number',
  Evaluation_Required__c: 'boolean',
};

/** The audit pack's attendance fields, the key and the evaluation, and the attendee through Doctor__r. */
export const CERTIFICATE_ATTENDANCE_FIELDS: FieldKinds = {
  ...ATTENDANCE_FIELDS,
  ...text('Attendance_Key__c'),
  ...datetimes('Evaluated_On__c'),
  ...Object.fromEntries(
    Object.entries(DOCTOR_FIELDS)
      .filter(([field]) => field !== 'Id')
      .map(([field, kind]) => [`Doctor__r.${field}`, kind]),
  ),
};

export interface CertificateEvent extends CreditEvent {
  Event_Key__c?: string | null;
}

export interface CertificateDoctor extends Doctor {
  CME_HCP_Key__c?: string | null;
}

export interface CertificateAttendance extends CreditAttendance {
  Attendance_Key__c?: string | null;
  /** The Contact of Doctor__c; null for an attendance without one. */
  doctor: CertificateDoctor | null;
}

export interface CertificateData {
  event: CertificateEvent;
  attendance: CertificateAttendance[];
  /** The event's rule pack's ATTENDANCE_EVIDENCE Limit__c; null without a pack or a limit. */
  evidenceMinimumMinutes: number | null;
  /** The rule pack that judged the evidence, by code; null without one. */
  rulePackCode: string | null;
}

async function allRows(api: OrgApi, spec: Parameters<typeof queryPages>[1]): Promise<FlatRow[]> {
  const rows: FlatRow[] = [];
  for await (const page of queryPages(api, spec, { bulk: false })) rows.push(...page);
  return rows;
}

function attendanceOf(row: FlatRow): CertificateAttendance {
  const record: Record<string, unknown> = {};
  const doctor: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith('Doctor__r.')) doctor[key.slice('Doctor__r.'.length)] = value;
    else record[key] = value;
  }
  const hasDoctor = typeof row.Doctor__c === 'string' && row.Doctor__c !== '';
  return {
    ...(record as unknown as CreditAttendance),
    doctor: hasDoctor ? ({ ...doctor, Id: row.Doctor__c } as CertificateDoctor) : null,
  };
}

/** The event, or null when no event has that key or Id. */
export async function readCertificateEvent(api: OrgApi, reference: string): Promise<CertificateEvent | null> {
  const rows = await packageCheck(() =>
    allRows(api, { object: 'CME_Event__c', fields: CERTIFICATE_EVENT_FIELDS, where: eventWhere(reference) }),
  );
  // An Id and a key could name two events; the Id is the one the user copied from the record page.
  const exact = rows.find((r) => r.Id === reference) ?? rows[0];
  return exact ? (exact as unknown as CertificateEvent) : null;
}

/** The event's attendance, each with its attendee, and its rule pack's evidence minimum. */
export async function readCertificateAttendance(
  api: OrgApi,
  event: CertificateEvent,
): Promise<Omit<CertificateData, 'event'>> {
  const rows = await packageCheck(() =>
    allRows(api, {
      object: 'CME_Attendance__c',
      fields: CERTIFICATE_ATTENDANCE_FIELDS,
      where: `Event__c = ${soqlString(event.Id)}`,
      orderBy: 'Id',
    }),
  );
  let evidenceMinimumMinutes: number | null = null;
  let rulePackCode: string | null = null;
  if (event.Rule_Pack__c) {
    const packs = await readRulePacks(api);
    const pack = [...packs.values()].find((p) => p.id === event.Rule_Pack__c);
    if (pack) {
      evidenceMinimumMinutes = ruleSetting(pack, 'ATTENDANCE_EVIDENCE').limit;
      rulePackCode = pack.code;
    }
  }
  return { attendance: rows.map(attendanceOf), evidenceMinimumMinutes, rulePackCode };
}
