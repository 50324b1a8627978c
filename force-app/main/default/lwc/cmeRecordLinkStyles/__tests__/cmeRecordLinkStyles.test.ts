// The CSS module c/cmeRecordLinkStyles has no JavaScript: its rules are tested where they land, in the
// templates of components whose CSS imports it (`@import 'c/cmeRecordLinkStyles';`).
import CmeEventCalendar from '../../cmeEventCalendar/cmeEventCalendar';
import { $$, flushPromises, mount } from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';
import eventsData from '../../cmeEventCalendar/__tests__/data/events.json';

describe('c/cmeRecordLinkStyles', () => {
  todayEachTest(new Date(2027, 2, 10, 10, 0, 0));

  it('gives a record link a 44 px (2.75rem) tap target, inline-flex so the height applies to a link', async () => {
    const element = mount('c-cme-event-calendar', CmeEventCalendar, { events: eventsData });
    await flushPromises();
    const links = $$(element, '[data-id="agenda-event"]');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.tagName).toBe('A');
      const style = getComputedStyle(link);
      expect([style.display, style.minHeight, style.whiteSpace]).toEqual(['inline-flex', '2.75rem', 'normal']);
    }
  });

  it('styles nothing outside the templates of the components that import it', () => {
    mount('c-cme-event-calendar', CmeEventCalendar, { events: eventsData });
    const link = document.createElement('a');
    link.className = 'record-link';
    document.body.appendChild(link);
    expect(getComputedStyle(link).display).not.toBe('inline-flex');
    expect(getComputedStyle(link).minHeight).not.toBe('2.75rem');
  });
});
