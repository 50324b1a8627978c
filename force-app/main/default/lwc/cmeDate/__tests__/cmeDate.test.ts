import CmeDate from 'c/cmeDate';
import { $, cleanUpEachTest, flushPromises, mount } from '../../../../../test/lwcTest';

type DateElement = HTMLElement & { value?: string; timeZone?: string; withTime?: boolean; timeOnly?: boolean };
type Formatted = HTMLElement & {
  value?: string;
  year?: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
  timeZone?: string;
};

async function date(props: Partial<DateElement>): Promise<{ element: DateElement; formatted: Formatted }> {
  const element = mount<DateElement>('c-cme-date', CmeDate, props);
  await flushPromises();
  return { element, formatted: $<Formatted>(element, 'lightning-formatted-date-time') as Formatted };
}

describe('c-cme-date', () => {
  cleanUpEachTest();

  it('shows a date as day, short month and year in the given time zone, without the time', async () => {
    const { element, formatted } = await date({ value: '2027-03-05', timeZone: 'UTC' });
    expect(formatted.value).toBe('2027-03-05');
    expect([formatted.year, formatted.month, formatted.day]).toEqual(['numeric', 'short', 'numeric']);
    expect(formatted.hour).toBeUndefined();
    expect(formatted.minute).toBeUndefined();
    expect(formatted.timeZone).toBe('UTC');
    await expect(element).toBeAccessible();
  });

  it.each([
    ['with-time', { withTime: true }, ['numeric', 'short', 'numeric']],
    ['time-only', { timeOnly: true }, [undefined, undefined, undefined]],
  ])('shows the hour and minute with `%s`, and the day, month and year %p', async (_name, props, dateParts) => {
    const { element, formatted } = await date({
      value: '2027-03-14T04:00:00.000Z',
      timeZone: 'Asia/Kolkata',
      ...props,
    });
    expect([formatted.year, formatted.month, formatted.day]).toEqual(dateParts);
    expect([formatted.hour, formatted.minute]).toEqual(['2-digit', '2-digit']);
    expect(formatted.timeZone).toBe('Asia/Kolkata');
    await expect(element).toBeAccessible();
  });

  it('follows new values', async () => {
    const { element, formatted } = await date({ value: '2027-03-14T04:00:00.000Z', withTime: true });
    element.value = '2027-03-15T04:00:00.000Z';
    element.withTime = false;
    await flushPromises();
    expect(formatted.value).toBe('2027-03-15T04:00:00.000Z');
    expect(formatted.hour).toBeUndefined();
  });

  it('leaves the time zone to the viewer’s when none is given', async () => {
    const { formatted } = await date({ value: '2026-10-02T05:00:00.000Z', withTime: true });
    expect(formatted.timeZone).toBeUndefined();
  });

  it.each([undefined, null, ''])('shows nothing without a value (%p)', async (value) => {
    const { element, formatted } = await date({ value: value as string, timeZone: 'UTC' });
    expect(formatted).toBeNull();
    expect(element.shadowRoot!.children).toHaveLength(0);
    await expect(element).toBeAccessible();
  });
});
