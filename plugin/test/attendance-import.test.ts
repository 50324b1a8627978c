// `sf cme attendance import` against the local org: a Zoom, a Teams (UTF-16LE, tab-separated) and a
// Webex report imported into events of their own; the same report again writes nothing; a longer
// later report updates the minutes, a shorter one keeps them; a hybrid event's in-person attendance is
// kept; an existing attendance keeps its own key; a dry run writes nothing; each bad input is refused
// with its problem named and nothing written. Writes are counted by the org (composite calls).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import { SfError } from '@salesforce/core';
import type { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { AttendanceImportError, importAttendance, writeAttendance } from '../src/attendance/org.ts';
import type { AttendanceImportOptions } from '../src/attendance/org.ts';
import type { AttendanceWrite } from '../src/attendance/plan.ts';
import { reviewCsv } from '../src/attendance/review.ts';
import { AttendanceFileError } from '../src/attendance/types.ts';
import { explainImportError, importResult } from '../src/commands/cme/attendance/import.ts';
import type { CmeAttendanceImportResult } from '../src/commands/cme/attendance/import.ts';
import { OrgApi } from '../src/org/api.ts';
import { parseCsv } from '../src/org/csv.ts';
import { loginAndLinkPlugin, runSf } from '../../scripts/src/sf-cli.ts';
import { startOrgWithPacks } from './localOrg.ts';

const DATA = path.join(import.meta.dirname, 'data', 'attendance-import');
const NOW = new Date('2026-03-20T12:00:00Z');

const DOCTORS = {
  ana: { FirstName: 'Ana', LastName: 'Müller', Email: 'ana.mueller@example-clinic.org' },
  jose: { FirstName: 'José', LastName: 'Núñez', Email: 'jose.nunez@example-clinic.org' },
  ananya: { FirstName: 'Ananya', LastName: 'Iyer', Email: 'ananya.iyer@example-clinic.org' },
  rahul1: { FirstName: 'Rahul', LastName: 'Sharma', Email: 'rahul.sharma@a-clinic.example' },
  rahul2: { FirstName: 'Rahul', LastName: 'Sharma', Email: 'rahul.sharma@b-clinic.example' },
  chen: { FirstName: 'Chen', LastName: 'Wei', Email: 'chen.wei@example-clinic.org' },
  sofia: { FirstName: 'Sofia', LastName: 'Lindqvist', Email: 'sofia.lindqvist@example-clinic.org' },
} as const;
type DoctorName = keyof typeof DOCTORS;
/** Everyone is invited but Chen Wei, a Contact who comes as a walk-in. */
const INVITED: DoctorName[] = ['ana', 'jose', 'ananya', 'rahul1', 'rahul2', 'sofia'];

interface AttendanceRow {
  Id: string;
  Attendance_Key__c: string;
  Doctor__c: string;
  Invitation__c: string | null;
  Mode__c: string;
  Sign_In_Method__c: string;
  Minutes_Attended__c: number;
  Checked_In_At__c: string;
  Checked_Out_At__c: string;
  Walk_In__c: boolean;
  LastModifiedDate: string;
}

describe('sf cme attendance import', () => {
  let org: LocalOrg;
  let conn: Connection;
  let work: string;
  const doctor = {} as Record<DoctorName, string>;
  const events = {} as Record<string, string>;
  let rulePack: string;

  const post = async (records: Record<string, unknown>[]) => {
    const results = await conn.requestPost<{ id: string; success: boolean; errors: unknown[] }[]>(
      `/services/data/v${conn.version}/composite/sobjects`,
      { allOrNone: true, records },
    );
    assert.ok(
      results.every((r) => r.success),
      JSON.stringify(results),
    );
    return results.map((r) => r.id);
  };

  /** A webinar on 14 March 2026, 09:00–11:00 in Berlin, with every invited doctor. */
  const createEvent = async (key: string, extra: Record<string, unknown> = {}) => {
    const [id] = await post([
      {
        attributes: { type: 'CME_Event__c' },
        Name: `Webinar ${key}`,
        Event_Key__c: key,
        Event_Type__c: 'Webinar',
        Format__c: 'Virtual',
        Status__c: 'Completed',
        Start__c: '2026-03-14T08:00:00.000Z',
        End__c: '2026-03-14T10:00:00.000Z',
        Time_Zone__c: 'Europe/Berlin',
        Virtual_Url__c: 'https://webinar.example.org/hf',
        Country__c: 'DE',
        Budget__c: 1000,
        Educational_Need__c: 'Heart failure guideline update',
        Rule_Pack__c: rulePack,
        ...extra,
      },
    ]);
    events[key] = id;
    await post(
      INVITED.map((d) => ({
        attributes: { type: 'CME_Invitation__c' },
        Event__c: id,
        Doctor__c: doctor[d],
        Status__c: 'Accepted',
        Invitation_Key__c: `${key}:${d}`,
      })),
    );
    return id;
  };

  const attendanceOf = async (key: string): Promise<AttendanceRow[]> =>
    (
      await conn.query<AttendanceRow>(
        `SELECT Id, Attendance_Key__c, Doctor__c, Invitation__c, Mode__c, Sign_In_Method__c, Minutes_Attended__c, Checked_In_At__c, Checked_Out_At__c, Walk_In__c, LastModifiedDate FROM CME_Attendance__c WHERE Event__c = '${events[key]}' ORDER BY Attendance_Key__c`,
      )
    ).records;
  const byDoctor = (rows: AttendanceRow[]) =>
    Object.fromEntries(
      rows.map((r) => [(Object.keys(doctor) as DoctorName[]).find((d) => doctor[d] === r.Doctor__c), r]),
    );
  const writeCalls = () => org.counter.byKind.composite ?? 0;
  const file = (name: string) => new Uint8Array(fs.readFileSync(path.join(DATA, name)));
  const run = (extra: Partial<AttendanceImportOptions> & { event: string; bytes: Uint8Array }) =>
    importAttendance(new OrgApi(conn, { sleep: async () => {} }), {
      source: 'auto',
      dryRun: false,
      now: NOW,
      ...extra,
    });

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-attendance-import-'));
    ({ org, conn } = await startOrgWithPacks());
    rulePack = (await conn.query<{ Id: string }>("SELECT Id FROM CME_Rule_Pack__c WHERE Code__c = 'EU-EFPIA'"))
      .records[0].Id;
    const names = Object.keys(DOCTORS) as DoctorName[];
    const ids = await post(names.map((d) => ({ attributes: { type: 'Contact' }, ...DOCTORS[d] })));
    names.forEach((d, i) => (doctor[d] = ids[i]));
  });
  after(async () => {
    await org.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('imports a Zoom participant report: re-joins merged, invited by e-mail and by name, a walk-in, the rest for review', async () => {
    const id = await createEvent('EVT-ATT-ZOOM');
    const before = writeCalls();
    const outcome = await run({ event: 'EVT-ATT-ZOOM', bytes: file('zoom-participants.csv') });
    assert.equal(outcome.report.source, 'zoom');
    assert.equal(outcome.plan.counts.create, 4);
    assert.equal(outcome.writes?.written.length, 4);
    assert.equal(writeCalls() - before, 1, 'four records, one sObject Collections call');
    assert.ok(outcome.apiCalls <= 6, `reads and writes in a few calls, not per person (${outcome.apiCalls})`);
    const rows = byDoctor(await attendanceOf('EVT-ATT-ZOOM'));
    assert.deepEqual(Object.keys(rows).sort(), ['ana', 'ananya', 'chen', 'jose']);
    // Ana: 09:00–09:45 and, from her iPad under another display name and e-mail case, 09:50–10:30 Berlin time.
    assert.equal(rows.ana.Minutes_Attended__c, 85);
    assert.match(rows.ana.Checked_In_At__c, /^2026-03-14T08:00:00\.000\+0000$/);
    assert.match(rows.ana.Checked_Out_At__c, /^2026-03-14T09:30:00\.000\+0000$/);
    assert.equal(rows.ana.Attendance_Key__c, `${id}:${doctor.ana}`, "a new attendance gets the check-in screen's key");
    // Ananya: 09:00–09:30 and 09:20–10:00 overlap; the overlap counts once.
    assert.equal(rows.ananya.Minutes_Attended__c, 60);
    assert.equal(rows.jose.Minutes_Attended__c, 58, 'a guest without e-mail matched by name (accents and all)');
    for (const d of ['ana', 'ananya', 'jose'] as const) {
      assert.equal(rows[d].Mode__c, 'Virtual');
      assert.equal(rows[d].Sign_In_Method__c, 'Virtual Log');
      assert.equal(rows[d].Walk_In__c, false);
      assert.ok(rows[d].Invitation__c, `${d} has their invitation`);
    }
    assert.equal(rows.chen.Walk_In__c, true);
    assert.equal(rows.chen.Invitation__c, null);
    assert.equal(rows.chen.Minutes_Attended__c, 45);
    // Never guessed: two invited Rahul Sharmas, a stranger's e-mail and a guest without one.
    assert.deepEqual(
      outcome.review.map((r) => [r.person.name, r.reason, r.candidates.length]),
      [
        ['Rahul Sharma', 'ambiguous-name', 2],
        ['Maria Rossi', 'unmatched', 0],
        ['Guest 7', 'unmatched', 0],
      ],
    );
    const contacts = await conn.query("SELECT Id FROM Contact WHERE Email = 'maria.rossi@elsewhere.example'");
    assert.equal(contacts.totalSize, 0, 'nobody is created');
    // The review CSV lists them with lines and candidates; the result counts every outcome.
    const [header, ...review] = parseCsv(reviewCsv(outcome.review));
    assert.deepEqual(header.slice(0, 4), ['Name', 'Email', 'Lines', 'Reason']);
    assert.equal(review.length, 3);
    assert.equal(review[0][2], '5');
    assert.match(
      review[0][8],
      /Rahul Sharma <rahul\.sharma@a-clinic\.example> \(invited\) \| Rahul Sharma <rahul\.sharma@b-clinic\.example> \(invited\)/,
    );
    const result = importResult(outcome, 'zoom-participants.csv', path.join(work, 'review.csv'), false);
    assert.equal(result.counts.written, 4);
    assert.equal(result.counts.ambiguous, 1);
    assert.equal(result.counts.unmatched, 2);
    assert.equal(result.counts.walkIns, 1);
    assert.ok(result.writes.every((w) => w.status === 'written' && w.id));
  });

  it('importing the same report again writes nothing and changes no record', async () => {
    const rowsBefore = await attendanceOf('EVT-ATT-ZOOM');
    const before = writeCalls();
    const outcome = await run({ event: 'EVT-ATT-ZOOM', bytes: file('zoom-participants.csv') });
    assert.equal(outcome.plan.counts.unchanged, 4);
    assert.equal(outcome.plan.writes.length, 0);
    assert.equal(writeCalls(), before, 'no write call');
    assert.deepEqual(await attendanceOf('EVT-ATT-ZOOM'), rowsBefore, 'LastModifiedDate and every field as they were');
  });

  it('a later, longer report updates the minutes; a shorter one keeps them and says so', async () => {
    const longer = fs
      .readFileSync(path.join(DATA, 'zoom-participants.csv'), 'utf8')
      .replace('03/14/2026 10:30:00 AM,40', '03/14/2026 10:45:00 AM,55');
    const updated = await run({ event: 'EVT-ATT-ZOOM', bytes: new TextEncoder().encode(longer) });
    assert.equal(updated.plan.counts.update, 1);
    assert.equal(updated.plan.counts.unchanged, 3);
    assert.deepEqual(updated.plan.writes[0].fields, {
      Minutes_Attended__c: 100,
      Checked_Out_At__c: '2026-03-14T09:45:00.000Z',
    });
    const rows = byDoctor(await attendanceOf('EVT-ATT-ZOOM'));
    assert.equal(rows.ana.Minutes_Attended__c, 100);
    assert.equal(Object.keys(rows).length, 4, 'updated in place, no second record');

    const shorter = fs
      .readFileSync(path.join(DATA, 'zoom-participants.csv'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith("Ana's iPad"))
      .join('\n');
    const before = writeCalls();
    const kept = await run({ event: 'EVT-ATT-ZOOM', bytes: new TextEncoder().encode(shorter) });
    assert.equal(kept.plan.counts.keptLonger, 1);
    assert.equal(kept.plan.kept.find((k) => k.reason === 'longer-on-record')?.recordedMinutes, 100);
    assert.equal(writeCalls(), before);
    assert.equal(byDoctor(await attendanceOf('EVT-ATT-ZOOM')).ana.Minutes_Attended__c, 100);
  });

  it("imports a Teams attendance report (UTF-16LE, tab-separated) into a hybrid event, keeping the room's attendance", async () => {
    const id = await createEvent('EVT-ATT-TEAMS', {
      Format__c: 'Hybrid',
      Venue__c: 'Charité lecture hall',
      City__c: 'Berlin',
    });
    const invitation = (
      await conn.query<{ Id: string }>(
        `SELECT Id FROM CME_Invitation__c WHERE Event__c = '${id}' AND Doctor__c = '${doctor.sofia}'`,
      )
    ).records[0].Id;
    await post([
      {
        attributes: { type: 'CME_Attendance__c' },
        Attendance_Key__c: `EVT-ATT-TEAMS:sofia`,
        Event__c: id,
        Doctor__c: doctor.sofia,
        Invitation__c: invitation,
        Mode__c: 'In-Person',
        Sign_In_Method__c: 'Paper Sheet',
        Checked_In_At__c: '2026-03-14T07:55:00.000Z',
      },
    ]);
    const roomBefore = byDoctor(await attendanceOf('EVT-ATT-TEAMS')).sofia;
    const outcome = await run({ event: id, bytes: file('teams-attendance.csv'), source: 'teams' });
    assert.equal(outcome.report.source, 'teams');
    assert.equal(outcome.report.encoding, 'utf-16le');
    assert.equal(outcome.report.separator, '\t');
    assert.equal(outcome.plan.counts.keptInPerson, 1);
    assert.equal(outcome.plan.counts.create, 3);
    const rows = byDoctor(await attendanceOf('EVT-ATT-TEAMS'));
    assert.deepEqual(rows.sofia, roomBefore, 'the in-person attendance stays as it is');
    assert.equal(rows.ana.Minutes_Attended__c, 85);
    assert.equal(rows.jose.Minutes_Attended__c, 58);
    assert.equal(rows.chen.Walk_In__c, true);
    assert.deepEqual(outcome.review, []);
  });

  it('imports a Webex attendee report, updating an existing attendance on its own key', async () => {
    const id = await createEvent('EVT-ATT-WEBEX');
    const invitation = (
      await conn.query<{ Id: string }>(
        `SELECT Id FROM CME_Invitation__c WHERE Event__c = '${id}' AND Doctor__c = '${doctor.ananya}'`,
      )
    ).records[0].Id;
    // As the seed writes it: `${event key}:${doctor key}`, typed in by hand with a guess at the minutes.
    const [existing] = await post([
      {
        attributes: { type: 'CME_Attendance__c' },
        Attendance_Key__c: 'EVT-ATT-WEBEX:HCP-000003',
        Event__c: id,
        Doctor__c: doctor.ananya,
        Invitation__c: invitation,
        Mode__c: 'Virtual',
        Sign_In_Method__c: 'Virtual Log',
        Minutes_Attended__c: 10,
      },
    ]);
    const outcome = await run({ event: 'EVT-ATT-WEBEX', bytes: file('webex-attendees.csv') });
    assert.equal(outcome.report.source, 'webex');
    assert.equal(outcome.plan.counts.update, 1);
    assert.equal(outcome.plan.counts.create, 3);
    const rows = await attendanceOf('EVT-ATT-WEBEX');
    assert.equal(rows.length, 4);
    const d = byDoctor(rows);
    assert.equal(d.ananya.Id, existing, 'the same record');
    assert.equal(d.ananya.Attendance_Key__c, 'EVT-ATT-WEBEX:HCP-000003', 'on its own key');
    assert.equal(d.ananya.Minutes_Attended__c, 70);
    assert.equal(d.rahul2.Minutes_Attended__c, 45, 'the e-mail tells the two Rahul Sharmas apart');
    assert.equal(d.jose.Minutes_Attended__c, 30);
    assert.deepEqual(outcome.review, []);
  });

  it('a dry run reads and plans but writes nothing', async () => {
    await createEvent('EVT-ATT-DRY');
    const before = writeCalls();
    const outcome = await run({ event: 'EVT-ATT-DRY', bytes: file('zoom-participants.csv'), dryRun: true });
    assert.equal(outcome.plan.counts.create, 4);
    assert.equal(outcome.writes, null);
    assert.equal(writeCalls(), before);
    assert.deepEqual(await attendanceOf('EVT-ATT-DRY'), []);
    const result = importResult(outcome, 'zoom-participants.csv', path.join(work, 'dry.csv'), true);
    assert.ok(result.writes.every((w) => w.status === 'planned'));
  });

  it('an event without a time zone: refused unless --time-zone gives one or the report states its offsets', async () => {
    await createEvent('EVT-ATT-UTC', { Time_Zone__c: null });
    const before = writeCalls();
    await assert.rejects(
      run({ event: 'EVT-ATT-UTC', bytes: file('zoom-participants.csv') }),
      (e: unknown) => e instanceof AttendanceImportError && e.code === 'NoTimeZone' && e.params[0] === 'EVT-ATT-UTC',
    );
    assert.equal(writeCalls(), before, 'nothing written');
    assert.deepEqual(await attendanceOf('EVT-ATT-UTC'), []);
    const message = explainImportError(new AttendanceImportError('NoTimeZone', 'x', ['EVT-ATT-UTC']), 'f', 'me');
    assert.match(message.message, /EVT-ATT-UTC has no Time Zone/);
    assert.match((message as SfError).actions?.join(' ') ?? '', /--time-zone/);

    const zoned = await run({
      event: 'EVT-ATT-UTC',
      bytes: file('zoom-participants.csv'),
      dryRun: true,
      timeZone: 'Europe/Berlin',
    });
    assert.equal(zoned.timeZone, 'Europe/Berlin');
    const ana = zoned.plan.writes.find((w) => w.doctorId === doctor.ana);
    assert.equal(ana?.fields.Checked_In_At__c, '2026-03-14T08:00:00.000Z', '09:00 in Berlin');

    // A report whose columns state UTC needs no zone.
    const inUtc = fs
      .readFileSync(path.join(DATA, 'zoom-participants.csv'), 'utf8')
      .replace('Join Time,Leave Time', 'Join Time (UTC),Leave Time (UTC)');
    const stated = await run({ event: 'EVT-ATT-UTC', bytes: new TextEncoder().encode(inUtc), dryRun: true });
    assert.equal(stated.timeZone, null);
    const anaUtc = stated.plan.writes.find((w) => w.doctorId === doctor.ana);
    assert.equal(anaUtc?.fields.Checked_In_At__c, '2026-03-14T09:00:00.000Z');
  });

  it("--time-zone overrides the event's zone, an unknown one included", async () => {
    await createEvent('EVT-ATT-TZ');
    const outcome = await run({
      event: 'EVT-ATT-TZ',
      bytes: file('zoom-participants.csv'),
      dryRun: true,
      timeZone: 'Asia/Kolkata',
    });
    const ana = outcome.plan.writes.find((w) => w.doctorId === doctor.ana);
    assert.equal(ana?.fields.Checked_In_At__c, '2026-03-14T03:30:00.000Z', '09:00 in Kolkata');
    await createEvent('EVT-ATT-TZ-BAD', { Time_Zone__c: 'CET (Berlin)' });
    const given = await run({
      event: 'EVT-ATT-TZ-BAD',
      bytes: file('zoom-participants.csv'),
      dryRun: true,
      timeZone: 'Europe/Berlin',
    });
    assert.equal(
      given.plan.writes.find((w) => w.doctorId === doctor.ana)?.fields.Checked_In_At__c,
      '2026-03-14T08:00:00.000Z',
    );
  });

  it('--date-order day-first reads a day-first AM/PM report that the month-first default takes for another meeting', async () => {
    // 5 March 2026, 09:00–11:00 in Berlin; the report writes 05/03/2026 (day-first, as en-IN and en-GB do).
    await createEvent('EVT-ATT-DMY', { Start__c: '2026-03-05T08:00:00.000Z', End__c: '2026-03-05T10:00:00.000Z' });
    const dayFirst = new TextEncoder().encode(
      fs.readFileSync(path.join(DATA, 'zoom-participants.csv'), 'utf8').replaceAll('03/14/2026', '05/03/2026'),
    );
    let refusal: AttendanceImportError | undefined;
    await assert.rejects(run({ event: 'EVT-ATT-DMY', bytes: dayFirst, dryRun: true }), (e: unknown) => {
      refusal = e instanceof AttendanceImportError && e.code === 'FileOtherMeeting' ? e : undefined;
      return refusal !== undefined;
    });
    assert.match(refusal?.params[0] ?? '', /^2026-05-03T/, 'read month-first: 3 May');
    const explained = explainImportError(refusal, 'zoom.csv', 'me');
    assert.match(explained.message, /could be month-first or day-first.*--date-order day-first/);
    const read = await run({ event: 'EVT-ATT-DMY', bytes: dayFirst, dryRun: true, dateOrder: 'day-first' });
    const ana = read.plan.writes.find((w) => w.doctorId === doctor.ana);
    assert.equal(ana?.fields.Checked_In_At__c, '2026-03-05T08:00:00.000Z');
  });

  it('a call that fails outright stops the writes: nothing is lost, what was not sent is listed, and importing again is safe', async () => {
    await createEvent('EVT-ATT-LOCKED');
    // Every write meets a locked row, past the API's retries (the local org's fault injection).
    org.faults.configure({ rate: 1, kinds: ['lock'], seed: 1 });
    let outcome;
    try {
      outcome = await run({ event: 'EVT-ATT-LOCKED', bytes: file('zoom-participants.csv') });
    } finally {
      org.faults.configure({ rate: 0 });
    }
    assert.equal(outcome.writes?.written.length, 0);
    assert.equal(outcome.writes?.notSent.length, 4);
    assert.match(outcome.writes?.stoppedBy ?? '', /UNABLE_TO_LOCK_ROW/);
    assert.deepEqual(
      outcome.review.filter((r) => r.reason === 'write-failed').map((r) => r.person.name),
      outcome.plan.writes.map((w) => w.person.name),
    );
    const result = importResult(outcome, 'zoom.csv', path.join(work, 'locked.csv'), false);
    assert.equal(result.counts.notSent, 4);
    assert.ok(result.writes.every((w) => w.status === 'not-sent'));
    assert.deepEqual(await attendanceOf('EVT-ATT-LOCKED'), []);
    const again = await run({ event: 'EVT-ATT-LOCKED', bytes: file('zoom-participants.csv') });
    assert.equal(again.writes?.written.length, 4);
    assert.equal((await attendanceOf('EVT-ATT-LOCKED')).length, 4);
  });

  it('a call the org refuses is rolled back whole and listed record by record; the next call goes on', async () => {
    const id = await createEvent('EVT-ATT-REFUSED');
    const good = {
      Minutes_Attended__c: 30,
      Checked_In_At__c: '2026-03-14T08:00:00.000Z',
      Checked_Out_At__c: '2026-03-14T08:30:00.000Z',
      Mode__c: 'Virtual',
      Sign_In_Method__c: 'Virtual Log',
      Walk_In__c: true,
    };
    const writes: AttendanceWrite[] = Array.from({ length: 201 }, (_, i) => ({
      person: {
        name: `P${i}`,
        email: null,
        lines: [i + 2],
        attended: { minutes: 30, firstJoinedAt: NOW, lastLeftAt: NOW },
      },
      doctorId: doctor.chen,
      match: 'walk-in',
      key: `EVT-ATT-REFUSED:${i}`,
      change: 'create',
      existingId: null,
      // The fifth leaves before joining: Check_Out_After_Check_In refuses it.
      fields: {
        Event__c: id,
        Doctor__c: doctor.chen,
        ...good,
        ...(i === 4 ? { Checked_Out_At__c: '2026-03-14T07:00:00.000Z' } : {}),
      },
      previousMinutes: null,
    }));
    const result = await writeAttendance(new OrgApi(conn), writes);
    assert.equal(result.failed.length, 200, 'the first call of 200, all or none');
    assert.match(result.failed[4].message, /Check-out must be after check-in/);
    assert.match(result.failed[0].message, /rolled back/);
    assert.deepEqual(
      result.written.map((w) => w.write.key),
      ['EVT-ATT-REFUSED:200'],
    );
    assert.equal(result.written[0].created, true);
    assert.deepEqual(result.notSent, []);
    assert.equal((await attendanceOf('EVT-ATT-REFUSED')).length, 1);
  });

  describe('refuses before writing anything', () => {
    const refused = async (
      event: string,
      bytes: Uint8Array,
      expected: (error: unknown) => boolean,
      options: Partial<AttendanceImportOptions> = {},
    ) => {
      const before = writeCalls();
      const attendance = (await conn.query('SELECT Id FROM CME_Attendance__c')).totalSize;
      await assert.rejects(run({ event, bytes, ...options }), expected);
      assert.equal(writeCalls(), before, 'no write call');
      assert.equal((await conn.query('SELECT Id FROM CME_Attendance__c')).totalSize, attendance);
    };
    const importError = (code: string) => (e: unknown) => e instanceof AttendanceImportError && e.code === code;
    const fileError = (kind: string, text: RegExp) => (e: unknown) =>
      e instanceof AttendanceFileError && e.kind === kind && text.test(e.message);
    const zoom = () => file('zoom-participants.csv');

    it('an unknown event', async () => {
      await refused('EVT-NOPE', zoom(), importError('EventNotFound'));
      const error = explainImportError(new AttendanceImportError('EventNotFound', 'x', ['EVT-NOPE']), 'f.csv', 'me');
      assert.ok(error instanceof SfError);
      assert.match(error.message, /EVT-NOPE/);
      assert.ok(error.actions?.length);
    });

    it('an in-person event, a cancelled one, one not held yet, one not approved and one with an unknown time zone', async () => {
      await createEvent('EVT-ATT-ROOM', { Format__c: 'In-Person', Venue__c: 'Hall A', City__c: 'Berlin' });
      await refused('EVT-ATT-ROOM', zoom(), importError('EventInPerson'));
      await createEvent('EVT-ATT-OFF', { Status__c: 'Cancelled' });
      await refused('EVT-ATT-OFF', zoom(), importError('EventCancelled'));
      await createEvent('EVT-ATT-LATER', {
        Status__c: 'Approved',
        Start__c: '2026-04-14T08:00:00.000Z',
        End__c: '2026-04-14T10:00:00.000Z',
      });
      await refused('EVT-ATT-LATER', zoom(), importError('EventNotHeld'));
      await createEvent('EVT-ATT-DRAFT', { Status__c: 'Draft' });
      await refused('EVT-ATT-DRAFT', zoom(), importError('EventNotApproved'));
      await createEvent('EVT-ATT-ZONE', { Time_Zone__c: 'CET (Berlin)' });
      await refused('EVT-ATT-ZONE', zoom(), importError('EventTimeZone'));
    });

    it('a file with a missing column, a wrong encoding, an unknown layout or a bad value', async () => {
      await createEvent('EVT-ATT-BAD');
      const text = fs.readFileSync(path.join(DATA, 'zoom-participants.csv'), 'utf8');
      const withoutLeave = text
        .split('\n')
        .map((line) =>
          line
            .split(',')
            .filter((_, i) => i !== 3)
            .join(','),
        )
        .join('\n');
      await refused('EVT-ATT-BAD', new TextEncoder().encode(withoutLeave), fileError('missing-column', /Leave Time/), {
        source: 'zoom',
      });
      const latin1 = new Uint8Array([
        ...new TextEncoder().encode('Name (Original Name),User Email\n'),
        0x4d,
        0xfc,
        0x6c,
      ]);
      await refused('EVT-ATT-BAD', latin1, fileError('encoding', /UTF-8/i));
      await refused('EVT-ATT-BAD', new TextEncoder().encode('Foo,Bar\n1,2\n'), fileError('unknown-source', /.+/));
      const badTime = text.replace('03/14/2026 09:05:00 AM', 'soon after nine');
      await refused('EVT-ATT-BAD', new TextEncoder().encode(badTime), fileError('bad-value', /soon after nine/));
    });

    it("a report of another meeting (nobody there within a day of the event's start)", async () => {
      const lastYear = fs.readFileSync(path.join(DATA, 'zoom-participants.csv'), 'utf8').replaceAll('/2026 ', '/2025 ');
      // 03/14/2025 proves month-first: no word of the date order.
      await refused(
        'EVT-ATT-BAD',
        new TextEncoder().encode(lastYear),
        (e) => importError('FileOtherMeeting')(e) && (e as AttendanceImportError).params[2] === '',
      );
    });

    it('each file problem becomes an error naming the file and the problem, with an action', () => {
      const error = explainImportError(
        new AttendanceFileError('missing-column', 'The Zoom participants report has no "Leave Time" column.', {
          column: 'Leave Time',
        }),
        'zoom.csv',
        'me',
      );
      assert.ok(error instanceof SfError);
      assert.match(error.name, /^FileMissingColumn/);
      assert.match(error.message, /zoom\.csv is missing a column: .*Leave Time/);
      assert.ok(error.actions?.length);
    });
  });

  describe('through the official sf CLI (plugin linked)', () => {
    let home: string;
    const sf = (args: string[]) => runSf(home, args, { cwd: work });
    /** `sf cme attendance import` of a report into an event of the local org. */
    const importCli = (report: string, event: string, ...flags: string[]) =>
      sf(['cme', 'attendance', 'import', '--target-org', 'local', '--file', report, '--event', event, ...flags]);

    before(async () => {
      home = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-attendance-home-'));
      await loginAndLinkPlugin(home, conn.instanceUrl, org.identity.accessToken, 'local');
    });
    after(() => fs.rmSync(home, { recursive: true, force: true }));

    it('shows help with examples from plugin/messages', async () => {
      const help = await sf(['cme', 'attendance', 'import', '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.match(
        help.stdout,
        /Import a webinar's attendance from a Zoom, Microsoft Teams or Webex attendance report/,
      );
      assert.match(help.stdout, /--review-file/);
      assert.match(help.stdout, /--time-zone/);
      assert.match(help.stdout, /--date-order=<option>/);
      assert.match(help.stdout, /sf cme attendance import --target-org cme-local --event EVT-00042/);
    });

    it('imports with --json, writes the review CSV beside the report, and names an unknown event', async () => {
      await createEvent('EVT-ATT-CLI');
      const report = path.join(work, 'zoom-participants.csv');
      fs.copyFileSync(path.join(DATA, 'zoom-participants.csv'), report);
      const imported = await importCli(report, 'EVT-ATT-CLI', '--json');
      assert.equal(imported.code, 0, imported.stdout + imported.stderr);
      const result = JSON.parse(imported.stdout).result as CmeAttendanceImportResult;
      assert.equal(result.counts.create, 4);
      assert.equal(result.counts.written, 4);
      assert.equal(result.reviewFile, path.join(work, 'zoom-participants.review.csv'));
      const [header, ...rows] = parseCsv(fs.readFileSync(result.reviewFile, 'utf8'));
      assert.equal(header[0], 'Name');
      assert.deepEqual(
        rows.map((r) => r[0]),
        ['Rahul Sharma', 'Maria Rossi', 'Guest 7'],
      );
      const again = await importCli(report, 'EVT-ATT-CLI', '--json');
      assert.equal((JSON.parse(again.stdout).result as CmeAttendanceImportResult).counts.unchanged, 4);

      const shorter = path.join(work, 'zoom-shorter.csv');
      fs.writeFileSync(
        shorter,
        fs
          .readFileSync(report, 'utf8')
          .split('\n')
          .filter((line) => !line.startsWith("Ana's iPad"))
          .join('\n'),
      );
      const human = await importCli(shorter, 'EVT-ATT-CLI');
      assert.equal(human.code, 0, human.stderr);
      assert.match(human.stdout, /Kept with longer minutes on record: 1\./);
      assert.match(human.stdout, /longer-on-record/);
      assert.match(human.stdout, /Rahul Sharma/, 'the people to review are listed');

      const unknown = await importCli(report, 'EVT-NOPE', '--json');
      assert.equal(unknown.code, 1);
      const error = JSON.parse(unknown.stdout) as { name: string; message: string; actions: string[] };
      assert.match(error.name, /^EventNotFound/);
      assert.match(error.message, /No CME event has the key or Id EVT-NOPE/);
      assert.ok(error.actions.length);
    });

    it('a review file that cannot be written, or a zone that is not one, stops the command before the org is touched', async () => {
      await createEvent('EVT-ATT-CLI-REVIEW');
      const report = path.join(work, 'zoom-participants.csv');
      fs.copyFileSync(path.join(DATA, 'zoom-participants.csv'), report);
      const calls = org.counter.total;
      const missing = path.join(work, 'no-such-folder', 'review.csv');
      const run = await importCli(report, 'EVT-ATT-CLI-REVIEW', '--review-file', missing, '--json');
      assert.equal(run.code, 1, run.stdout);
      const error = JSON.parse(run.stdout) as { name: string; message: string; actions: string[] };
      assert.match(error.name, /^ReviewFileUnwritable/);
      assert.match(error.message, /no-such-folder.*does not exist/);
      assert.match(error.actions.join(' '), /--review-file/);
      const zone = await importCli(report, 'EVT-ATT-CLI-REVIEW', '--time-zone', 'CET (Berlin)', '--json');
      assert.equal(zone.code, 1, zone.stdout);
      assert.match((JSON.parse(zone.stdout) as { message: string }).message, /IANA time zone/);
      assert.equal(org.counter.total, calls, 'no call to the org');
      assert.deepEqual(await attendanceOf('EVT-ATT-CLI-REVIEW'), []);
    });

    it('exits 1 when writes fail, with what was written and what was not in the JSON', async () => {
      await createEvent('EVT-ATT-CLI-LOCKED');
      const report = path.join(work, 'zoom-participants.csv');
      org.faults.configure({ rate: 1, kinds: ['lock'], seed: 1 });
      let run;
      try {
        run = await importCli(report, 'EVT-ATT-CLI-LOCKED', '--json');
      } finally {
        org.faults.configure({ rate: 0 });
      }
      assert.equal(run.code, 1, run.stdout);
      const error = JSON.parse(run.stdout) as { name: string; message: string; data: CmeAttendanceImportResult };
      assert.match(error.name, /^WritesFailed/);
      assert.match(
        error.message,
        /0 of 4 attendance records were written; 0 were refused by the org and 4 were not sent/,
      );
      assert.equal(error.data.counts.notSent, 4);
      assert.ok(error.data.writes.every((w) => w.status === 'not-sent'));
      const review = parseCsv(fs.readFileSync(error.data.reviewFile, 'utf8'));
      assert.equal(review.filter((r) => r[3] === 'write-failed').length, 4);
    });
  });
});
