// Reading survey tools' exports through the shipped column map: each tool's layout (extra header rows
// included) found and its columns mapped, answers as numbers and wordings, BOM and UTF-16 through the
// attendance import's decodeTable, timestamps in the event's zone or the one the file states, and
// every bad cell a problem naming the line, the column, the value and the fix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTable } from '../src/attendance/decode.ts';
import { AttendanceFileError } from '../src/attendance/types.ts';
import { loadColumnMap, ColumnMapError } from '../src/evaluations/columnMap.ts';
import { readSurvey } from '../src/evaluations/survey.ts';
import type { SurveyExport } from '../src/evaluations/survey.ts';
import { readPracticeChange, readRating } from '../src/evaluations/answers.ts';
import { mergeColumnMaps } from '../src/schema/evaluationsImport.ts';
import type { SurveyColumnMap } from '../src/schema/evaluationsImport.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.join(HERE, 'data', 'evaluations');
const SHIPPED = path.join(HERE, '..', '..', 'config', 'evaluations', 'survey-columns.json');

const map = loadColumnMap(undefined, [SHIPPED]);
const NEW_YORK = 'America/New_York';

function read(bytes: Uint8Array, columnMap: SurveyColumnMap = map, timeZone = NEW_YORK): SurveyExport {
  return readSurvey(decodeTable(bytes), columnMap, { timeZone });
}
const readFile = (name: string) => read(fs.readFileSync(path.join(DATA, name)));
const text = (csv: string) => new TextEncoder().encode(csv);

/** UTF-16LE bytes with a byte-order mark, as a spreadsheet's "Unicode text" save writes them. */
function utf16le(csv: string): Uint8Array {
  const body = Buffer.from(csv, 'utf16le');
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
}

const teamMap = (team: object) => {
  const merged = mergeColumnMaps(JSON.parse(fs.readFileSync(SHIPPED, 'utf8')), team, [SHIPPED, 'team.json']);
  if ('problems' in merged) throw new Error(merged.problems.join('; '));
  return merged.map;
};

describe('survey exports, tool by tool', () => {
  it('Google Forms: question texts as headers, wordings and numbers, local timestamps in the event zone', () => {
    const survey = readFile('google-forms.csv');
    assert.equal(survey.tool, 'google-forms');
    assert.equal(survey.headerRows, 1);
    assert.equal(survey.columns.overall?.header, 'How would you rate the overall quality of this activity?');
    assert.equal(survey.columns.email?.header, 'Email Address');
    assert.deepEqual(survey.problems, []);
    assert.deepEqual(
      survey.respondents.map((r) => [r.line, r.name, r.email, r.submittedAt?.toISOString(), r.answers]),
      [
        [
          2,
          'Dr. Ana Müller',
          'ana.muller@example.org',
          // 18:05:11 in New York on 24 October 2026 is EDT, UTC-4.
          '2026-10-24T22:05:11.000Z',
          {
            overall: 5,
            relevance: 5,
            speaker: 5,
            practiceChange: 'Yes',
            comments: 'Clear, practical; more cases please',
          },
        ],
        [
          3,
          'José Núñez',
          'jose.nunez@example.org',
          '2026-10-24T22:07:42.000Z',
          { overall: 4, relevance: 4, speaker: 4, practiceChange: 'No', comments: null },
        ],
        [
          4,
          'Ananya Iyer',
          'ananya.iyer@example.org',
          '2026-10-24T22:09:03.000Z',
          { overall: 3, relevance: 3, speaker: 5, practiceChange: 'Unsure', comments: 'Slides were "dense"' },
        ],
      ],
    );
  });

  it('Microsoft Forms (UTF-8 with BOM): "5 - Excellent" and "Poor (1)", Completion time as the timestamp', () => {
    const bytes = fs.readFileSync(path.join(DATA, 'microsoft-forms.csv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const survey = read(bytes);
    assert.equal(survey.tool, 'microsoft-forms');
    assert.equal(survey.columns.submittedAt?.header, 'Completion time');
    assert.equal(survey.columns.name?.header, 'Name');
    assert.deepEqual(
      survey.respondents.map((r) => [
        r.name,
        r.submittedAt?.toISOString(),
        r.answers.overall,
        r.answers.relevance,
        r.answers.speaker,
      ]),
      [
        ['Ana Müller', '2026-10-24T22:04:55.000Z', 5, 5, 5],
        ['José Núñez', '2026-10-24T22:06:30.000Z', 1, 2, 2],
      ],
    );
  });

  it('SurveyMonkey: the second header row names the matrix rows, first and last name make the name', () => {
    const survey = readFile('surveymonkey.csv');
    assert.equal(survey.tool, 'surveymonkey');
    assert.equal(survey.headerRows, 2);
    assert.equal(survey.columns.relevance?.header, 'Please rate the following / Relevance to my practice');
    assert.equal(survey.columns.speaker?.header, 'Please rate the following / Speaker');
    assert.equal(survey.columns.submittedAt?.header, 'End Date', 'End Date, not Start Date');
    assert.deepEqual(survey.problems, []);
    // Data starts on line 3, after the two header rows.
    assert.deepEqual(
      survey.respondents.map((r) => [r.line, r.name, r.email, r.submittedAt?.toISOString(), r.answers]),
      [
        [
          3,
          'Ana Müller',
          'ana.muller@example.org',
          '2026-10-24T22:04:55.000Z',
          { overall: 5, relevance: 5, speaker: 4, practiceChange: 'Yes', comments: null },
        ],
        [
          4,
          'José Núñez',
          null,
          '2026-10-24T22:06:30.000Z',
          { overall: 4, relevance: 1, speaker: 3, practiceChange: 'Yes', comments: 'Too short' },
        ],
      ],
    );
  });

  it('Qualtrics: three header rows, the question text in the second, the zone its ImportId row states', () => {
    const survey = read(fs.readFileSync(path.join(DATA, 'qualtrics.csv')), map, 'Asia/Kolkata');
    assert.equal(survey.tool, 'qualtrics');
    assert.equal(survey.headerRows, 3);
    assert.equal(survey.columns.overall?.header, 'Q1 / Overall, how would you rate this activity?');
    assert.equal(survey.columns.submittedAt?.header, 'RecordedDate / Recorded Date');
    assert.equal(survey.columns.submittedAt?.timeZone, NEW_YORK);
    const [ana] = survey.respondents;
    assert.equal(survey.respondents.length, 1);
    assert.equal(ana.line, 4);
    assert.equal(ana.name, 'Ana Müller');
    // The file says America/New_York: the event's Asia/Kolkata is not used.
    assert.equal(ana.submittedAt?.toISOString(), '2026-10-24T22:04:56.000Z');
    assert.deepEqual(ana.answers, { overall: 5, relevance: 5, speaker: 5, practiceChange: 'Yes', comments: null });
    // Line 5: a 6, a missing speaker answer and "Maybe later", each named with its column and fix.
    assert.deepEqual(
      survey.problems.map((p) => [p.line, p.name, p.column, p.value, p.problem]),
      [
        [5, 'Ananya Iyer', 'Q1 / Overall, how would you rate this activity?', '6', '6 is not a rating from 1 to 5'],
        [
          5,
          'Ananya Iyer',
          'Q3 / How effective was the speaker?',
          null,
          'the speaker quality (Evaluation_Speaker__c) is not answered',
        ],
        [
          5,
          'Ananya Iyer',
          'Q4 / Do you plan to change your practice?',
          'Maybe later',
          '"Maybe later" is not Yes, No or Unsure',
        ],
      ],
    );
    for (const p of survey.problems) assert.ok(p.fix.length > 10, `a fix for ${p.problem}`);
  });

  it('UTF-16LE with a BOM, tab-separated: the same answers as the UTF-8 file', () => {
    const csv = fs.readFileSync(path.join(DATA, 'google-forms.csv'), 'utf8');
    // Tab-separated: the quoted comment keeps its comma inside quotes either way.
    const tsv = csv
      .split('\n')
      .map((line) => line.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t'))
      .join('\n');
    const survey = read(utf16le(tsv));
    assert.equal(survey.tool, 'google-forms');
    assert.deepEqual(
      survey.respondents.map((r) => r.answers),
      readFile('google-forms.csv').respondents.map((r) => r.answers),
    );
    assert.equal(survey.respondents[0].name, 'Dr. Ana Müller');
  });

  it('a file without a header the map knows is read as a one-header-row generic export', () => {
    const survey = read(text('E-mail,Overall rating,Relevance,Speaker,Practice change\nana@example.org,5,4,3,Yes\n'));
    assert.equal(survey.tool, 'generic');
    assert.equal(survey.respondents[0].email, 'ana@example.org');
    assert.equal(survey.respondents[0].submittedAt, null);
  });
});

describe('survey exports that cannot be imported', () => {
  const fileError = (kind: AttendanceFileError['kind'], message: RegExp) => (error: unknown) =>
    error instanceof AttendanceFileError && error.kind === kind && message.test(error.message);

  it('a missing answer column names the answer, the tool and the --columns way out', () => {
    assert.throws(
      () =>
        read(
          text(
            'Timestamp,Email Address,Overall rating,Relevance,Practice change\n10/24/2026 9:00,a@example.org,5,5,Yes\n',
          ),
        ),
      fileError('missing-column', /speaker quality \(Evaluation_Speaker__c\) in this google-forms export.*--columns/),
    );
  });

  it('no column naming the respondent', () => {
    assert.throws(
      () => read(text('Overall rating,Relevance,Speaker,Practice change\n5,5,5,Yes\n')),
      fileError('missing-column', /No column names the respondent/),
    );
  });

  it('two columns equally the overall rating', () => {
    assert.throws(
      () =>
        read(
          text('Email,Overall rating,Overall rating,Relevance,Speaker,Practice change\na@example.org,5,4,5,5,Yes\n'),
        ),
      fileError('missing-column', /Several columns could be the overall rating/),
    );
  });

  it('header rows but no responses, and no rows at all', () => {
    assert.throws(
      () => read(text('Email,Overall,Relevance,Speaker,Practice change\n')),
      fileError('empty', /no responses/),
    );
    assert.throws(() => read(text('\n\n')), fileError('empty', /no rows/));
  });

  it('bytes that are not UTF-8 are an encoding error', () => {
    assert.throws(
      () => read(new Uint8Array([...text('Email,Overall\n'), 0xc3, 0x28, 0x0a])),
      fileError('encoding', /not valid UTF-8/),
    );
  });

  it('a row without e-mail or name, a bad e-mail, a long comment, a bad timestamp', () => {
    const long = 'x'.repeat(4001);
    const survey = read(
      text(
        [
          'Timestamp,Email,Name,Overall,Relevance,Speaker,Practice change,Comments',
          '10/24/2026 9:00,,,5,5,5,Yes,',
          '10/24/2026 9:00,not-an-email,Ana Müller,5,5,5,Yes,',
          `10/24/2026 9:00,b@example.org,B,5,5,5,Yes,${long}`,
          'next week,c@example.org,C,5,5,5,Yes,',
        ].join('\n'),
      ),
    );
    assert.equal(survey.respondents.length, 0);
    assert.deepEqual(
      survey.problems.map((p) => [p.line, p.column, p.problem]),
      [
        [2, null, 'the row names no respondent'],
        [3, 'Email', '"not-an-email" is not an e-mail address'],
        [4, 'Comments', 'the comments are 4001 characters long; the evaluation holds 4000'],
        [
          5,
          'Timestamp',
          'Line 5, column "Timestamp": "next week" is not a date and time such as 2026-03-14 09:58:18, 03/14/2026 09:58:18 AM, 3/14/26, 9:58:18 AM or Mar 14, 2026 9:58 AM.',
        ],
      ],
    );
  });
});

describe('answers', () => {
  const none = new Set(['', 'n a']);
  const wordings = map.ratingWordings.overall;
  it('ratings: numbers 1-5 alone or labelled, wordings of the scale, N/A as not answered', () => {
    assert.deepEqual(readRating('4', wordings, none), { value: 4 });
    assert.deepEqual(readRating('5 - Excellent', wordings, none), { value: 5 });
    assert.deepEqual(readRating('Agree (4)', wordings, none), { value: 4 });
    assert.deepEqual(readRating('strongly DISAGREE', wordings, none), { value: 1 });
    assert.deepEqual(readRating('Neither agree nor disagree', wordings, none), { value: 3 });
    assert.deepEqual(readRating('N/A', wordings, none), { missing: true });
    for (const bad of ['0', '6', '4.5', '3,5', 'Superb'])
      assert.ok('problem' in readRating(bad, wordings, none), `${bad} refused`);
  });

  it('practice change: Yes/No/Unsure and the wordings people answer with', () => {
    const table = map.practiceChange;
    assert.deepEqual(readPracticeChange('I will change my practice', table, none), { value: 'Yes' });
    assert.deepEqual(readPracticeChange('no', table, none), { value: 'No' });
    assert.deepEqual(readPracticeChange('Not sure', table, none), { value: 'Unsure' });
    assert.ok('problem' in readPracticeChange('Perhaps', table, none));
  });
});

describe('timestamps', () => {
  const HEAD = 'Timestamp,Email,Overall,Relevance,Speaker,Practice change';
  const times = (rows: string[], team?: object) =>
    read(
      text([HEAD, ...rows.map((t, i) => `${t},p${i}@example.org,5,5,5,Yes`)].join('\n')),
      team ? teamMap(team) : map,
      'Europe/Berlin',
    );
  const instants = (survey: SurveyExport) => survey.respondents.map((r) => r.submittedAt?.toISOString());

  it('ISO with an offset as written; local times in the zone, across the autumn change', () => {
    const survey = times(['2026-10-24T18:05:11+05:30', '2026-10-24 18:05:11', '2026-10-26 18:05:11']);
    // Berlin is UTC+2 until 25 October 2026 03:00, then UTC+1.
    assert.deepEqual(instants(survey), [
      '2026-10-24T12:35:11.000Z',
      '2026-10-24T16:05:11.000Z',
      '2026-10-26T17:05:11.000Z',
    ]);
  });

  it('slashed dates: the order a day over 12 or AM/PM proves, or the one the map gives', () => {
    assert.deepEqual(instants(times(['10/26/2026 18:05:11', '10/05/2026 18:05:11'])), [
      '2026-10-26T17:05:11.000Z',
      '2026-10-05T16:05:11.000Z',
    ]);
    assert.deepEqual(instants(times(['26/10/2026 18:05', '05/10/2026 18:05'])), [
      '2026-10-26T17:05:00.000Z',
      '2026-10-05T16:05:00.000Z',
    ]);
    // A quoted cell: the comma after the date is part of it.
    assert.deepEqual(instants(times(['"10/05/26, 6:05 PM"'])), ['2026-10-05T16:05:00.000Z']);
    assert.deepEqual(instants(times(['05/10/2026 18:05'], { dateOrder: 'DMY' })), ['2026-10-05T16:05:00.000Z']);
  });

  it('a file whose slashed dates could be either order stops the import, naming dateOrder', () => {
    assert.throws(
      () => times(['05/10/2026 18:05', '06/10/2026 09:00']),
      (error: unknown) =>
        error instanceof AttendanceFileError && error.kind === 'bad-value' && /dateOrder/.test(error.message),
    );
  });

  it('a time that is no time is a problem of its row, with its line and column', () => {
    const survey = times(['2026-10-24 18:05:11', '2026-04-31 10:00', 'yesterday']);
    assert.equal(survey.respondents.length, 1);
    assert.deepEqual(
      survey.problems.map((p) => [p.line, p.column, p.value]),
      [
        [3, 'Timestamp', '2026-04-31 10:00'],
        [4, 'Timestamp', 'yesterday'],
      ],
    );
    assert.match(survey.problems[0].problem, /not a calendar date/);
  });
});

describe('a team column map', () => {
  it('names a survey whose questions the shipped map does not know, and its own scale for one field', () => {
    const team = teamMap({
      columns: { overall: ['Q7'], speaker: ['Faculty score'] },
      fieldScales: { speaker: { '5': ['Very good'], '4': ['Good'], '3': ['Fair'], '2': ['Poor'], '1': ['Very poor'] } },
      practiceChange: { Yes: ['Definitely'] },
    });
    const survey = read(
      text('Email,Q7,Relevance,Faculty score,Practice change\na@example.org,Very good,Good,Good,Definitely\n'),
      team,
    );
    // Q7 uses the shared scale (Very good = 4, Good = 3); the speaker's own scale has Good = 4.
    assert.deepEqual(survey.respondents[0].answers, {
      overall: 4,
      relevance: 3,
      speaker: 4,
      practiceChange: 'Yes',
      comments: null,
    });
  });

  it("the README's example map is a valid map", () => {
    const readme = fs.readFileSync(path.join(path.dirname(SHIPPED), 'README.md'), 'utf8');
    const example = JSON.parse(readme.split('```json')[1].split('```')[0]) as object;
    const team = teamMap(example);
    assert.equal(team.dateOrder, 'DMY');
    assert.equal(team.columns.overall[0], 'q7');
    assert.equal(team.ratingWordings.speaker.get('good'), 4);
    assert.equal(team.ratingWordings.overall.get('good'), 3);
    assert.equal(team.practiceChange.get('perhaps'), 'Unsure');
  });

  it('a wording listed under two ratings, or a bad file, is refused with the file and path', () => {
    const merged = mergeColumnMaps({}, { ratingScale: { '4': ['Good'], '3': ['Good'] } }, ['team.json']);
    assert.ok('problems' in merged);
    assert.match(merged.problems.join('\n'), /"Good" is listed under both 3 and 4/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-eval-map-'));
    try {
      const bad = path.join(dir, 'team.json');
      fs.writeFileSync(bad, JSON.stringify({ dateOrder: 'YMD', columns: { rating: ['x'] } }));
      assert.throws(
        () => loadColumnMap(bad, [SHIPPED]),
        (error: unknown) =>
          error instanceof ColumnMapError &&
          error.problems.some((p) => p.startsWith(`${bad}: dateOrder`)) &&
          error.problems.some((p) => p.includes('columns')),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
