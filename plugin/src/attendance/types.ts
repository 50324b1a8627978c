/**
 * The shared contract of virtual attendance import (`sf cme attendance import`) and evaluation import
 * (`sf cme evaluations import`): what a webinar platform's export decodes into, and how a person in a
 * file is matched to the event's invited doctors. Parsers produce these; matching and the commands
 * consume them. Pure data: no I/O here.
 */

/** The webinar platforms whose own attendance exports we read. */
export const WEBINAR_SOURCES = ['zoom', 'teams', 'webex'] as const;
export type WebinarSource = (typeof WEBINAR_SOURCES)[number];

/** How a file's bytes were decoded, detected from its byte-order mark and content. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The field separator found in a file's header row. */
export type FieldSeparator = ',' | '\t' | ';';

/** A decoded text file: what was detected and the rows, split into fields. */
export interface DecodedTable {
  encoding: TextEncoding;
  /** Whether the file began with a byte-order mark. */
  bom: boolean;
  separator: FieldSeparator;
  /** Every row of the file, 1-based `line` for messages, fields unquoted. Blank rows are kept as []. */
  rows: readonly { line: number; fields: readonly string[] }[];
}

/** One join-to-leave interval of one person, as the platform logged it. */
export interface AttendanceSession {
  joinedAt: Date;
  leftAt: Date;
}

/** One person in a platform's report: every row of theirs, grouped. */
export interface WebinarParticipant {
  /** The display name the platform reports (Zoom's "Name (original name)": the original name). */
  name: string;
  /** Lower-cased, trimmed e-mail, or null for a guest who gave none. */
  email: string | null;
  /** One per join/leave row, in file order; may overlap (a second device) — merging is not the parser's job. */
  sessions: readonly AttendanceSession[];
  /** 1-based line numbers of the rows this participant came from, for messages and the review CSV. */
  lines: readonly number[];
}

/** A platform's attendance export, read. */
export interface WebinarReport {
  source: WebinarSource;
  encoding: TextEncoding;
  separator: FieldSeparator;
  /** What the file says about the meeting itself, where it says it. */
  meeting: { title?: string; id?: string; startedAt?: Date; endedAt?: Date };
  participants: readonly WebinarParticipant[];
}

/** A parse failure that names the problem; the command turns it into an error with an action. */
export class AttendanceFileError extends Error {
  /** Machine-readable kind: the command picks its message by it. */
  public readonly kind: 'encoding' | 'unknown-source' | 'missing-column' | 'bad-value' | 'empty';
  /** The column, line or value concerned, for the message. */
  public readonly detail: { column?: string; line?: number; value?: string };

  public constructor(
    kind: AttendanceFileError['kind'],
    message: string,
    detail: { column?: string; line?: number; value?: string } = {},
  ) {
    super(message);
    this.name = 'AttendanceFileError';
    this.kind = kind;
    this.detail = detail;
  }
}

/** Merged sessions of one person: overlaps counted once. */
export interface MergedAttendance {
  /** Whole minutes present, rounded down (a credit claim never counts a minute not attended). */
  minutes: number;
  firstJoinedAt: Date;
  lastLeftAt: Date;
}

/**
 * A doctor a person in a file may be: an invited doctor of the event (invitationId set) or, for
 * walk-ins, any HCP Contact (invitationId null).
 */
export interface MatchCandidate {
  doctorId: string;
  invitationId: string | null;
  firstName: string | null;
  lastName: string;
  /** Contact.Email, as stored (matching lower-cases it). */
  email: string | null;
}

/** A person in a file, as matching sees them (a webinar participant or a survey respondent). */
export interface PersonInFile {
  name: string;
  email: string | null;
  lines: readonly number[];
}

/**
 * Where a person in a file landed. Invited doctors are matched by e-mail, then by name (unless the
 * e-mail is another Contact's: then ambiguous, with both); people who are not invited are matched to
 * an HCP Contact by e-mail only (a name alone among every HCP of the org is too weak to act on).
 * Ambiguous and unmatched people are listed for a person to resolve, never guessed.
 */
export type MatchOutcome<P extends PersonInFile = PersonInFile> =
  | { kind: 'invited'; person: P; candidate: MatchCandidate; by: 'email' | 'name' }
  | { kind: 'walk-in'; person: P; candidate: MatchCandidate; by: 'email' }
  | { kind: 'ambiguous'; person: P; candidates: readonly MatchCandidate[]; by: 'email' | 'name' }
  | { kind: 'unmatched'; person: P };
