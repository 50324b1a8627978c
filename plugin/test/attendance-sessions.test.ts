// Merging one person's sessions: overlapping (two devices) and touching (a re-join) intervals count
// once, minutes are rounded down from the total, and impossible sessions are refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSessions } from '../src/attendance/sessions.ts';
import { AttendanceFileError } from '../src/attendance/types.ts';
import type { AttendanceSession } from '../src/attendance/types.ts';

/** A session from "HH:MM:SS" times on one day, UTC. */
const at = (time: string): Date => new Date(`2026-03-14T${time}Z`);
const session = (join: string, leave: string): AttendanceSession => ({ joinedAt: at(join), leftAt: at(leave) });

describe('mergeSessions', () => {
  it('counts one session as its whole minutes, rounded down', () => {
    const merged = mergeSessions([session('09:00:00', '09:45:59')]);
    assert.deepEqual(merged, { minutes: 45, firstJoinedAt: at('09:00:00'), lastLeftAt: at('09:45:59') });
  });

  it('adds separate sessions (a drop and a re-join) and leaves the gap out', () => {
    const merged = mergeSessions([session('09:00:00', '09:20:00'), session('09:30:00', '10:00:00')]);
    assert.deepEqual(merged, { minutes: 50, firstJoinedAt: at('09:00:00'), lastLeftAt: at('10:00:00') });
  });

  it('counts overlapping sessions (a laptop and a phone) once, in any order', () => {
    const sessions = [
      session('09:10:00', '09:50:00'),
      session('09:00:00', '09:30:00'),
      session('09:20:00', '09:25:00'),
    ];
    assert.deepEqual(mergeSessions(sessions), {
      minutes: 50,
      firstJoinedAt: at('09:00:00'),
      lastLeftAt: at('09:50:00'),
    });
  });

  it('joins touching sessions without counting the instant twice', () => {
    assert.equal(mergeSessions([session('09:00:00', '09:30:00'), session('09:30:00', '10:00:00')]).minutes, 60);
  });

  it('rounds the total down, not each session (two half minutes make a minute)', () => {
    assert.equal(mergeSessions([session('09:00:00', '09:00:30'), session('09:05:00', '09:05:30')]).minutes, 1);
    assert.equal(mergeSessions([session('09:00:00', '09:00:59')]).minutes, 0);
  });

  it('takes the last leave from a session inside an earlier long one', () => {
    const merged = mergeSessions([session('09:00:00', '11:00:00'), session('09:30:00', '09:40:00')]);
    assert.deepEqual([merged.minutes, merged.lastLeftAt], [120, at('11:00:00')]);
  });

  it('refuses a session that leaves before it joins, naming both times', () => {
    assert.throws(
      () => mergeSessions([session('09:00:00', '09:30:00'), session('10:00:00', '09:59:00')]),
      (error: unknown) =>
        error instanceof AttendanceFileError &&
        error.kind === 'bad-value' &&
        error.detail.value === '2026-03-14T10:00:00.000Z – 2026-03-14T09:59:00.000Z',
    );
  });

  it('refuses a time that is not a date, and no sessions at all', () => {
    assert.throws(
      () => mergeSessions([{ joinedAt: new Date('nonsense'), leftAt: at('09:00:00') }]),
      (error: unknown) => error instanceof AttendanceFileError && error.kind === 'bad-value',
    );
    assert.throws(
      () => mergeSessions([]),
      (error: unknown) => error instanceof AttendanceFileError && error.kind === 'empty',
    );
  });
});

describe('the attendance benchmark report', () => {
  it("overlaps every participant's second session with the first by exactly a minute", async () => {
    const { participantSessions } = await import('../../scripts/bench/attendance-import.ts');
    const start = Date.parse('2026-03-14T08:00:00.000Z');
    const end = start + 2 * 3_600_000;
    let overlapping = 0;
    for (let n = 1; n <= 5000; n++) {
      const [first, second, ...rest] = participantSessions(n, 4, start, end);
      assert.ok(
        first.join < second.join && second.join < first.leave && first.leave < second.leave,
        `participant ${n}`,
      );
      if (first.leave - second.join === 60_000) overlapping++;
      // The later re-joins do not overlap: merging counts the one minute once.
      for (const [i, s] of rest.entries())
        assert.ok(s.join >= (i === 0 ? second : rest[i - 1]).leave, `participant ${n}`);
    }
    assert.equal(overlapping, 5000);
  });
});
