// Reading the platforms' attendance exports: each layout and its variants (BOM, UTF-16LE and BE, tab
// and comma, re-joins, overlapping sessions, guests without e-mail, names with accents), detection of
// the platform, times read in the event's zone (or the zone the file states), and every error kind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readWebinarReport } from '../src/attendance/report.ts';
import { mergeSessions } from '../src/attendance/sessions.ts';
import { AttendanceFileError } from '../src/attendance/types.ts';
import type { WebinarReport } from '../src/attendance/types.ts';
import { zoomOriginalName } from '../src/attendance/zoom.ts';
import { teamsPersonName } from '../src/attendance/teams.ts';

const sample = (name: string): Uint8Array =>
  readFileSync(fileURLToPath(new URL(`data/attendance/${name}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Each participant in short: name, e-mail, lines, and sessions as ISO instants. */
function people(report: WebinarReport): unknown[] {
  return report.participants.map((p) => ({
    name: p.name,
    email: p.email,
    lines: [...p.lines],
    sessions: p.sessions.map((s) => `${s.joinedAt.toISOString()} – ${s.leftAt.toISOString()}`),
  }));
}

function assertAttendanceError(
  fn: () => unknown,
  kind: AttendanceFileError['kind'],
  detail: object = {},
): AttendanceFileError {
  let caught: AttendanceFileError | undefined;
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AttendanceFileError, `expected an AttendanceFileError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.deepEqual({ ...error.detail, ...detail }, error.detail, error.message);
    caught = error;
    return true;
  });
  return caught as AttendanceFileError;
}

describe('Zoom participants report', () => {
  const report = readWebinarReport(sample('zoom-participants-meeting-data.csv'), { timeZone: 'America/New_York' });

  it('is recognised, with its encoding and the meeting-data block above the participants', () => {
    assert.deepEqual([report.source, report.encoding, report.separator], ['zoom', 'utf-8', ',']);
    assert.deepEqual(report.meeting, {
      title: 'Heart Failure Update, Part 1',
      id: '812 3456 7890',
      startedAt: new Date('2026-03-14T12:55:02.000Z'),
      endedAt: new Date('2026-03-14T14:31:40.000Z'),
    });
  });

  it('groups re-joins by e-mail and guests by name, skips the waiting room, and reads times in the event zone', () => {
    assert.deepEqual(people(report), [
      {
        name: 'CME Host',
        email: 'host@cme-provider.example',
        lines: [5],
        sessions: ['2026-03-14T12:55:02.000Z – 2026-03-14T14:31:40.000Z'],
      },
      {
        name: 'Dr. Ana Müller',
        email: 'ana.mueller@clinic.example',
        lines: [6, 7],
        sessions: [
          '2026-03-14T12:58:00.000Z – 2026-03-14T13:40:30.000Z',
          '2026-03-14T13:35:00.000Z – 2026-03-14T14:30:00.000Z',
        ],
      },
      {
        name: 'José Núñez',
        email: null,
        lines: [9, 10],
        sessions: [
          '2026-03-14T12:59:00.000Z – 2026-03-14T13:30:00.000Z',
          '2026-03-14T13:45:00.000Z – 2026-03-14T14:15:00.000Z',
        ],
      },
      {
        name: 'Iyer, Ananya',
        email: 'ananya.iyer@example.org',
        lines: [11],
        sessions: ['2026-03-14T13:00:00.000Z – 2026-03-14T14:31:00.000Z'],
      },
    ]);
  });

  it('gives sessions that merge into the minutes present (the laptop and the iPad overlap)', () => {
    assert.equal(mergeSessions(report.participants[1].sessions).minutes, 92);
    assert.equal(mergeSessions(report.participants[2].sessions).minutes, 61);
  });

  it('takes the original name from a renamed display name', () => {
    assert.equal(zoomOriginalName('iPad (Dr. Ana Müller)'), 'Dr. Ana Müller');
    assert.equal(zoomOriginalName('Ananya Iyer'), 'Ananya Iyer');
  });

  it('reads the report without meeting data, with ISO-like times, in a half-hour zone', () => {
    const plain = readWebinarReport(sample('zoom-participants.csv'), { timeZone: 'Asia/Kolkata' });
    assert.deepEqual(plain.meeting, {});
    assert.deepEqual(people(plain), [
      {
        name: 'Kenji Sato',
        email: 'k.sato@example.jp',
        lines: [2],
        sessions: ['2026-03-14T12:30:00.000Z – 2026-03-14T13:30:00.000Z'],
      },
      { name: 'Guest 1', email: null, lines: [3], sessions: ['2026-03-14T12:40:00.000Z – 2026-03-14T12:50:00.000Z'] },
    ]);
  });

  it('refuses the unique-users export, which has no join or leave time to credit', () => {
    const uniqueUsers = utf8(
      'Name (Original Name),User Email,Total Duration (Minutes),Guest\nAna Müller,ana@x.example,75,No\n',
    );
    const error = assertAttendanceError(
      () => readWebinarReport(uniqueUsers, { source: 'zoom', timeZone: 'UTC' }),
      'missing-column',
      { column: 'Join Time', line: 1 },
    );
    assert.match(error.message, /Zoom participants report has no "Join Time" column/);
  });
});

describe('Zoom webinar attendee report', () => {
  const report = readWebinarReport(sample('zoom-webinar-attendees.csv'), { timeZone: 'Europe/Berlin' });

  it('reads every section, skips registrants who did not attend, and groups re-joins', () => {
    assert.equal(report.source, 'zoom');
    assert.deepEqual(report.meeting, {
      title: 'Anticoagulation in Practice',
      id: '987 6543 2100',
      startedAt: new Date('2026-03-14T08:00:00.000Z'),
    });
    assert.deepEqual(people(report), [
      {
        name: 'CME Host',
        email: 'host@cme-provider.example',
        lines: [7],
        sessions: ['2026-03-14T07:55:00.000Z – 2026-03-14T09:31:00.000Z'],
      },
      {
        name: 'Dr. Ana Müller',
        email: 'ana.mueller@clinic.example',
        lines: [10],
        sessions: ['2026-03-14T07:58:00.000Z – 2026-03-14T09:30:00.000Z'],
      },
      {
        name: 'Ananya Iyer',
        email: 'ananya.iyer@example.org',
        lines: [13, 14],
        sessions: [
          '2026-03-14T08:02:00.000Z – 2026-03-14T08:50:00.000Z',
          '2026-03-14T08:55:00.000Z – 2026-03-14T09:29:00.000Z',
        ],
      },
    ]);
  });
});

describe('Microsoft Teams attendance report', () => {
  const bytes = sample('teams-attendance.csv');
  const report = readWebinarReport(bytes, { timeZone: 'America/Chicago' });
  const expected = [
    {
      name: 'Ana Müller',
      email: 'ana.mueller@clinic.example',
      lines: [17],
      sessions: ['2026-03-14T23:00:04.000Z – 2026-03-15T00:30:10.000Z'],
    },
    {
      name: 'Núñez, José',
      email: 'jose.nunez@example.es',
      lines: [18, 19, 20],
      sessions: [
        '2026-03-14T23:05:00.000Z – 2026-03-14T23:50:00.000Z',
        '2026-03-14T23:45:00.000Z – 2026-03-15T00:00:00.000Z',
        '2026-03-15T00:10:00.000Z – 2026-03-15T00:20:00.000Z',
      ],
    },
    {
      name: 'Ananya Iyer',
      email: null,
      lines: [21],
      sessions: ['2026-03-14T23:02:00.000Z – 2026-03-15T00:00:00.000Z'],
    },
  ];

  it('decodes the UTF-16LE download, reads the summary and takes the sessions from the activities', () => {
    assert.deepEqual([report.source, report.encoding, report.separator], ['teams', 'utf-16le', '\t']);
    assert.deepEqual(report.meeting, {
      title: 'Grand Rounds: Diabetes Care',
      startedAt: new Date('2026-03-14T23:00:04.000Z'),
      endedAt: new Date('2026-03-15T00:30:10.000Z'),
    });
    assert.deepEqual(people(report), expected);
    // José's overlapping and separate sessions merge into the 1h 5m Teams counted.
    assert.equal(mergeSessions(report.participants[1].sessions).minutes, 65);
  });

  it('reads the same report as UTF-16BE, and as UTF-16LE without its byte-order mark', () => {
    const body = bytes.subarray(2);
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) [swapped[i], swapped[i + 1]] = [body[i + 1], body[i]];
    const be = readWebinarReport(new Uint8Array([0xfe, 0xff, ...swapped]), { timeZone: 'America/Chicago' });
    const bareLe = readWebinarReport(new Uint8Array(body), { timeZone: 'America/Chicago' });
    assert.deepEqual([be.encoding, bareLe.encoding], ['utf-16be', 'utf-16le']);
    assert.deepEqual(people(be), expected);
    assert.deepEqual(people(bareLe), expected);
  });

  it('without activities, counts a person from the first join for the in-meeting duration, not to the last leave', () => {
    const saved = readWebinarReport(sample('teams-participants-utf8.csv'), { timeZone: 'America/Chicago' });
    assert.deepEqual([saved.encoding, saved.separator], ['utf-8', ',']);
    assert.deepEqual(people(saved), [
      {
        name: 'Núñez, José',
        email: 'jose.nunez@example.es',
        lines: [7],
        sessions: ['2026-03-14T23:05:00.000Z – 2026-03-15T00:10:00.000Z'],
      },
    ]);
    assert.equal(mergeSessions(saved.participants[0].sessions).minutes, 65);
  });

  it('pairs the joins and leaves of the pre-2021 event list', () => {
    const legacy = readWebinarReport(sample('teams-legacy-events.csv'), { timeZone: 'Europe/London' });
    assert.equal(legacy.source, 'teams');
    assert.deepEqual(people(legacy), [
      {
        name: 'Ana Müller',
        email: null,
        lines: [2],
        sessions: ['2020-03-14T18:00:04.000Z – 2020-03-14T19:30:00.000Z'],
      },
      {
        name: 'José Núñez',
        email: null,
        lines: [3, 5],
        sessions: [
          '2020-03-14T18:00:04.000Z – 2020-03-14T18:40:00.000Z',
          '2020-03-14T18:50:00.000Z – 2020-03-14T19:30:00.000Z',
        ],
      },
    ]);
  });

  it('reads the live-event report in UTC, as its column says', () => {
    const live = utf8(
      [
        'SessionId,ParticipantId,FullName,UserAgent,UtcEventTimestamp,Action,Role',
        's1,ana.mueller@clinic.example,Ana Müller,Mozilla/5.0,3/14/2026 4:48:08 PM,Joined,Attendee',
        's1,ana.mueller@clinic.example,Ana Müller,Mozilla/5.0,3/14/2026 5:25:54 PM,Left,Attendee',
      ].join('\n'),
    );
    assert.deepEqual(people(readWebinarReport(live, { timeZone: 'Asia/Tokyo' })), [
      {
        name: 'Ana Müller',
        email: 'ana.mueller@clinic.example',
        lines: [2],
        sessions: ['2026-03-14T16:48:08.000Z – 2026-03-14T17:25:54.000Z'],
      },
    ]);
  });

  it('drops the tag Teams puts after outside people', () => {
    assert.equal(teamsPersonName('Ananya Iyer (External)'), 'Ananya Iyer');
    assert.equal(teamsPersonName('Ana Müller (Guest)'), 'Ana Müller');
    assert.equal(teamsPersonName('Ana Müller (Cardiology)'), 'Ana Müller (Cardiology)');
  });

  it('refuses a join that never leaves, a leave without a join, and a duration it cannot read', () => {
    const events = (...rows: string[]) => utf8(['Full Name\tUser Action\tTimestamp', ...rows].join('\n'));
    assertAttendanceError(
      () => readWebinarReport(events('Ana Müller\tJoined\t3/14/2020, 6:00:04 PM'), { timeZone: 'UTC' }),
      'bad-value',
      { line: 2, column: 'User Action', value: 'Joined' },
    );
    assertAttendanceError(
      () => readWebinarReport(events('Ana Müller\tLeft\t3/14/2020, 6:00:04 PM'), { timeZone: 'UTC' }),
      'bad-value',
      { line: 2, value: 'Left' },
    );
    const badDuration = utf8(
      'Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\nAna\t3/14/26, 6:00:04 PM\t3/14/26, 7:00:00 PM\tabout an hour\ta@x.example\n',
    );
    assertAttendanceError(() => readWebinarReport(badDuration, { timeZone: 'UTC' }), 'bad-value', {
      line: 2,
      column: 'In-Meeting Duration',
      value: 'about an hour',
    });
  });
});

describe('Webex attendee report', () => {
  it('reads one session per row, groups e-mails case-insensitively, and keeps call-in users apart', () => {
    const report = readWebinarReport(sample('webex-attendees.csv'), { timeZone: 'Asia/Tokyo' });
    assert.equal(report.source, 'webex');
    assert.deepEqual(report.meeting, {
      title: 'Lipid Management Webinar',
      startedAt: new Date('2026-03-14T00:00:00.000Z'),
      endedAt: new Date('2026-03-14T01:30:00.000Z'),
    });
    assert.deepEqual(people(report), [
      {
        name: 'Ananya Iyer',
        email: 'ananya.iyer@example.org',
        lines: [2, 3],
        sessions: [
          '2026-03-14T00:01:00.000Z – 2026-03-14T00:46:00.000Z',
          '2026-03-14T00:40:00.000Z – 2026-03-14T01:28:00.000Z',
        ],
      },
      {
        name: 'Call-in User_2',
        email: null,
        lines: [4],
        sessions: ['2026-03-14T00:05:00.000Z – 2026-03-14T00:35:00.000Z'],
      },
      {
        name: 'Kenji Sato',
        email: 'k.sato@example.jp',
        lines: [5],
        sessions: ['2026-03-14T00:00:00.000Z – 2026-03-14T01:30:00.000Z'],
      },
    ]);
    assert.equal(mergeSessions(report.participants[0].sessions).minutes, 87);
  });

  it('takes the name from First Name and Last Name, semicolon-separated', () => {
    const text =
      'First Name;Last Name;Email;Join Time;Leave Time\nJosé;Núñez;JOSE@example.es;2026-03-14 09:00;2026-03-14 09:30\n';
    const report = readWebinarReport(utf8(text), { source: 'webex', timeZone: 'UTC' });
    assert.deepEqual(people(report), [
      {
        name: 'José Núñez',
        email: 'jose@example.es',
        lines: [2],
        sessions: ['2026-03-14T09:00:00.000Z – 2026-03-14T09:30:00.000Z'],
      },
    ]);
  });

  it('names the missing column when the source is given and the file lacks it', () => {
    const error = assertAttendanceError(
      () =>
        readWebinarReport(utf8('Name,Join Time,Leave Time\nAna,2026-03-14 09:00,2026-03-14 10:00\n'), {
          source: 'webex',
          timeZone: 'UTC',
        }),
      'missing-column',
      { column: 'Attendee Email' },
    );
    assert.match(error.message, /Webex attendee report has no "Attendee Email" column/);
  });
});

describe('readWebinarReport: detection, times and errors', () => {
  it('refuses a file of no known platform, naming what it looked for', () => {
    const error = assertAttendanceError(
      () => readWebinarReport(utf8('Name,Email\nAna Müller,ana@x.example\n'), { timeZone: 'UTC' }),
      'unknown-source',
    );
    assert.match(error.message, /Zoom \("Name \(Original Name\)"/);
    assert.match(error.message, /Microsoft Teams \("2\. Participants"/);
    assert.match(error.message, /Webex \("Attendee Email"/);
  });

  it('reads a file as the given source even when auto would pick another', () => {
    const text =
      'Name (Original Name),User Email,Join Time,Leave Time\nAna,a@x.example,2026-03-14 09:00,2026-03-14 10:00\n';
    assert.equal(readWebinarReport(utf8(text), { source: 'auto', timeZone: 'UTC' }).source, 'zoom');
    assertAttendanceError(() => readWebinarReport(utf8(text), { source: 'teams', timeZone: 'UTC' }), 'missing-column', {
      // Teams' header has "Name"; this one has "Name (Original Name)", and the join and leave times.
      column: 'Name',
    });
  });

  const zoomWith = (join: string, leave: string, header = 'Join Time,Leave Time') =>
    utf8(`Name (Original Name),User Email,${header}\nAna Müller,ana@x.example,${join},${leave}\n`);
  const session = (bytes: Uint8Array, timeZone: string, dateOrder?: 'month-first' | 'day-first') =>
    people(readWebinarReport(bytes, { timeZone, dateOrder }))[0] as { sessions: string[] };

  it('refuses a time in no known form, with its line, column and value', () => {
    const error = assertAttendanceError(
      () => readWebinarReport(zoomWith('14.03.2026 09:00', '14.03.2026 10:00'), { timeZone: 'UTC' }),
      'bad-value',
      { line: 2, column: 'Join Time', value: '14.03.2026 09:00' },
    );
    assert.match(error.message, /^Line 2, column "Join Time": "14\.03\.2026 09:00" is not a date and time/);
    assertAttendanceError(
      () => readWebinarReport(zoomWith('02/30/2026 09:00 AM', '03/01/2026 10:00 AM'), { timeZone: 'UTC' }),
      'bad-value',
      {
        value: '02/30/2026 09:00 AM',
      },
    );
    assertAttendanceError(
      () => readWebinarReport(zoomWith('03/14/2026 13:00 PM', '03/14/2026 2:00 PM'), { timeZone: 'UTC' }),
      'bad-value',
      {
        value: '03/14/2026 13:00 PM',
      },
    );
  });

  it('reads the month-named form, and refuses a month or hour that does not exist', () => {
    assert.deepEqual(session(zoomWith('"Mar 14, 2026 19:13:27"', '"Mar 14, 2026 7:55 PM"'), 'UTC').sessions, [
      '2026-03-14T19:13:27.000Z – 2026-03-14T19:55:00.000Z',
    ]);
    for (const value of ['2026-13-01 09:00', 'Foo 14, 2026 9:00 AM', '2026-03-14 24:00', '03/14/2026 0:30 AM']) {
      assertAttendanceError(
        () => readWebinarReport(zoomWith(`"${value}"`, '2026-03-14 10:00'), { timeZone: 'UTC' }),
        'bad-value',
        {
          line: 2,
          column: 'Join Time',
          value,
        },
      );
    }
  });

  it('takes the order of slashed dates from the caller, else a day over 12, else month-first by default with AM/PM, and refuses a guess', () => {
    assert.deepEqual(session(zoomWith('15/08/2026 09:00', '15/08/2026 10:00'), 'UTC').sessions, [
      '2026-08-15T09:00:00.000Z – 2026-08-15T10:00:00.000Z',
    ]);
    assert.deepEqual(session(zoomWith('03/04/2026 09:00', '03/04/2026 10:00'), 'UTC', 'day-first').sessions, [
      '2026-04-03T09:00:00.000Z – 2026-04-03T10:00:00.000Z',
    ]);
    // AM/PM without a day over 12 proves nothing: month-first is the default (the US exports the
    // platforms document), not a reading of the file. A day-first file with am/pm (en-IN Teams:
    // "5/3/26, 9:58:18 am" is 5 March) needs the caller's order, which overrides the default.
    const withMeridiem = zoomWith('05/03/2026 09:00 AM', '05/03/2026 10:00 AM');
    assert.deepEqual(session(withMeridiem, 'UTC').sessions, ['2026-05-03T09:00:00.000Z – 2026-05-03T10:00:00.000Z']);
    assert.deepEqual(session(withMeridiem, 'UTC', 'day-first').sessions, [
      '2026-03-05T09:00:00.000Z – 2026-03-05T10:00:00.000Z',
    ]);
    const ambiguous = assertAttendanceError(
      () => readWebinarReport(zoomWith('03/04/2026 09:00', '03/04/2026 10:00'), { timeZone: 'UTC' }),
      'bad-value',
      { line: 2, column: 'Join Time', value: '03/04/2026 09:00' },
    );
    assert.match(ambiguous.message, /month-first or day-first.*--date-order/);
    assertAttendanceError(
      () => readWebinarReport(zoomWith('15/08/2026 09:00', '08/16/2026 10:00'), { timeZone: 'UTC' }),
      'bad-value',
      {
        column: 'Leave Time',
        value: '08/16/2026 10:00',
      },
    );
  });

  it('uses the offset a value or a column header states instead of the event zone', () => {
    assert.deepEqual(
      session(zoomWith('2026-03-14T09:00:00+05:30', '2026-03-14T10:00:00Z'), 'America/New_York').sessions,
      ['2026-03-14T03:30:00.000Z – 2026-03-14T10:00:00.000Z'],
    );
    assert.deepEqual(
      session(
        zoomWith('03/14/2026 09:00 AM', '03/14/2026 10:00 AM', 'Join Time (UTC),Leave Time (UTC+02:00)'),
        'America/New_York',
      ).sessions,
      ['2026-03-14T09:00:00.000Z – 2026-03-14T08:00:00.000Z'],
    );
  });

  it('refuses a time the event zone skips, and takes the earlier of a time it repeats', () => {
    assertAttendanceError(
      () => readWebinarReport(zoomWith('2026-03-08 02:30', '2026-03-08 03:30'), { timeZone: 'America/New_York' }),
      'bad-value',
      { value: '2026-03-08 02:30' },
    );
    assert.deepEqual(session(zoomWith('2026-11-01 01:30', '2026-11-01 03:00'), 'America/New_York').sessions, [
      '2026-11-01T05:30:00.000Z – 2026-11-01T08:00:00.000Z',
    ]);
  });

  it('refuses an unknown time zone as the caller’s mistake, not the file’s', () => {
    assert.throws(
      () => readWebinarReport(zoomWith('2026-03-14 09:00', '2026-03-14 10:00'), { timeZone: 'Mars/Olympus' }),
      RangeError,
    );
  });

  it('refuses a report with no one in it, and a file that cannot be decoded', () => {
    assertAttendanceError(
      () => readWebinarReport(utf8('Name (Original Name),User Email,Join Time,Leave Time\n'), { timeZone: 'UTC' }),
      'empty',
    );
    assertAttendanceError(
      () =>
        readWebinarReport(new Uint8Array([...utf8('Name (Original Name),User Email,Join Time,Leave Time\nM'), 0xfc]), {
          timeZone: 'UTC',
        }),
      'encoding',
    );
  });
});
