import { formatDay, nextStage, stageChangeProblem } from '../lineLogic';

describe('cmeExpenseLines logic', () => {
  it('checks a stage change: Actual needs a date', () => {
    expect(stageChangeProblem('Actual', '')).toBe('actualDate');
    expect(stageChangeProblem('Actual', '2027-01-01')).toBeNull();
    expect(stageChangeProblem('', '')).toBe('required');
  });

  it('moves a line on to the next stage', () => {
    expect(nextStage('Estimated')).toBe('Committed');
    expect(nextStage('Committed')).toBe('Actual');
    expect(nextStage('Actual')).toBe('Actual');
    expect(nextStage('Unknown')).toBe('Estimated');
  });

  it('formats a date field as the day itself', () => {
    expect(formatDay('2027-01-01')).toBe('Jan 1, 2027');
    expect(formatDay(null)).toBe('');
    expect(formatDay('soon')).toBe('soon');
  });
});
