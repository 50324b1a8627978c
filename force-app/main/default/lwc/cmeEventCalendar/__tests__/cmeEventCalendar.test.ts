import CmeEventCalendar from 'c/cmeEventCalendar';
import { $, $$, click, flushPromises, mountRendered, text, texts } from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';
import { emitted, key, leftToBrowser } from '../../../../../test/events';
import eventsData from './data/events.json';

type CalendarElement = HTMLElement & { events?: unknown[]; weekStartsOn?: number; month?: string };

function calendar(props: Partial<CalendarElement> = {}): Promise<CalendarElement> {
  return mountRendered<CalendarElement>('c-cme-event-calendar', CmeEventCalendar, { events: eventsData, ...props });
}

const cell = (element: HTMLElement, iso: string) => $(element, `td[data-date="${iso}"]`)!;

describe('c-cme-event-calendar', () => {
  // Today is Wednesday 10 March 2027.
  todayEachTest(new Date(2027, 2, 10, 10, 0, 0));

  it('opens on the current month: weekday headers, the events on their start days, today marked', async () => {
    const element = await calendar();
    expect(text($(element, '.month-title'))).toBe('March 2027');
    expect(texts(element, 'th[scope="col"]')).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect($$(element, 'tbody tr')).toHaveLength(5);
    expect([...cell(element, '2027-03-14').querySelectorAll('.calendar-event-name')].map(text)).toEqual([
      'Heart Failure Update — Mumbai',
      'Insulin Titration Workshop',
    ]);
    const today = cell(element, '2027-03-10');
    expect(today.getAttribute('aria-current')).toBe('date');
    expect(today.getAttribute('tabindex')).toBe('0');
    expect($$(element, 'td[tabindex="0"]')).toHaveLength(1);
    expect(texts(element, '.agenda-day-title')).toEqual(['Sunday, March 14', 'Saturday, March 20']);
    // The agenda shows each event's start time in the event's own zone, under its day's title.
    const times = $$(element, '.agenda-event c-cme-date') as (HTMLElement & {
      value?: string;
      timeZone?: string;
      timeOnly?: boolean;
    })[];
    expect(times.map((t) => [t.value, t.timeZone, t.timeOnly])).toEqual([
      ['2027-03-14T04:00:00.000Z', 'Asia/Kolkata', true],
      ['2027-03-14T13:00:00.000Z', 'Europe/Berlin', true],
      ['2027-03-20T15:00:00.000Z', 'America/New_York', true],
    ]);
  });

  it('starts the week on Monday and opens on the month it is given', async () => {
    const element = await calendar({ weekStartsOn: 1, month: '2027-04-19' });
    expect(text($(element, '.month-title'))).toBe('April 2027');
    expect(text($$(element, 'th[scope="col"]')[0])).toBe('Mon');
    expect($$(element, 'td')[0].dataset.date).toBe('2027-03-29');
    expect(cell(element, '2027-04-01').getAttribute('tabindex')).toBe('0');
    expect(element.month).toBe('2027-04-01');
    // The same month again changes nothing; no month is no change.
    element.month = '2027-04-30';
    element.month = '';
    await flushPromises();
    expect(text($(element, '.month-title'))).toBe('April 2027');
  });

  it('emits the month it changes to, with the buttons and "Today"', async () => {
    const element = await calendar();
    const months = emitted(element, 'monthchange');
    click($(element, '[data-id="next-month"]'));
    await flushPromises();
    expect(text($(element, '.month-title'))).toBe('April 2027');
    click($(element, '[data-id="previous-month"]'));
    click($(element, '[data-id="previous-month"]'));
    await flushPromises();
    click($(element, '[data-id="today"]'));
    await flushPromises();
    expect(months).toEqual([
      { month: '2027-04-01' },
      { month: '2027-03-01' },
      { month: '2027-02-01' },
      { month: '2027-03-01' },
    ]);
    expect(cell(element, '2027-03-10').getAttribute('tabindex')).toBe('0');
  });

  it('moves the focus with the arrow keys, Home/End and Page Up/Down, and leaves the month by them', async () => {
    const element = await calendar();
    const months = emitted(element, 'monthchange');
    const focused = () => element.shadowRoot!.activeElement;
    /** Presses the key on the day and waits for the re-render; whether the calendar took the key. */
    const press = async (iso: string, keyName: string) => {
      const taken = key(cell(element, iso), keyName).defaultPrevented;
      await flushPromises();
      return taken;
    };
    expect(await press('2027-03-10', 'ArrowRight')).toBe(true);
    expect(cell(element, '2027-03-11').getAttribute('tabindex')).toBe('0');
    expect(focused()).toBe(cell(element, '2027-03-11'));
    await press('2027-03-11', 'ArrowDown');
    expect(focused()).toBe(cell(element, '2027-03-18'));
    await press('2027-03-18', 'ArrowUp');
    await press('2027-03-11', 'ArrowLeft');
    await press('2027-03-10', 'Home');
    expect(focused()).toBe(cell(element, '2027-03-07'));
    await press('2027-03-07', 'End');
    expect(focused()).toBe(cell(element, '2027-03-13'));

    await press('2027-03-13', 'PageDown');
    expect(text($(element, '.month-title'))).toBe('April 2027');
    expect(focused()).toBe(cell(element, '2027-04-13'));
    await press('2027-04-13', 'PageUp');
    expect(text($(element, '.month-title'))).toBe('March 2027');
    expect(months).toEqual([{ month: '2027-04-01' }, { month: '2027-03-01' }]);

    // Leaving the month by arrow shows the next one.
    await press('2027-03-13', 'ArrowDown');
    await press('2027-03-20', 'ArrowDown');
    await press('2027-03-27', 'ArrowDown');
    expect(text($(element, '.month-title'))).toBe('April 2027');
    expect(focused()).toBe(cell(element, '2027-04-03'));
  });

  it('leaves other keys, and keys typed on an event, alone', async () => {
    const element = await calendar();
    expect(key(cell(element, '2027-03-10'), 'x').defaultPrevented).toBe(false);
    const eventLink = cell(element, '2027-03-20').querySelector('a') as HTMLElement;
    expect(key(eventLink, 'ArrowLeft').defaultPrevented).toBe(false);
    await flushPromises();
    expect(cell(element, '2027-03-10').getAttribute('tabindex')).toBe('0');
  });

  it('moves the tab stop to a focused day of the month', async () => {
    const element = await calendar();
    cell(element, '2027-03-22').dispatchEvent(new FocusEvent('focus'));
    cell(element, '2027-04-01').dispatchEvent(new FocusEvent('focus'));
    await flushPromises();
    expect(cell(element, '2027-03-22').getAttribute('tabindex')).toBe('0');
    expect(cell(element, '2027-04-01').getAttribute('tabindex')).toBe('-1');
  });

  it('emits the event chosen in the grid or the agenda', async () => {
    const element = await calendar();
    const chosen = emitted(element, 'eventselect');
    click(cell(element, '2027-03-20').querySelector('[data-id="calendar-event"]'));
    click($$(element, '[data-id="agenda-event"]')[0]);
    expect(chosen).toEqual([{ recordId: 'a02000000000003AAA' }, { recordId: 'a02000000000001AAA' }]);
  });

  it('links each event to its url; a click with a modifier key is left to the browser', async () => {
    const urlOf = (id: string) => `/lightning/r/CME_Event__c/${id}/view`;
    const element = await calendar({
      events: (eventsData as { id: string }[]).map((e) => ({ ...e, url: urlOf(e.id) })),
    });
    const chosen = emitted(element, 'eventselect');
    const link = cell(element, '2027-03-20').querySelector('[data-id="calendar-event"]') as HTMLAnchorElement;
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toBe(urlOf('a02000000000003AAA'));
    const agendaLink = $$(element, '[data-id="agenda-event"]')[0];
    expect(agendaLink.getAttribute('href')).toBe(urlOf('a02000000000001AAA'));
    expect(leftToBrowser(link, { ctrlKey: true })).toBe(true);
    expect(leftToBrowser(agendaLink, { button: 1 })).toBe(true);
    expect(chosen).toEqual([]);
    expect(leftToBrowser(link)).toBe(false);
    expect(chosen).toEqual([{ recordId: 'a02000000000003AAA' }]);
  });

  it('says when no event starts in the month', async () => {
    const element = await calendar({ events: [] });
    expect($$(element, '.calendar-event')).toHaveLength(0);
    expect(text($(element, '.agenda-empty'))).toBe('No upcoming events start this month.');
  });

  it('is accessible with events and without', async () => {
    const element = await calendar();
    await expect(element).toBeAccessible();
    element.events = [];
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});
