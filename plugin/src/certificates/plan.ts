// Who gets a certificate and who does not, and why: each attendance judged by the domain core's
// creditOutcome, one decision per doctor (a doctor with two attendance records of one event — an
// import that missed the existing one — is certified once, on the record that earns most), the
// certificate kind (physician or other learner) and the file it goes to; then the credit register's
// rows. Pure: the build writes what this decides.
import { creditOutcome, formatCredits, isPhysician } from '../domain/cmeDomain.ts';
import type { CreditOutcome } from '../domain/cmeDomain.ts';
import type { CellValue } from '../report/csv.ts';
import type { CertificateKind } from '../schema/certificates.ts';
import type { CertificateAttendance, CertificateData, CertificateDoctor } from './read.ts';

/** Reasons the plugin adds to the domain core's: about the records, not the credit rules. */
export type RecordIneligibility = 'no-doctor' | 'duplicate-attendance';

export interface CertificateEntry {
  attendance: CertificateAttendance;
  doctor: CertificateDoctor | null;
  outcome: CreditOutcome;
  /** Set when a certificate is issued. */
  certificate: { kind: CertificateKind; id: string; file: string } | null;
  /** Why not, when there is no certificate: the domain core's reason or a record problem. */
  reason: string | null;
  detail: string | null;
}

export interface CertificatePlan {
  entries: CertificateEntry[];
  eligible: number;
  notEligible: number;
}

/** 'Sharma, Riya' order: last name, first name, then the Id so the order is total. */
function compareDoctors(a: CertificateEntry, b: CertificateEntry): number {
  const key = (e: CertificateEntry) =>
    [
      e.doctor?.LastName ?? e.doctor?.Name ?? '',
      e.doctor?.FirstName ?? '',
      e.doctor?.Id ?? '',
      e.attendance.Id,
    ] as const;
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) {
    const c = x[i].localeCompare(y[i], 'en', { sensitivity: 'base' });
    if (c) return c;
  }
  return x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0;
}

/** File-name-safe ASCII of a name: accents dropped (é → e), anything else a hyphen. */
export function fileSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The certificate's identifier: the event's key and the doctor's key (or Ids where either has none). */
export function certificateId(eventKey: string, doctor: CertificateDoctor): string {
  return `${eventKey}-${doctor.CME_HCP_Key__c || doctor.Id}`;
}

/** Where a doctor's certificate goes, under the bag's data/: certificates/<name>-<id>.pdf. */
export function certificateFile(doctor: CertificateDoctor): string {
  const name = fileSlug([doctor.LastName, doctor.FirstName].filter(Boolean).join(' ') || (doctor.Name ?? ''));
  return `certificates/${name ? `${name}-` : ''}${doctor.Id}.pdf`;
}

function entryOf(
  data: CertificateData,
  attendance: CertificateAttendance,
  now: number,
): Omit<CertificateEntry, 'certificate'> {
  const outcome = creditOutcome(data.event, attendance, {
    now,
    evidenceMinimumMinutes: data.evidenceMinimumMinutes,
  });
  if (!attendance.doctor)
    return {
      attendance,
      doctor: null,
      outcome,
      reason: 'no-doctor',
      detail: 'the attendance names no doctor (Doctor__c is blank)',
    };
  return {
    attendance,
    doctor: attendance.doctor,
    outcome,
    reason: outcome.eligible ? null : outcome.reason,
    detail: outcome.eligible ? null : outcome.detail,
  };
}

/** Each attendance of the event with its decision, in the register's order (by doctor name). */
export function planCertificates(data: CertificateData, now: number): CertificatePlan {
  const eventKey = data.event.Event_Key__c || data.event.Id;
  const judged = data.attendance.map((a) => entryOf(data, a, now));
  // The record that earns most, per doctor; ties go to the first by Id (the read's order).
  const best = new Map<string, Omit<CertificateEntry, 'certificate'>>();
  for (const entry of judged) {
    if (!entry.doctor || entry.reason) continue;
    const kept = best.get(entry.doctor.Id);
    if (!kept || entry.outcome.credits > kept.outcome.credits) best.set(entry.doctor.Id, entry);
  }
  const entries: CertificateEntry[] = judged.map((entry) => {
    const doctor = entry.doctor;
    if (!doctor || entry.reason) return { ...entry, certificate: null };
    if (best.get(doctor.Id) !== entry)
      return {
        ...entry,
        certificate: null,
        reason: 'duplicate-attendance',
        detail: `another attendance of the same doctor at this event (${best.get(doctor.Id)?.attendance.Id}) carries the certificate`,
      };
    const kind: CertificateKind = isPhysician(doctor) ? 'physician' : 'participant';
    return {
      ...entry,
      certificate: { kind, id: certificateId(eventKey, doctor), file: certificateFile(doctor) },
    };
  });
  entries.sort(compareDoctors);
  const eligible = entries.filter((e) => e.certificate).length;
  return { entries, eligible, notEligible: entries.length - eligible };
}

/** Whether a --doctor value names this doctor: its Contact Id (15 or 18 characters) or CME_HCP_Key__c. */
export function namesDoctor(reference: string, doctor: CertificateDoctor): boolean {
  const ref = reference.trim();
  if (doctor.CME_HCP_Key__c && doctor.CME_HCP_Key__c === ref) return true;
  if (ref.length === 18) return doctor.Id === ref;
  // A 15-character Id is the case-sensitive start of the 18-character one.
  return ref.length === 15 && doctor.Id.slice(0, 15) === ref;
}

export const REGISTER_COLUMNS = [
  'Attendance Id',
  'Attendance Key',
  'Doctor Id',
  'HCP Key',
  'Doctor',
  'Primary Type',
  'NPI',
  'Registration Number',
  'Registration Council',
  'Mode',
  'Sign-In Method',
  'Minutes Attended',
  'Minutes From',
  'Evaluated On',
  'Eligible',
  'Credits Claimed',
  'Credit Type',
  'Certificate Id',
  'Certificate File',
  'Reason Code',
  'Reason',
] as const;

/** The credit type a register row names: the certificate kind's credit, in the plural. */
export type CreditTypeNames = Readonly<Record<CertificateKind, string>>;

/** One row of the credit register: every attendee, with the credits claimed or why there are none. */
export function registerRow(entry: CertificateEntry, creditTypes: CreditTypeNames): CellValue[] {
  const { attendance: a, doctor: d, outcome, certificate } = entry;
  return [
    a.Id,
    a.Attendance_Key__c ?? null,
    d?.Id ?? null,
    d?.CME_HCP_Key__c ?? null,
    d?.Name ?? null,
    d?.CME_Primary_Type__c ?? null,
    d?.CME_NPI__c ?? null,
    d?.CME_Registration_Number__c ?? null,
    d?.CME_Registration_Council__c ?? null,
    a.Mode__c ?? null,
    a.Sign_In_Method__c ?? null,
    outcome.minutes,
    outcome.minutesSource,
    a.Evaluated_On__c ?? null,
    certificate !== null,
    // A number, so a spreadsheet sums the column; 0 for every row without a certificate.
    certificate ? Number(formatCredits(outcome.credits)) : 0,
    certificate ? creditTypes[certificate.kind] : null,
    certificate?.id ?? null,
    certificate ? `data/${certificate.file}` : null,
    entry.reason,
    entry.detail,
  ];
}
