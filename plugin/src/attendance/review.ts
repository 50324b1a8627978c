/**
 * The review CSV of `sf cme attendance import`: every person of the report the import did not write,
 * for a person to resolve — ambiguous (with the doctors they may be), unmatched (nobody invited, no
 * Contact with their e-mail: listed, never created), refused by the org — with the report's line
 * numbers to find them. Cells go through the audit pack's CSV (RFC 4180, CRLF, formula-safe text), and
 * the file is written whole or not at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { csvRow } from '../report/csv.ts';
import { emailKey } from './match.ts';
import type { AttendanceWrite, ReviewEntry, ReviewReason } from './plan.ts';
import type { MatchCandidate } from './types.ts';

export const REVIEW_COLUMNS = [
  'Name',
  'Email',
  'Lines',
  'Reason',
  'Why',
  'Minutes',
  'First Join',
  'Last Leave',
  'Candidates',
  'Candidate Contact Ids',
] as const;

/** What each reason means, in words, with what to do. */
const SHARED_DOCTOR = 'Several people in the report match this one doctor: decide whose minutes they are.';

export function reasonText(entry: ReviewEntry): string {
  // matchPeople makes everyone who lands on a doctor another person also landed on ambiguous, with
  // that one doctor as the candidate.
  const single = entry.candidates.length === 1;
  // matchPeople also makes a name that fits an invited doctor ambiguous when the e-mail is another Contact's.
  const emailIsAnother = entry.candidates.some(
    (c) => emailKey(c.email) !== '' && emailKey(c.email) === emailKey(entry.person.email),
  );
  const texts: Record<ReviewReason, string> = {
    'ambiguous-email': single ? SHARED_DOCTOR : 'Several doctors have this e-mail: pick the right one.',
    'ambiguous-name': single
      ? SHARED_DOCTOR
      : emailIsAnother
        ? "The name is an invited doctor's but the e-mail is another Contact's (a namesake?): pick one."
        : 'Several invited doctors have this name and the report gives no e-mail that tells them apart: pick one.',
    unmatched:
      'Nobody invited has this e-mail or name, and no Contact has this e-mail: add the Contact or their e-mail, or leave them out.',
    'same-doctor': SHARED_DOCTOR,
    'several-attendances': 'The doctor has several attendance records for this event: keep one, then import again.',
    'no-time-attended': 'They left in the second they joined: no attendance to record.',
    'write-failed':
      'The org refused the record: fix the cause given, then import again (records already written stay).',
  };
  return entry.detail ? `${texts[entry.reason]} (${entry.detail})` : texts[entry.reason];
}

function candidateText(c: MatchCandidate): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  const email = c.email ? ` <${c.email}>` : '';
  return `${name}${email}${c.invitationId ? ' (invited)' : ' (not invited)'}`;
}

/** Review entries for writes the org refused or that were not sent. */
export function failedWriteEntries(failed: readonly { write: AttendanceWrite; message: string }[]): ReviewEntry[] {
  return failed.map(({ write, message }) => ({
    person: write.person,
    reason: 'write-failed',
    candidates: [],
    detail: `${write.key}: ${message}`,
  }));
}

/** The review CSV's text: a header, then a row per entry in the order given. */
export function reviewCsv(entries: readonly ReviewEntry[]): string {
  let text = csvRow(REVIEW_COLUMNS);
  for (const entry of entries) {
    const { person } = entry;
    text += csvRow([
      person.name,
      person.email ?? '',
      person.lines.join(' '),
      entry.reason,
      reasonText(entry),
      person.attended.minutes,
      person.attended.firstJoinedAt.toISOString(),
      person.attended.lastLeftAt.toISOString(),
      entry.candidates.map(candidateText).join(' | '),
      entry.candidates.map((c) => c.doctorId).join(' '),
    ]);
  }
  return text;
}

/**
 * Why the file cannot be written, or null when it can: its folder must exist and take new files (the
 * whole-file write puts a temporary file beside it), and the file, if there, must be a file. Checked
 * before an import touches the org, so a review file that cannot be written never fails the command
 * after the records are saved.
 */
export function reviewFileProblem(file: string): string | null {
  const folder = path.dirname(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    return `the folder ${folder} does not exist`;
  }
  if (!stat.isDirectory()) return `${folder} is not a folder`;
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    return `the folder ${folder} cannot be written`;
  }
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) return `${file} is not a file`;
  return null;
}

/** Writes the file whole: to a temporary name beside it, then renamed over it. */
export function writeFileAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  try {
    fs.writeFileSync(partial, text, 'utf8');
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
