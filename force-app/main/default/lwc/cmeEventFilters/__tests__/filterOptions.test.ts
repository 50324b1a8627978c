import { isFilterName, optionsWithBlank } from '../filterOptions';

describe('cmeEventFilters options', () => {
  it('leads picklist options with a blank option', () => {
    expect(optionsWithBlank('All', [{ label: 'Webinar', value: 'Webinar' }])).toEqual([
      { label: 'All', value: '' },
      { label: 'Webinar', value: 'Webinar' },
    ]);
    expect(optionsWithBlank('None', undefined)).toEqual([{ label: 'None', value: '' }]);
  });

  it('knows which filters are picklists', () => {
    expect(['eventType', 'format', 'status', 'therapyArea'].every(isFilterName)).toBe(true);
    expect(isFilterName('mineOnly')).toBe(false);
    expect(isFilterName(undefined)).toBe(false);
  });
});
