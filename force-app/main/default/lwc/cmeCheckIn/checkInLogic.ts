/**
 * The check-in screen's pure logic: the roster of invitees and walk-ins built from the GraphQL answer,
 * in-memory search, the counts, whether the event takes attendance, duplicate detection and the
 * signature's fingerprint. No platform imports except types. (The walk-in form's rules live in
 * cmeWalkInForm/walkIn.ts, the signature's size limits in cmeSignaturePad/signature.ts.)
 */
import { hcpName, isApprovalLocked } from 'c/cmeDomain';
import type { Doctor, EventStatus } from 'c/cmeDomain';
import { hasErrorCode } from 'c/cmeErrors';
import { displayOf, nodesOf, plainRecord } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import { normalise } from 'c/cmeUi';

/** Attendance_Key__c is Text(80). */
const ATTENDANCE_KEY_MAX_LENGTH = 80;
/** Rows drawn at once; the search narrows the rest (a phone stays fast with 2,000 invitees). */
export const MAX_VISIBLE_ROWS = 50;

export interface AttendanceInfo {
  id: string;
  checkedInAt: string | null;
  mode: string | null;
  modeLabel: string;
  method: string | null;
  methodLabel: string;
  signed: boolean;
  signedName: string | null;
  signedAt: string | null;
  mealOptOut: boolean;
  minutes: number | null;
  walkIn: boolean;
}

export interface RosterEntry {
  /** The doctor's Contact id: one attendance per doctor per event. */
  key: string;
  doctorId: string;
  invitationId: string | null;
  name: string;
  firstName: string;
  lastName: string;
  specialty: string;
  city: string;
  registration: string;
  invitationStatus: string | null;
  invitationStatusLabel: string;
  role: string | null;
  roleLabel: string;
  attendance: AttendanceInfo | null;
  /** Lower-case, accent-free text the search matches against. */
  searchText: string;
}

export interface CheckInCounts {
  accepted: number;
  acceptedCheckedIn: number;
  otherInviteesCheckedIn: number;
  walkIns: number;
  checkedIn: number;
}

interface DoctorFields {
  Id?: string;
  Name?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  CME_Primary_Type__c?: Doctor['CME_Primary_Type__c'];
  CME_Specialty__c?: string | null;
  MailingCity?: string | null;
  CME_Registration_Number__c?: string | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

// The check-in test reads normalise from here.
export { normalise };

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function doctorOf(node: GraphqlNode | undefined): { plain: DoctorFields; specialtyLabel: string } {
  const doctorNode = (node?.Doctor__r ?? undefined) as GraphqlNode | undefined;
  return { plain: plainRecord<DoctorFields>(doctorNode), specialtyLabel: displayOf(doctorNode, 'CME_Specialty__c') };
}

function attendanceFromNode(node: GraphqlNode): AttendanceInfo {
  const a = plainRecord<{
    Id: string;
    Checked_In_At__c?: string | null;
    Mode__c?: string | null;
    Sign_In_Method__c?: string | null;
    Signature_SHA256__c?: string | null;
    Signed_Name__c?: string | null;
    Signed_At__c?: string | null;
    Meal_Opt_Out__c?: boolean | null;
    Minutes_Attended__c?: number | null;
    Walk_In__c?: boolean | null;
  }>(node);
  return {
    id: a.Id,
    checkedInAt: a.Checked_In_At__c ?? null,
    mode: a.Mode__c ?? null,
    modeLabel: displayOf(node, 'Mode__c'),
    method: a.Sign_In_Method__c ?? null,
    methodLabel: displayOf(node, 'Sign_In_Method__c'),
    signed: SHA256_HEX.test(a.Signature_SHA256__c ?? ''),
    signedName: a.Signed_Name__c ?? null,
    signedAt: a.Signed_At__c ?? null,
    mealOptOut: a.Meal_Opt_Out__c === true,
    minutes: typeof a.Minutes_Attended__c === 'number' ? a.Minutes_Attended__c : null,
    walkIn: a.Walk_In__c === true,
  };
}

function entryFor(
  doctorId: string,
  doctor: DoctorFields,
  specialtyLabel: string,
  invitation: { id: string; status: string | null; statusLabel: string; role: string | null; roleLabel: string } | null,
  attendance: AttendanceInfo | null,
): RosterEntry {
  const name = hcpName(
    {
      Id: doctorId,
      Name: doctor.Name,
      FirstName: doctor.FirstName,
      LastName: doctor.LastName,
      CME_Primary_Type__c: doctor.CME_Primary_Type__c,
    },
    doctorId,
  );
  const specialty = specialtyLabel || text(doctor.CME_Specialty__c);
  const city = text(doctor.MailingCity);
  const registration = text(doctor.CME_Registration_Number__c);
  return {
    key: doctorId,
    doctorId,
    invitationId: invitation?.id ?? null,
    name,
    firstName: text(doctor.FirstName),
    lastName: text(doctor.LastName) || text(doctor.Name),
    specialty,
    city,
    registration,
    invitationStatus: invitation?.status ?? null,
    invitationStatusLabel: invitation?.statusLabel ?? '',
    role: invitation?.role ?? null,
    roleLabel: invitation?.roleLabel ?? '',
    attendance,
    searchText: normalise([name, specialty, city, registration].join(' ')),
  };
}

function compareEntries(a: RosterEntry, b: RosterEntry): number {
  const byLast = a.lastName.localeCompare(b.lastName, undefined, { sensitivity: 'base' });
  if (byLast !== 0) return byLast;
  const byFirst = a.firstName.localeCompare(b.firstName, undefined, { sensitivity: 'base' });
  return byFirst !== 0 ? byFirst : a.key.localeCompare(b.key);
}

/**
 * One entry per doctor: every invitation of the event with the doctor's attendance (matched by doctor,
 * as Attendance_Key__c is event + doctor), then attendances without an invitation (walk-ins).
 * `extra` are attendances created on this screen that the query has not returned yet.
 */
export function buildRoster(
  data: unknown,
  extra: readonly { doctorNode: GraphqlNode; attendance: AttendanceInfo }[] = [],
): RosterEntry[] {
  const attendanceByDoctor = new Map<string, { node: GraphqlNode; info: AttendanceInfo }>();
  for (const node of nodesOf(data, 'CME_Attendance__c')) {
    const doctorId = text(plainRecord<{ Doctor__c?: string }>(node).Doctor__c);
    if (doctorId) attendanceByDoctor.set(doctorId, { node, info: attendanceFromNode(node) });
  }
  for (const e of extra) {
    const doctorId = text(e.doctorNode.Id);
    if (doctorId && !attendanceByDoctor.has(doctorId))
      attendanceByDoctor.set(doctorId, { node: { Doctor__r: e.doctorNode }, info: e.attendance });
  }
  const entries = new Map<string, RosterEntry>();
  for (const node of nodesOf(data, 'CME_Invitation__c')) {
    const inv = plainRecord<{ Id: string; Doctor__c?: string; Status__c?: string | null; Role__c?: string | null }>(
      node,
    );
    const doctorId = text(inv.Doctor__c);
    if (!doctorId || entries.has(doctorId)) continue;
    const { plain, specialtyLabel } = doctorOf(node);
    entries.set(
      doctorId,
      entryFor(
        doctorId,
        plain,
        specialtyLabel,
        {
          id: inv.Id,
          status: inv.Status__c ?? null,
          statusLabel: displayOf(node, 'Status__c'),
          role: inv.Role__c ?? null,
          roleLabel: displayOf(node, 'Role__c'),
        },
        attendanceByDoctor.get(doctorId)?.info ?? null,
      ),
    );
  }
  for (const [doctorId, { node, info }] of attendanceByDoctor) {
    if (entries.has(doctorId)) continue;
    const { plain, specialtyLabel } = doctorOf(node);
    entries.set(doctorId, entryFor(doctorId, plain, specialtyLabel, null, info));
  }
  return [...entries.values()].sort(compareEntries);
}

/** The attendances created on this screen that the query `data` does not return yet. */
export function notYetReturned<T extends { doctorNode: GraphqlNode }>(optimistic: readonly T[], data: unknown): T[] {
  const present = new Set(buildRoster(data).map((e) => (e.attendance ? e.doctorId : '')));
  return optimistic.filter((o) => !present.has(String(o.doctorNode.Id)));
}

/** The roster with the changes saved on this screen that the query does not show yet. */
export function withPatches(
  entries: RosterEntry[],
  patches: Readonly<Record<string, Partial<AttendanceInfo>>>,
): RosterEntry[] {
  if (!Object.keys(patches).length) return entries;
  return entries.map((e) => {
    const patch = e.attendance ? patches[e.attendance.id] : undefined;
    return patch && e.attendance ? { ...e, attendance: { ...e.attendance, ...patch } } : e;
  });
}

/** Entries whose name, specialty, city or registration number contain every word typed. */
export function filterRoster(entries: readonly RosterEntry[], query: string): RosterEntry[] {
  const words = normalise(query).split(' ').filter(Boolean);
  if (!words.length) return [...entries];
  return entries.filter((e) => words.every((w) => e.searchText.includes(w)));
}

export function countRoster(entries: readonly RosterEntry[]): CheckInCounts {
  const counts: CheckInCounts = {
    accepted: 0,
    acceptedCheckedIn: 0,
    otherInviteesCheckedIn: 0,
    walkIns: 0,
    checkedIn: 0,
  };
  for (const e of entries) {
    const checkedIn = e.attendance !== null;
    if (e.invitationStatus === 'Accepted') counts.accepted++;
    if (checkedIn) counts.checkedIn++;
    if (!checkedIn) continue;
    if (!e.invitationId) counts.walkIns++;
    else if (e.invitationStatus === 'Accepted') counts.acceptedCheckedIn++;
    else counts.otherInviteesCheckedIn++;
  }
  return counts;
}

export type CheckInAvailability = 'open' | 'late' | 'not-yet' | 'locked' | 'cancelled' | 'closed' | 'unknown';

/**
 * Whether attendance can be recorded. The Attendance_Only_On_Held_Events rule accepts only events
 * that are Approved (being held) or Completed (late entries); before approval it is "not yet", a
 * cancelled or closed event takes none any more.
 */
export function checkInAvailability(status: EventStatus | string | null | undefined): CheckInAvailability {
  // Salesforce locks an event in approval and its master-detail children (attendance among them).
  if (isApprovalLocked(status)) return 'locked';
  switch (status) {
    case 'Approved':
      return 'open';
    case 'Completed':
      return 'late';
    case 'Draft':
    case 'Rejected':
      return 'not-yet';
    case 'Cancelled':
      return 'cancelled';
    case 'Closed':
      return 'closed';
    default:
      return 'unknown';
  }
}

export function canRecordAttendance(availability: CheckInAvailability): boolean {
  return availability === 'open' || availability === 'late';
}

/** Attendance_Key__c: event and doctor, one attendance per doctor per event. */
export function attendanceKey(eventId: string, doctorId: string): string {
  return `${eventId}:${doctorId}`.slice(0, ATTENDANCE_KEY_MAX_LENGTH);
}

/** Virtual events check in online; in-person and hybrid default to the venue (hybrid can switch). */
export function defaultMode(format: string | null | undefined): 'In-Person' | 'Virtual' {
  return format === 'Virtual' ? 'Virtual' : 'In-Person';
}

/**
 * The sign-in method recorded at check-in. A virtual attendee is evidenced by the platform log, which
 * needs the minutes (Virtual_Log_Needs_Minutes), so the method is set when the minutes are entered.
 */
export function checkInMethod(mode: string, configured: string | null | undefined): string | null {
  if (mode === 'Virtual') return null;
  return configured === 'Paper Sheet' ? 'Paper Sheet' : 'E-Signature';
}

/** A write refused because the record's unique key is taken (Attendance_Key__c: already checked in). */
export function isDuplicateError(error: unknown): boolean {
  return hasErrorCode(error, 'DUPLICATE_VALUE');
}

/** "Priya Shah" typed in the search → first and last name for the walk-in form. */
export function splitName(query: string): { firstName: string; lastName: string } {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: '', lastName: '' };
  if (words.length === 1) return { firstName: '', lastName: words[0] };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

/** "09:12" in the event's time zone (the browser's when it has none or an unknown one). */
export function formatClock(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/** SHA-256 of the text (UTF-8) as 64 lower-case hex digits, with the platform's Web Crypto. */
export async function sha256Hex(value: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto is not available');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(value));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What Signature_SHA256__c covers: the image, the printed name and the event, joined by '|', so a
 * signature cannot be moved to another record unnoticed (21 CFR 11.70; `sf cme seed` hashes the same).
 * The event is named by its Event_Key__c, or by its record id when it has no key.
 */
export function signatureHashInput(data: string, signedName: string, eventKey: string): string {
  return `${data}|${signedName}|${eventKey}`;
}
