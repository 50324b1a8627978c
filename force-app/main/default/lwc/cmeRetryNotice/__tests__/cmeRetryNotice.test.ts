import CmeRetryNotice from 'c/cmeRetryNotice';
import { $, flushPromises, mount, resetDom, text } from '../../../../../test/lwcTest';

type Notice = HTMLElement & { message?: string; retryLabel?: string };

async function notice(props: Partial<Notice>): Promise<Notice> {
  const element = mount<Notice>('c-cme-retry-notice', CmeRetryNotice, props);
  await flushPromises();
  return element;
}

const retryButton = (element: Element) => $<HTMLElement & { label?: string }>(element, '[data-id="retry"]')!;

describe('c-cme-retry-notice', () => {
  afterEach(resetDom);

  it('says what failed as an alert, with the Retry button beside it', async () => {
    const element = await notice({ message: 'The search could not be run: Query timed out', retryLabel: 'Retry' });
    expect($(element, '.retry-notice')!.getAttribute('role')).toBe('alert');
    expect(text($(element, '.message'))).toBe('The search could not be run: Query timed out');
    expect(retryButton(element).label).toBe('Retry');
    await expect(element).toBeAccessible();
  });

  it('fires retry, once per click, and shows a new message', async () => {
    const element = await notice({ message: 'Too many requests', retryLabel: 'Try again' });
    const retry = jest.fn();
    element.addEventListener('retry', retry);
    retryButton(element).click();
    retryButton(element).click();
    expect(retry).toHaveBeenCalledTimes(2);
    element.message = 'Offline';
    await flushPromises();
    expect(text($(element, '.message'))).toBe('Offline');
  });

  it('shows an empty message as an empty alert rather than inventing one', async () => {
    const element = await notice({ retryLabel: 'Retry' });
    expect(text($(element, '.message'))).toBe('');
    expect(retryButton(element).label).toBe('Retry');
  });
});
