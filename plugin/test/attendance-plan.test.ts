// What an attendance import writes: new attendance on the check-in screen's key, an existing one on
// its own key, nothing for a record that would not change, a longer later report updating, a shorter
// one keeping what is recorded, in-person attendance of a hybrid event kept, walk-ins flagged, and
// everyone who is not a clear match left for review.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { emailChunks } from '../src/attendance/org.ts';
import { soqlString } from '../src/org/query.ts';
import { changedFields, checkInAttendanceKey, eventRefusal, planAttendanceImport } from '../src/attendance/plan.ts';
import type { AttendedPerson, ExistingAttendance, ImportEvent } from '../src/attendance/plan.ts';
import type { MatchCandidate, MatchOutcome } from '../src/attendance/types.ts';
import { parseCollectionResults, resolveAttendanceImportFlags } from '../src/schema/attendanceImport.ts';

const EVENT = 'a0B000000000001AAA';

const at = (hhmm: string) => new Date(`2026-03-14T${hhmm}:00.000Z`);

function person(name: string, from: string, to: string, minutes: number, email: string | null = null): AttendedPerson {
  return { name, email, lines: [2], attended: { minutes, firstJoinedAt: at(from), lastLeftAt: at(to) } };
}

function candidate(doctorId: string, invitationId: string | null): MatchCandidate {
  return { doctorId, invitationId, firstName: 'Ana', lastName: doctorId, email: `${doctorId}@example-clinic.org` };
}

const invited = (
  p: AttendedPerson,
  doctorId: string,
  invitationId = `inv-${doctorId}`,
): MatchOutcome<AttendedPerson> => ({
  kind: 'invited',
  person: p,
  candidate: candidate(doctorId, invitationId),
  by: 'email',
});

function existingOf(doctorId: string, extra: Partial<ExistingAttendance> = {}): ExistingAttendance {
  return {
    id: `att-${doctorId}`,
    key: `EVT-00001:${doctorId}`,
    doctorId,
    invitationId: `inv-${doctorId}`,
    mode: 'Virtual',
    minutes: 60,
    checkedInAt: '2026-03-14T09:00:00.000Z',
    checkedOutAt: '2026-03-14T10:00:00.000Z',
    signInMethod: 'Virtual Log',
    walkIn: false,
    ...extra,
  };
}

describe('attendance import plan', () => {
  it("gives a new attendance the check-in screen's key and every field", () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '10:30', 90), 'D1')],
      existing: [],
    });
    assert.equal(plan.writes.length, 1);
    const [write] = plan.writes;
    assert.equal(write.key, `${EVENT}:D1`);
    assert.equal(write.change, 'create');
    assert.deepEqual(write.fields, {
      Event__c: EVENT,
      Doctor__c: 'D1',
      Minutes_Attended__c: 90,
      Checked_In_At__c: '2026-03-14T09:00:00.000Z',
      Checked_Out_At__c: '2026-03-14T10:30:00.000Z',
      Mode__c: 'Virtual',
      Sign_In_Method__c: 'Virtual Log',
      Invitation__c: 'inv-D1',
      Walk_In__c: false,
    });
    assert.equal(plan.counts.create, 1);
    assert.equal(plan.counts.invited, 1);
  });

  it('cuts the key to the 80 characters of Attendance_Key__c, as the check-in screen does', () => {
    assert.equal(checkInAttendanceKey('a'.repeat(50), 'b'.repeat(50)), `${'a'.repeat(50)}:${'b'.repeat(29)}`);
    assert.equal(checkInAttendanceKey('a0B1', '0031'), 'a0B1:0031');
  });

  it('writes nothing for a record that already says what the file says (idempotent)', () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '10:00', 60), 'D1')],
      existing: [existingOf('D1')],
    });
    assert.deepEqual(plan.writes, []);
    assert.equal(plan.counts.unchanged, 1);
    assert.equal(plan.kept[0].reason, 'unchanged');
  });

  it('compares times to the second: milliseconds in the file do not make a change', () => {
    const p = person('Ana Müller', '09:00', '10:00', 60);
    p.attended.firstJoinedAt = new Date('2026-03-14T09:00:00.900Z');
    const plan = planAttendanceImport({ eventId: EVENT, outcomes: [invited(p, 'D1')], existing: [existingOf('D1')] });
    assert.equal(plan.counts.unchanged, 1);
  });

  it("updates a longer later report's minutes and times on the existing record's own key", () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '10:45', 105), 'D1')],
      existing: [existingOf('D1')],
    });
    assert.equal(plan.writes.length, 1);
    const [write] = plan.writes;
    assert.equal(write.key, 'EVT-00001:D1', 'the seed key is reused, not replaced by the check-in form');
    assert.equal(write.change, 'update');
    assert.equal(write.existingId, null);
    assert.deepEqual(write.fields, { Minutes_Attended__c: 105, Checked_Out_At__c: '2026-03-14T10:45:00.000Z' });
    assert.equal(write.previousMinutes, 60);
  });

  it('keeps the recorded minutes when a later report is shorter, and lists it', () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '09:40', 40), 'D1')],
      existing: [existingOf('D1')],
    });
    assert.deepEqual(plan.writes, []);
    assert.equal(plan.counts.keptLonger, 1);
    assert.equal(plan.kept[0].reason, 'longer-on-record');
    assert.equal(plan.kept[0].recordedMinutes, 60);
  });

  it("keeps a hybrid event's in-person attendance as it is", () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '11:00', 120), 'D1')],
      existing: [existingOf('D1', { mode: 'In-Person', signInMethod: 'E-Signature', minutes: 30 })],
    });
    assert.deepEqual(plan.writes, []);
    assert.equal(plan.counts.keptInPerson, 1);
    assert.equal(plan.kept[0].reason, 'in-person');
  });

  it('adds a Contact matched by e-mail who was not invited as a walk-in without an invitation', () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [
        {
          kind: 'walk-in',
          person: person('José Núñez', '09:05', '10:00', 55, 'jose@example-clinic.org'),
          candidate: candidate('D9', null),
          by: 'email',
        },
      ],
      existing: [],
    });
    assert.equal(plan.writes[0].fields.Walk_In__c, true);
    assert.equal(plan.writes[0].fields.Invitation__c, null);
    assert.equal(plan.writes[0].match, 'walk-in');
    assert.equal(plan.counts.walkIns, 1);
    assert.equal(plan.counts.invited, 0);
  });

  it('an existing record without a key is updated by Id and given the check-in key', () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '10:00', 60), 'D1')],
      existing: [existingOf('D1', { key: null })],
    });
    assert.equal(plan.writes.length, 1, 'the missing key is itself a change');
    assert.equal(plan.writes[0].existingId, 'att-D1');
    assert.equal(plan.writes[0].key, `${EVENT}:D1`);
    assert.deepEqual(plan.writes[0].fields, {});
  });

  it('a hand-typed virtual record without minutes takes the minutes and the sign-in method', () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '10:00', 60), 'D1')],
      existing: [existingOf('D1', { minutes: null, signInMethod: null, checkedInAt: null, checkedOutAt: null })],
    });
    assert.deepEqual(Object.keys(plan.writes[0].fields).sort(), [
      'Checked_In_At__c',
      'Checked_Out_At__c',
      'Minutes_Attended__c',
      'Sign_In_Method__c',
    ]);
  });

  it('lists ambiguous and unmatched people for review and writes nothing for them', () => {
    const a = person('A. Iyer', '09:00', '10:00', 60);
    const u = person('Guest 42', '09:00', '10:00', 60);
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [
        { kind: 'ambiguous', person: a, candidates: [candidate('D1', 'i1'), candidate('D2', 'i2')], by: 'name' },
        { kind: 'unmatched', person: u },
      ],
      existing: [],
    });
    assert.deepEqual(plan.writes, []);
    assert.deepEqual(
      plan.review.map((r) => [r.person.name, r.reason, r.candidates.length]),
      [
        ['A. Iyer', 'ambiguous-name', 2],
        ['Guest 42', 'unmatched', 0],
      ],
    );
    assert.equal(plan.counts.ambiguous, 1);
    assert.equal(plan.counts.unmatched, 1);
    assert.equal(plan.counts.review, 2);
  });

  it('two people of the file on one doctor are both left for review, not merged or picked', () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [
        invited(person('Ana Müller', '09:00', '10:00', 60), 'D1'),
        invited(person('Ana M. (iPad)', '09:30', '10:30', 60), 'D1'),
      ],
      existing: [],
    });
    assert.deepEqual(plan.writes, []);
    assert.deepEqual(
      plan.review.map((r) => r.reason),
      ['same-doctor', 'same-doctor'],
    );
  });

  it('a person who left in the second they joined is left for review (check-out must be after check-in)', () => {
    const plan = planAttendanceImport({
      eventId: EVENT,
      outcomes: [invited(person('Ana Müller', '09:00', '09:00', 0), 'D1')],
      existing: [],
    });
    assert.deepEqual(plan.writes, []);
    assert.equal(plan.review[0].reason, 'no-time-attended');
  });

  it('changedFields names only the fields that differ', () => {
    const fields = {
      Minutes_Attended__c: 60,
      Checked_In_At__c: '2026-03-14T09:00:00.000Z',
      Checked_Out_At__c: '2026-03-14T10:00:00.000Z',
      Mode__c: 'Virtual',
      Sign_In_Method__c: 'Virtual Log',
      Invitation__c: null,
      Walk_In__c: true,
    } as const;
    assert.deepEqual(changedFields(existingOf('D1'), fields), { Invitation__c: null, Walk_In__c: true });
  });
});

describe('which events take a virtual attendance import', () => {
  const now = new Date('2026-03-20T00:00:00Z');
  const event = (extra: Partial<ImportEvent>): ImportEvent => ({
    id: EVENT,
    key: 'EVT-00001',
    name: 'Webinar',
    format: 'Virtual',
    status: 'Completed',
    start: '2026-03-14T09:00:00.000Z',
    end: '2026-03-14T11:00:00.000Z',
    timeZone: 'Europe/Berlin',
    ...extra,
  });

  it('takes a held virtual or hybrid event that is approved or completed', () => {
    assert.equal(eventRefusal(event({}), now), null);
    assert.equal(eventRefusal(event({ format: 'Hybrid', status: 'Approved' }), now), null);
  });

  it('refuses cancelled, in-person, not yet held and unapproved events', () => {
    assert.equal(eventRefusal(event({ status: 'Cancelled' }), now), 'EventCancelled');
    assert.equal(eventRefusal(event({ format: 'In-Person' }), now), 'EventInPerson');
    assert.equal(eventRefusal(event({ start: '2026-03-21T09:00:00.000Z' }), now), 'EventNotHeld');
    assert.equal(eventRefusal(event({ start: null }), now), 'EventNotHeld');
    assert.equal(eventRefusal(event({ status: 'Draft' }), now), 'EventNotApproved');
    assert.equal(eventRefusal(event({ status: 'Rejected' }), now), 'EventNotApproved');
  });

  it('refuses a time zone Intl does not know; none at all is read as UTC (the command warns)', () => {
    assert.equal(eventRefusal(event({ timeZone: 'Berlin time' }), now), 'EventTimeZone');
    assert.equal(eventRefusal(event({ timeZone: ' ' }), now), 'EventTimeZone');
    // Abbreviations Intl takes as legacy links (IST → Asia/Calcutta, EST → America/Panama) are not what they seem.
    assert.equal(eventRefusal(event({ timeZone: 'IST' }), now), 'EventTimeZone');
    assert.equal(eventRefusal(event({ timeZone: 'EST' }), now), 'EventTimeZone');
    assert.equal(eventRefusal(event({ timeZone: 'Asia/Kolkata' }), now), null);
    assert.equal(eventRefusal(event({ timeZone: 'UTC' }), now), null);
    assert.equal(eventRefusal(event({ timeZone: null }), now), null);
  });
});

describe('attendance import flags and the org answers it checks', () => {
  it('puts the review CSV beside the report unless told otherwise', () => {
    const resolved = resolveAttendanceImportFlags({
      event: ' EVT-00042 ',
      file: 'reports/zoom participants.csv',
      source: 'auto',
      dryRun: false,
    });
    assert.ok(!('problems' in resolved));
    assert.equal(resolved.event, 'EVT-00042');
    assert.equal(resolved.reviewFile, path.resolve('reports/zoom participants.review.csv'));
    const told = resolveAttendanceImportFlags({
      event: 'EVT-1',
      file: 'a.csv',
      source: 'teams',
      reviewFile: 'out/r.csv',
      dryRun: true,
    });
    assert.ok(!('problems' in told));
    assert.equal(told.reviewFile, path.resolve('out/r.csv'));
  });

  it('names every problem with the flags at once', () => {
    const resolved = resolveAttendanceImportFlags({ event: '  ', file: 'a.csv', source: 'gotomeeting', dryRun: false });
    assert.ok('problems' in resolved);
    assert.equal(resolved.problems.length, 2);
    assert.match(resolved.problems.join('\n'), /event: give the event key/);
    assert.match(resolved.problems.join('\n'), /source: /);
  });

  it('refuses an answer that is not one result per record sent', () => {
    const ok = [{ id: 'a01', success: true, created: true, errors: [] }];
    assert.deepEqual(parseCollectionResults(ok, 1), ok);
    const short = parseCollectionResults(ok, 2);
    assert.ok('problem' in short);
    assert.match(short.problem, /answered for 1 records of the 2 sent/);
    assert.ok('problem' in parseCollectionResults({ message: 'no' }, 1));
  });

  it('splits the walk-in e-mails into queries that fit a URL, escaping quotes', () => {
    const emails = Array.from({ length: 500 }, (_, i) => `doctor.${i}@example-clinic.org`);
    const chunks = emailChunks(emails, 2_000);
    assert.deepEqual(chunks.flat(), emails, 'every e-mail once, in order');
    for (const chunk of chunks) assert.ok(chunk.map(soqlString).join(', ').length <= 2_000);
    assert.equal(soqlString("o'brien@example.org"), "'o\\'brien@example.org'");
  });
});
