// zonedInstant: a wall-clock time in a zone as an instant, found once per zone and minute.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zonedInstant } from '../src/attendance/localTime.ts';

const wall = (iso: string) => Date.parse(`${iso}Z`);
const at = (iso: string, zone: string) => {
  const instant = zonedInstant(wall(iso), zone);
  return instant === null ? null : new Date(instant).toISOString();
};

describe('zonedInstant', () => {
  it('the same wall minute in two zones is two instants (the minute is kept per zone)', () => {
    assert.equal(at('2026-03-14T09:05:00', 'Europe/Berlin'), '2026-03-14T08:05:00.000Z');
    assert.equal(at('2026-03-14T09:05:00', 'Asia/Kolkata'), '2026-03-14T03:35:00.000Z');
    assert.equal(at('2026-03-14T09:05:00', 'Europe/Berlin'), '2026-03-14T08:05:00.000Z', 'asked again');
  });

  it('keeps the seconds of a time inside a minute already seen', () => {
    assert.equal(at('2026-03-14T09:05:00', 'America/New_York'), '2026-03-14T13:05:00.000Z');
    assert.equal(at('2026-03-14T09:05:59', 'America/New_York'), '2026-03-14T13:05:59.000Z');
  });

  it('a half-hour daylight-saving shift (Lord Howe): the skipped half hour is refused, the next minute is not', () => {
    // Australia/Lord_Howe goes from +10:30 to +11:00 at 02:00 local on the first Sunday of October.
    assert.equal(at('2026-10-04T02:15:00', 'Australia/Lord_Howe'), null);
    assert.equal(at('2026-10-04T02:30:00', 'Australia/Lord_Howe'), '2026-10-03T15:30:00.000Z');
    assert.equal(at('2026-10-04T01:59:30', 'Australia/Lord_Howe'), '2026-10-03T15:29:30.000Z');
  });

  it('a repeated hour takes the earlier instant', () => {
    assert.equal(at('2026-11-01T01:30:00', 'America/New_York'), '2026-11-01T05:30:00.000Z');
  });
});
