import { isFilterName } from '../filterOptions';

describe('cmeEventFilters options', () => {
  it('knows which filters are picklists', () => {
    expect(['eventType', 'format', 'status', 'therapyArea'].every(isFilterName)).toBe(true);
    expect(isFilterName('mineOnly')).toBe(false);
    expect(isFilterName(undefined)).toBe(false);
  });
});
