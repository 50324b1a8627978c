import CmeDoctorFilters, { SEARCH_DELAY_MS } from 'c/cmeDoctorFilters';
import { flushPromises as flush, mountRendered, resetDom } from '../../../../../test/lwcTest';

type Filters = HTMLElement & { specialties?: { label: string; value: string }[]; clear(): void };

const SPECIALTIES = [
  { label: 'Cardiology', value: 'Cardiology' },
  { label: 'Oncology', value: 'Oncology' },
];

function afterTypingPause(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS + 20));
}

async function mount(): Promise<{ element: Filters; emitted: unknown[] }> {
  const element = await mountRendered<Filters>('c-cme-doctor-filters', CmeDoctorFilters, {
    specialties: SPECIALTIES,
  });
  const emitted: unknown[] = [];
  element.addEventListener('filterchange', (e) => emitted.push((e as CustomEvent).detail));
  return { element, emitted };
}

const $ = (el: Filters, id: string) =>
  el.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement & {
    value: string;
    label: string;
    options: { label: string; value: string }[];
  };

async function change(el: Filters, id: string, value: string): Promise<void> {
  $(el, id).dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

describe('c-cme-doctor-filters', () => {
  afterEach(resetDom);

  it('renders a labelled search box, specialty picker and territory box', async () => {
    const { element } = await mount();
    expect($(element, 'search-input').label).toBe('Search doctors');
    expect($(element, 'territory-filter').label).toBe('Territory');
    const specialty = $(element, 'specialty-filter');
    expect(specialty.label).toBe('Specialty');
    expect(specialty.options.map((o) => o.label)).toEqual(['All specialties', 'Cardiology', 'Oncology']);
    expect(specialty.value).toBe('');
    await expect(element).toBeAccessible();
  });

  it('emits the typed words once typing pauses, not on every key', async () => {
    const { element, emitted } = await mount();
    await change(element, 'search-input', 'c');
    await change(element, 'search-input', 'cardio');
    expect(emitted).toEqual([]);
    await afterTypingPause();
    expect(emitted).toEqual([{ text: 'cardio', specialty: '', territory: '' }]);
  });

  it('emits the territory after a pause and the specialty at once, each with the whole filter', async () => {
    const { element, emitted } = await mount();
    await change(element, 'territory-filter', 'pune');
    // The picker does not wait: it sends what is typed so far with it.
    await change(element, 'specialty-filter', 'Cardiology');
    expect(emitted).toEqual([{ text: '', specialty: 'Cardiology', territory: 'pune' }]);
    expect($(element, 'specialty-filter').value).toBe('Cardiology');
    // The pending pause was answered by the picker's filter: nothing more goes out.
    await afterTypingPause();
    expect(emitted).toHaveLength(1);
  });

  it('reads the box value when the change event has no detail', async () => {
    const { element, emitted } = await mount();
    const box = $(element, 'search-input');
    box.value = 'rao';
    box.dispatchEvent(new CustomEvent('change'));
    await afterTypingPause();
    expect(emitted).toEqual([{ text: 'rao', specialty: '', territory: '' }]);
  });

  it('clears the boxes and the picker and emits the empty filter at once', async () => {
    const { element, emitted } = await mount();
    $(element, 'search-input').value = 'zzz';
    await change(element, 'search-input', 'zzz');
    await change(element, 'specialty-filter', 'Oncology');
    element.clear();
    await flush();
    expect(emitted.at(-1)).toEqual({ text: '', specialty: '', territory: '' });
    expect($(element, 'search-input').value).toBe('');
    expect($(element, 'specialty-filter').value).toBe('');
    await afterTypingPause();
    expect(emitted).toHaveLength(2);
    await expect(element).toBeAccessible();
  });

  it('sends nothing after it is removed while typing', async () => {
    const { element, emitted } = await mount();
    await change(element, 'search-input', 'asha');
    document.body.removeChild(element);
    await afterTypingPause();
    expect(emitted).toEqual([]);
  });
});
