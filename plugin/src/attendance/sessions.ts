// One person's join/leave sessions as the minutes they were present. A person who joins from a laptop
// and a phone at once, or drops and re-joins, has overlapping or touching sessions: a minute is
// counted once however many devices were in it, so a credit claim never counts a minute twice. Pure.
import { AttendanceFileError } from './types.ts';
import type { AttendanceSession, MergedAttendance } from './types.ts';

const MS_PER_MINUTE = 60_000;

/** A session's join and leave as milliseconds, refused when either is not a date or it ends before it starts. */
function intervalOf(session: AttendanceSession): [start: number, end: number] {
  const start = session.joinedAt.getTime();
  const end = session.leftAt.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new AttendanceFileError('bad-value', 'A session has a join or leave time that is not a date.');
  }
  if (end < start) {
    throw new AttendanceFileError(
      'bad-value',
      `A session leaves (${session.leftAt.toISOString()}) before it joins (${session.joinedAt.toISOString()}).`,
      { value: `${session.joinedAt.toISOString()} – ${session.leftAt.toISOString()}` },
    );
  }
  return [start, end];
}

/**
 * The time covered by the sessions, overlaps and touching ends counted once, in whole minutes rounded
 * down (from the total, not per session: two 30-second halves of one minute make that minute), with
 * the first join and the last leave. No sessions at all is refused: there is nothing to credit.
 */
export function mergeSessions(sessions: readonly AttendanceSession[]): MergedAttendance {
  if (sessions.length === 0) throw new AttendanceFileError('empty', 'There are no sessions to merge.');
  const intervals = sessions.map(intervalOf).sort((a, b) => a[0] - b[0]);
  let coveredMs = 0;
  let [runStart, runEnd] = intervals[0];
  for (const [start, end] of intervals.slice(1)) {
    if (start <= runEnd) {
      runEnd = Math.max(runEnd, end);
    } else {
      coveredMs += runEnd - runStart;
      [runStart, runEnd] = [start, end];
    }
  }
  coveredMs += runEnd - runStart;
  return {
    minutes: Math.floor(coveredMs / MS_PER_MINUTE),
    firstJoinedAt: new Date(intervals[0][0]),
    // The last run ends last: every earlier run ended before it started.
    lastLeftAt: new Date(runEnd),
  };
}
