// `sf cme evaluations import` against a seeded local org: a Google Forms export of a completed event's
// doctors, written onto their attendance; a dry run writes nothing; importing again changes nothing;
// a respondent with a bad answer, one matching nobody, one without attendance, and one the org's
// validation rule refuses are listed in the review CSV; each bad input (unknown event, an event not
// held yet, a missing column, a wrong encoding, a bad column map) is an error and writes nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import type { LocalOrg } from '../../scripts/src/localorg/server.ts';
import CmeEvaluationsImport from '../src/commands/cme/evaluations/import.ts';
import { EvaluationsImportError, importEvaluations } from '../src/evaluations/run.ts';
import type { EvaluationsImportOptions, EvaluationsImportResult } from '../src/evaluations/run.ts';
import { OrgApi } from '../src/org/api.ts';
import { parseCsv } from '../src/org/csv.ts';
import { connectionOrg } from '../src/seed/connectionOrg.ts';
import { generateSeedData } from '../src/seed/generate.ts';
import { loadSeedData } from '../src/seed/load.ts';
import { loginAndLinkPlugin, runSf } from '../../scripts/src/sf-cli.ts';
import { PACKS } from './packs.ts';
import { ROOT, plantedPlan, startOrgWithPacks } from './localOrg.ts';

interface AttendanceRow {
  Id: string;
  Doctor__c: string;
  Doctor__r: { FirstName: string | null; LastName: string; Email: string | null };
  Checked_In_At__c: string | null;
  Minutes_Attended__c: number | null;
  Sign_In_Method__c: string | null;
  Signature_Data__c: string | null;
}

const EVALUATION_FIELDS =
  'Feedback_Rating__c, Evaluation_Relevance__c, Evaluation_Speaker__c, Evaluation_Practice_Change__c, Evaluation_Comments__c, Evaluated_On__c';

/** M/D/YYYY H:mm:ss in UTC, as a Google Forms sheet writes its Timestamp column. */
function googleTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${date.getUTCHours()}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

describe('sf cme evaluations import', () => {
  let org: LocalOrg;
  let conn: Connection;
  let work: string;
  let eventKey: string;
  let futureEventKey: string;
  /** A held event whose attendance the org's rule no longer takes changes to (closed, say). */
  let lockedEventKey: string;
  let cancelledEventKey: string;
  let attended: AttendanceRow[];
  let notAttending: { FirstName: string | null; LastName: string; Email: string | null };
  let submitted: Date;
  let surveyFile: string;
  let columnsFile: string;

  const api = () => new OrgApi(conn, { sleep: async () => {} });
  const options = (extra: Partial<EvaluationsImportOptions> = {}): EvaluationsImportOptions => ({
    event: eventKey,
    file: surveyFile,
    reviewFile: path.join(work, 'review.csv'),
    columnsFile,
    dryRun: false,
    timeZone: 'UTC',
    columnMapPaths: [path.join(ROOT, 'config', 'evaluations', 'survey-columns.json')],
    now: () => new Date(),
    ...extra,
  });
  const q = async <T>(soql: string) =>
    (await conn.query<T & Record<string, unknown>>(soql, { autoFetch: true, maxFetch: 100_000 })).records as T[];
  /** Every attendance's evaluation and last modification: what "nothing written" compares. */
  const snapshot = async () =>
    JSON.stringify(await q(`SELECT Id, LastModifiedDate, ${EVALUATION_FIELDS} FROM CME_Attendance__c ORDER BY Id`));
  const evaluationOf = async (id: string) => {
    const [row] = await q<Record<string, unknown>>(
      `SELECT ${EVALUATION_FIELDS} FROM CME_Attendance__c WHERE Id = '${id}'`,
    );
    // The query's attributes (type, url) are not part of the evaluation.
    return Object.fromEntries(Object.entries(row).filter(([field]) => field !== 'attributes'));
  };

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-evaluations-test-'));
    ({ org, conn } = await startOrgWithPacks());
    const loaded = await loadSeedData(connectionOrg(conn), generateSeedData(plantedPlan(), PACKS));
    assert.deepEqual(
      loaded.flatMap((r) => r.failures),
      [],
    );
    const now = new Date().toISOString();
    const events = await q<{ Id: string; Event_Key__c: string; End__c: string }>(
      `SELECT Id, Event_Key__c, End__c FROM CME_Event__c WHERE Status__c = 'Completed' AND End__c < ${now} ORDER BY Event_Key__c`,
    );
    // A completed event with four attendances whose doctors have distinct e-mails and an invited doctor who did not come.
    for (const event of events) {
      const rows = await q<AttendanceRow>(
        `SELECT Id, Doctor__c, Doctor__r.FirstName, Doctor__r.LastName, Doctor__r.Email, Checked_In_At__c, Minutes_Attended__c, Sign_In_Method__c, Signature_Data__c FROM CME_Attendance__c WHERE Event__c = '${event.Id}' ORDER BY Id`,
      );
      const withEvidence = rows.filter(
        (r) => r.Doctor__r.Email && (r.Checked_In_At__c || (r.Minutes_Attended__c ?? 0) > 0) && !r.Signature_Data__c,
      );
      const invited = await q<{ Doctor__c: string; Doctor__r: typeof notAttending }>(
        `SELECT Doctor__c, Doctor__r.FirstName, Doctor__r.LastName, Doctor__r.Email FROM CME_Invitation__c WHERE Event__c = '${event.Id}'`,
      );
      const absent = invited.find((i) => !rows.some((r) => r.Doctor__c === i.Doctor__c) && i.Doctor__r.Email);
      if (withEvidence.length >= 4 && absent) {
        eventKey = event.Event_Key__c;
        attended = withEvidence.slice(0, 4);
        notAttending = absent.Doctor__r;
        submitted = new Date(Date.parse(event.End__c) + 86_400_000);
        break;
      }
    }
    assert.ok(eventKey, 'the seed has a completed event to evaluate');
    const [future] = await q<{ Event_Key__c: string }>(
      `SELECT Event_Key__c FROM CME_Event__c WHERE Start__c > ${now} AND Status__c != 'Cancelled' LIMIT 1`,
    );
    futureEventKey = future.Event_Key__c;
    const [locked] = await q<{ Event_Key__c: string }>(
      `SELECT Event_Key__c FROM CME_Event__c WHERE Start__c < ${now} AND Status__c IN ('Closed', 'Draft', 'Rejected', 'Pending Approval') LIMIT 1`,
    );
    lockedEventKey = locked.Event_Key__c;
    // The seed has no cancelled event: one held last week, cancelled.
    const [pack] = await q<{ Id: string }>("SELECT Id FROM CME_Rule_Pack__c WHERE Code__c = 'EU-EFPIA'");
    cancelledEventKey = 'EVT-EVAL-CANCELLED';
    await conn.sobject('CME_Event__c').create({
      Name: 'Cancelled webinar',
      Event_Key__c: cancelledEventKey,
      Event_Type__c: 'Webinar',
      Format__c: 'Virtual',
      Status__c: 'Cancelled',
      Start__c: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      End__c: new Date(Date.now() - 7 * 86_400_000 + 7_200_000).toISOString(),
      Time_Zone__c: 'Europe/Berlin',
      Virtual_Url__c: 'https://webinar.example.org/off',
      Country__c: 'DE',
      Budget__c: 1000,
      Educational_Need__c: 'Heart failure guideline update',
      Rule_Pack__c: pack.Id,
    } as never);
    // Every evaluation of the four is cleared (the seed may have dated one after the survey, and a newer
    // one on record is kept), and the fourth doctor's attendance loses its evidence, so the org's
    // Evaluation_Needs_Attendance rule refuses the evaluation the survey brings for it.
    for (const [i, row] of attended.entries())
      await conn.sobject('CME_Attendance__c').update({
        Id: row.Id,
        Feedback_Rating__c: null,
        Evaluation_Relevance__c: null,
        Evaluation_Speaker__c: null,
        Evaluation_Practice_Change__c: null,
        Evaluation_Comments__c: null,
        Evaluated_On__c: null,
        ...(i === 3
          ? {
              Checked_In_At__c: null,
              Checked_Out_At__c: null,
              Minutes_Attended__c: null,
              Sign_In_Method__c: 'Paper Sheet',
            }
          : {}),
      } as never);
    const [a, b, c, d] = attended.map((r) => r.Doctor__r);
    const at = googleTimestamp(submitted);
    const csv = [
      'Timestamp,Email Address,Your name,How would you rate the overall quality of this activity?,How relevant was the content to your practice?,How would you rate the speaker?,Do you intend to change your practice as a result of this activity?,Any other comments or suggestions?',
      `${at},${(a.Email ?? '').toUpperCase()},${a.FirstName} ${a.LastName},Excellent,Very relevant,5,I will change my practice,"Practical, clear"`,
      `${at},,Dr. ${b.FirstName} ${b.LastName},4,Relevant,Very good,No,`,
      `${at},${c.Email},${c.FirstName} ${c.LastName},6,Relevant,Good,Yes,`,
      `${at},nobody@example.net,Nemo Nobody,5,5,5,Yes,`,
      `${at},${notAttending.Email},${notAttending.FirstName} ${notAttending.LastName},5,5,5,Yes,`,
      `${at},${d.Email},${d.FirstName} ${d.LastName},3,3,3,Unsure,`,
    ].join('\r\n');
    surveyFile = path.join(work, 'Evaluation (Responses).csv');
    // The sheet's dates are month-first (en-US), which a file whose days are all 12 or less cannot prove.
    columnsFile = path.join(work, 'our-survey.json');
    fs.writeFileSync(columnsFile, JSON.stringify({ dateOrder: 'MDY' }));
    fs.writeFileSync(surveyFile, `\ufeff${csv}\r\n`);
  });

  after(async () => {
    await org.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('a dry run matches and plans but writes nothing (the review CSV is written)', async () => {
    const before = await snapshot();
    const result = await importEvaluations(api(), options({ dryRun: true }));
    assert.equal(result.tool, 'google-forms');
    assert.equal(result.counts.written, 0);
    // Three would be sent: the first two and the one the org will refuse (only the org knows).
    assert.equal(result.counts.toWrite, 3);
    assert.equal(await snapshot(), before);
    assert.ok(fs.existsSync(path.join(work, 'review.csv')));
  });

  it('writes the matched evaluations and lists the rest with the org refusal', async () => {
    const result = await importEvaluations(api(), options());
    assert.deepEqual(
      { written: result.counts.written, refused: result.counts.refused, invalid: result.counts.invalid },
      { written: 2, refused: 1, invalid: 1 },
    );
    assert.deepEqual(
      result.records.map((r) => r.attendanceId),
      [attended[0].Id, attended[1].Id],
    );
    assert.deepEqual(await evaluationOf(attended[0].Id), {
      Feedback_Rating__c: 5,
      Evaluation_Relevance__c: 5,
      Evaluation_Speaker__c: 5,
      Evaluation_Practice_Change__c: 'Yes',
      Evaluation_Comments__c: 'Practical, clear',
      Evaluated_On__c: new Date(Math.floor(submitted.getTime() / 1000) * 1000).toISOString().replace('Z', '+0000'),
    });
    const second = await evaluationOf(attended[1].Id);
    assert.equal(second.Feedback_Rating__c, 4);
    assert.equal(second.Evaluation_Practice_Change__c, 'No');
    assert.equal(second.Evaluation_Comments__c, null);
    // The refused attendance holds no evaluation.
    assert.equal((await evaluationOf(attended[3].Id)).Evaluated_On__c, null);

    const [header, ...rows] = parseCsv(fs.readFileSync(path.join(work, 'review.csv'), 'utf8'));
    const entries = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    assert.deepEqual(
      entries.map((e) => [e.Line, e.Reason]),
      [
        ['4', 'invalid'],
        ['5', 'unmatched'],
        ['6', 'no-attendance'],
        ['7', 'refused'],
      ],
    );
    assert.equal(entries[0].Column, 'How would you rate the overall quality of this activity?');
    assert.equal(entries[0].Value, '6');
    assert.match(entries[2].Problem, /^no attendance: an evaluation needs one/);
    assert.match(
      entries[3].Problem,
      /FIELD_CUSTOM_VALIDATION_EXCEPTION: Only a doctor who attended can evaluate the event/,
    );
  });

  it('importing the same file again changes nothing', async () => {
    const before = await snapshot();
    const result = await importEvaluations(api(), options());
    assert.equal(result.counts.unchanged, 2);
    assert.equal(result.counts.written, 0);
    // Only the refused one is tried again, and refused again.
    assert.equal(result.counts.refused, 1);
    assert.equal(await snapshot(), before);
  });

  it('each bad input is a clear error and writes nothing', async () => {
    const before = await snapshot();
    const badFile = (name: string, bytes: Uint8Array | string) => {
      const file = path.join(work, name);
      fs.writeFileSync(file, bytes);
      return file;
    };
    const refusal = async (extra: Partial<EvaluationsImportOptions>, code: string, message: RegExp) => {
      await assert.rejects(
        importEvaluations(api(), options({ reviewFile: path.join(work, `bad-${code}.csv`), ...extra })),
        (error: unknown) =>
          error instanceof EvaluationsImportError && error.code === code && message.test(error.message),
      );
      assert.equal(fs.existsSync(path.join(work, `bad-${code}.csv`)), false, `no review file for ${code}`);
    };
    await refusal({ event: 'EVT-NOPE' }, 'EventNotFound', /No CME event EVT-NOPE/);
    await refusal({ event: futureEventKey }, 'EventNotHeld', /has not started yet/);
    await refusal({ event: lockedEventKey }, 'EventNotApproved', / is (Closed|Draft|Rejected|Pending Approval)\.$/);
    await refusal({ event: cancelledEventKey }, 'EventCancelled', /is cancelled/);
    await refusal(
      { reviewFile: path.join(work, 'no-such-folder', 'review.csv') },
      'ReviewFileUnwritable',
      /no-such-folder does not exist/,
    );
    await refusal(
      { file: badFile('no-speaker.csv', 'Email,Overall rating,Relevance,Practice change\na@example.org,5,5,Yes\n') },
      'MissingColumn',
      /speaker quality/,
    );
    await refusal(
      { file: badFile('latin1.csv', new Uint8Array([...Buffer.from('Email,Overall\nJos'), 0xe9, 0x0a])) },
      'FileEncoding',
      /not valid UTF-8/,
    );
    await refusal(
      { columnsFile: badFile('map.json', JSON.stringify({ dateOrder: 'YMD' })) },
      'BadColumnMap',
      /dateOrder/,
    );
    await refusal({ timeZone: 'Mars/Olympus' }, 'BadTimeZone', /Mars\/Olympus/);
    assert.equal(await snapshot(), before);
  });

  it('an event whose time zone is not an IANA name is refused, naming it, unless --time-zone is given', async () => {
    const [event] = await q<{ Id: string; Time_Zone__c: string | null }>(
      `SELECT Id, Time_Zone__c FROM CME_Event__c WHERE Event_Key__c = '${eventKey}'`,
    );
    await conn.sobject('CME_Event__c').update({ Id: event.Id, Time_Zone__c: 'IST' } as never);
    try {
      const before = await snapshot();
      await assert.rejects(
        importEvaluations(api(), options({ timeZone: undefined })),
        (error: unknown) =>
          error instanceof EvaluationsImportError && error.code === 'BadTimeZone' && /"IST"/.test(error.message),
      );
      assert.equal(await snapshot(), before);
      const given = await importEvaluations(api(), options({ timeZone: 'Asia/Kolkata', dryRun: true }));
      assert.equal(given.timeZone, 'Asia/Kolkata');
    } finally {
      await conn.sobject('CME_Event__c').update({ Id: event.Id, Time_Zone__c: event.Time_Zone__c } as never);
    }
  });

  describe('through the official sf CLI (plugin linked)', () => {
    let home: string;
    before(async () => {
      home = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-evaluations-home-'));
      await loginAndLinkPlugin(home, conn.instanceUrl, org.identity.accessToken, 'local');
    });
    after(() => fs.rmSync(home, { recursive: true, force: true }));

    it("exits 1 when the org refuses a record, with the result as the error's data", async () => {
      const reviewFile = path.join(work, 'cli-review.csv');
      const run = await runSf(home, [
        'cme',
        'evaluations',
        'import',
        '--target-org',
        'local',
        '--event',
        eventKey,
        '--file',
        surveyFile,
        '--columns',
        columnsFile,
        '--time-zone',
        'UTC',
        '--review-file',
        reviewFile,
        '--json',
      ]);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const error = JSON.parse(run.stdout) as { name: string; message: string; data: EvaluationsImportResult };
      assert.match(error.name, /^WritesFailed/);
      assert.match(error.message, /0 of 1 evaluations were written; 1 were refused by the org and 0 were not sent/);
      assert.equal(error.data.counts.refused, 1);
      assert.equal(error.data.counts.unchanged, 2);
      const review = parseCsv(fs.readFileSync(reviewFile, 'utf8'));
      assert.equal(review.filter((r) => r[1] === 'refused').length, 1);
    });
  });

  it('the command: its flags and messages', () => {
    assert.match(CmeEvaluationsImport.summary, /survey tool's CSV export/);
    assert.ok(CmeEvaluationsImport.examples.some((e) => e.includes('--dry-run')));
    for (const flag of ['target-org', 'api-version', 'event', 'file', 'columns', 'review-file', 'dry-run', 'time-zone'])
      assert.ok(flag in CmeEvaluationsImport.flags, flag);
  });
});
