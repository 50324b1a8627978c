// The hooks the date-dependent screen tests (pre-flight, HCP panel, event follow-ups, my follow-ups)
// each wrote the same: like lwcTest.ts, neither a test nor covered nor deployed; tests import it by
// relative path.
import { cleanUpEachTest, fakeDateOnly } from './lwcTest';

/**
 * Call inside a describe: before each of its tests only Date is faked, to `now` (fakeDateOnly); after
 * each the DOM is emptied, every mock's calls are cleared and the real timers come back (cleanUpEachTest).
 */
export function todayEachTest(now: Date | string | number): void {
  beforeEach(() => {
    fakeDateOnly(now);
  });

  cleanUpEachTest();
}
