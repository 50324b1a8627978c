import CmeEventFilters from 'c/cmeEventFilters';
import { $, change, cleanUpEachTest, mountRendered } from '../../../../../test/lwcTest';

type Combobox = HTMLElement & { options?: { label: string; value: string }[]; value?: string; checked?: boolean };
type Filters = { eventType: string; format: string; status: string; therapyArea: string; mineOnly: boolean };

const NO_FILTERS: Filters = { eventType: '', format: '', status: '', therapyArea: '', mineOnly: false };
const TYPES = [
  { label: 'Conference', value: 'Conference' },
  { label: 'Webinar', value: 'Webinar' },
];
const FORMATS = [
  { label: 'In-Person', value: 'In-Person' },
  { label: 'Virtual', value: 'Virtual' },
];

function filterBar(filters: Filters = NO_FILTERS) {
  return mountRendered('c-cme-event-filters', CmeEventFilters, {
    typeValues: TYPES,
    formatValues: FORMATS,
    statusValues: [{ label: 'Draft', value: 'Draft' }],
    therapyAreaValues: [{ label: 'Oncology', value: 'Oncology' }],
    filters,
  });
}

/** The `filterchange` details the element dispatches from now on. */
function changes(element: HTMLElement): unknown[] {
  const seen: unknown[] = [];
  element.addEventListener('filterchange', (e) => seen.push((e as CustomEvent).detail));
  return seen;
}

describe('c-cme-event-filters', () => {
  cleanUpEachTest();

  it('offers "All" plus each picklist value, in a labelled group', async () => {
    const element = await filterBar();
    const options = (id: string) => ($<Combobox>(element, `[data-id="${id}"]`)!.options ?? []).map((o) => o.label);
    expect(options('filter-type')).toEqual(['All', 'Conference', 'Webinar']);
    expect(options('filter-format')).toEqual(['All', 'In-Person', 'Virtual']);
    expect(options('filter-status')).toEqual(['All', 'Draft']);
    expect(options('filter-therapy-area')).toEqual(['All', 'Oncology']);
    expect($(element, '.filters')!.getAttribute('role')).toBe('group');
    expect($(element, '.filters')!.getAttribute('aria-label')).toBe('Filter events');
  });

  it('shows the filters it is given', async () => {
    const element = await filterBar({ ...NO_FILTERS, format: 'Virtual', mineOnly: true });
    expect($<Combobox>(element, '[data-id="filter-format"]')!.value).toBe('Virtual');
    expect($<Combobox>(element, '[data-id="filter-type"]')!.value).toBe('');
    expect($<Combobox>(element, '[data-id="filter-mine"]')!.checked).toBe(true);
  });

  it('emits the filter the user changed, and "Only my events"', async () => {
    const element = await filterBar();
    const seen = changes(element);
    change($(element, '[data-id="filter-type"]'), { value: 'Webinar' });
    change($(element, '[data-id="filter-therapy-area"]'), { value: null });
    change($(element, '[data-id="filter-mine"]'), { checked: true });
    expect(seen).toEqual([
      { changes: { eventType: 'Webinar' } },
      { changes: { therapyArea: '' } },
      { changes: { mineOnly: true } },
    ]);
  });

  it('reads the value from the input when the event carries none', async () => {
    const element = await filterBar();
    const seen = changes(element);
    const status = $<Combobox>(element, '[data-id="filter-status"]')!;
    status.value = 'Draft';
    status.dispatchEvent(new CustomEvent('change'));
    expect(seen).toEqual([{ changes: { status: 'Draft' } }]);
  });

  it('is accessible', async () => {
    const element = await filterBar({ ...NO_FILTERS, eventType: 'Conference' });
    await expect(element).toBeAccessible();
  });
});
