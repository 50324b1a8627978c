import { createElement } from 'lwc';
import CmeDoctorRow from 'c/cmeDoctorRow';
import type { DoctorRowView, InsightView } from 'c/cmeDoctorRow';
import { $, $$, flushPromises, resetDom, text, texts } from '../../../../../test/lwcTest';
import { emitted } from '../../../../../test/events';

const ASHA: DoctorRowView = {
  id: '003000000000001AAA',
  name: 'Dr Asha Rao',
  specialty: 'Cardiology',
  city: 'Mumbai',
  territory: 'Mumbai West',
  invited: false,
  selected: false,
  selectable: true,
  insight: null,
  insightFailed: false,
};

const NEAR_CAP: InsightView = {
  tovText: '₹85,000 of ₹1,00,000 (85%)',
  hasCap: true,
  barValue: 85,
  barStyle: 'width: 85%',
  barClass: 'slds-progress-bar__value bar-near',
  eventsText: '1 attended',
  warnings: [
    {
      key: 'cap',
      title: 'Near the annual cap',
      message: '₹85,000 of the ₹1,00,000 cap.',
      severityLabel: 'Warning:',
      className: 'warning warning-warn',
    },
    {
      key: 'consent',
      title: 'No disclosure consent',
      message: 'Ask for consent first.',
      severityLabel: 'Blocks:',
      className: 'warning warning-block',
    },
  ],
};

type Row = HTMLElement & { row?: DoctorRowView };

/** A row inside the ARIA table it belongs to (role="table" > role="rowgroup"), as the invite screen has it. */
async function mount(row: DoctorRowView): Promise<{ element: Row; changes: unknown[] }> {
  const table = document.createElement('div');
  table.setAttribute('role', 'table');
  table.setAttribute('aria-label', 'Doctors');
  const body = document.createElement('div');
  body.setAttribute('role', 'rowgroup');
  table.appendChild(body);
  document.body.appendChild(table);
  const element = createElement('c-cme-doctor-row', { is: CmeDoctorRow }) as Row;
  element.row = row;
  const changes = emitted(element, 'selectionchange');
  body.appendChild(element);
  await flushPromises();
  return { element, changes };
}

const checkbox = (el: Row) => $<HTMLInputElement>(el, 'input[data-id="row-checkbox"]')!;

describe('c-cme-doctor-row', () => {
  afterEach(resetDom);

  it('is a row of the table: the name as row header, then specialty, city and territory', async () => {
    const { element } = await mount(ASHA);
    expect(element.getAttribute('role')).toBe('row');
    expect(text($(element, '[role="rowheader"] .doctor-name'))).toBe('Dr Asha Rao');
    expect(text($(element, '.specialty'))).toBe('Cardiology');
    expect(text($(element, '.city'))).toBe('Mumbai');
    expect(text($(element, '.territory'))).toBe('Mumbai West');
    // Each cell names its column for the stacked phone layout.
    expect($$(element, '[role="cell"], [role="rowheader"]').map((c) => c.dataset.label)).toEqual([
      'Select',
      'Doctor',
      'Specialty',
      'City',
      'Territory',
      'Value this year',
      'Events this year',
      'Compliance',
    ]);
    expect(text($(element, '.checking'))).toBe('Checking…');
    expect($(element, '.invited-badge')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the value against the cap, the events and the warnings once computed', async () => {
    const { element } = await mount({ ...ASHA, insight: NEAR_CAP });
    expect(text($(element, '.tov-text'))).toBe('₹85,000 of ₹1,00,000 (85%)');
    const bar = $(element, '[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('85');
    expect(bar.getAttribute('aria-label')).toBe('₹85,000 of ₹1,00,000 (85%)');
    expect($(element, '.slds-progress-bar__value')!.className).toContain('bar-near');
    expect($(element, '.slds-progress-bar__value')!.style.width).toBe('85%');
    expect(text($(element, '.events'))).toBe('1 attended');
    expect(texts(element, '.warning-severity')).toEqual(['Warning:', 'Blocks:']);
    expect(texts(element, '.warning-title')).toEqual(['Near the annual cap', 'No disclosure consent']);
    expect(texts(element, '.warning-message')).toEqual(['₹85,000 of the ₹1,00,000 cap.', 'Ask for consent first.']);
    expect($(element, '.checking')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows no bar without a cap and says when there are no warnings', async () => {
    const view = { ...NEAR_CAP, tovText: '85,000', hasCap: false, warnings: [] };
    const { element } = await mount({ ...ASHA, insight: view });
    expect(text($(element, '.tov-text'))).toBe('85,000');
    expect($(element, '[role="progressbar"]')).toBeNull();
    expect(text($(element, '.no-warnings'))).toBe('No warnings');
    expect($(element, '.warnings')).toBeNull();
  });

  it('says the figures are not available when the history failed', async () => {
    const { element } = await mount({ ...ASHA, insightFailed: true });
    expect(text($(element, '.not-available'))).toBe('Not available');
    expect($(element, '.checking')).toBeNull();
    expect(text($(element, '.events'))).toBe('');
  });

  it('emits selectionchange when its checkbox is ticked or cleared, from a labelled native checkbox', async () => {
    const { element, changes } = await mount(ASHA);
    const box = checkbox(element);
    expect(box.type).toBe('checkbox');
    expect(box.disabled).toBe(false);
    expect(box.dataset.doctorId).toBe(ASHA.id);
    // The label is tied to the checkbox: a screen reader names it, a tap on it toggles it.
    const label = box.parentElement!.querySelector('label')!;
    expect(label.getAttribute('for')).toBe(box.id);
    expect(text(label)).toBe('Select Dr Asha Rao');
    box.click();
    await flushPromises();
    expect(changes).toEqual([{ doctorId: ASHA.id, selected: true }]);
    box.click();
    await flushPromises();
    expect(changes).toEqual([
      { doctorId: ASHA.id, selected: true },
      { doctorId: ASHA.id, selected: false },
    ]);
  });

  it('shows the selection it is given', async () => {
    const { element } = await mount({ ...ASHA, selected: true });
    expect(checkbox(element).checked).toBe(true);
    element.row = { ...ASHA, selected: false };
    await flushPromises();
    expect(checkbox(element).checked).toBe(false);
  });

  it('marks a doctor already invited: badge, no selection, the label says why', async () => {
    const { element } = await mount({ ...ASHA, invited: true, selected: true });
    expect(text($(element, '.invited-badge'))).toBe('Invited');
    expect($(element, '.doctor-name')!.className).toContain('is-invited');
    expect(checkbox(element).disabled).toBe(true);
    expect(checkbox(element).checked).toBe(false);
    expect(text($(element, '.slds-checkbox .slds-assistive-text'))).toBe('Dr Asha Rao is already invited');
    await expect(element).toBeAccessible();
  });

  it('disables the checkbox while the screen allows no selection', async () => {
    const { element } = await mount({ ...ASHA, selectable: false });
    expect(checkbox(element).disabled).toBe(true);
    expect(text($(element, '.slds-checkbox .slds-assistive-text'))).toBe('Select Dr Asha Rao');
  });

  it('renders nothing without a row', async () => {
    const { element } = await mount(undefined as unknown as DoctorRowView);
    expect($(element, '.cell')).toBeNull();
  });
});
