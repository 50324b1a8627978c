import CmeStatePanel from 'c/cmeStatePanel';
import { $, cleanUpEachTest, flushPromises, mountRendered, text, texts } from '../../../../../test/lwcTest';
import type { StatePanelInputs } from './statePanelInputs';

type Panel = HTMLElement & StatePanelInputs;
type Spinner = HTMLElement & { alternativeText?: string };
type Button = HTMLElement & { label?: string };

function panel(props: Partial<Panel> = {}): Promise<Panel> {
  return mountRendered<Panel>('c-cme-state-panel', CmeStatePanel, props);
}

describe('c-cme-state-panel', () => {
  cleanUpEachTest();

  it('shows nothing when no state applies', async () => {
    const element = await panel();
    expect(element.shadowRoot!.children.length).toBe(0);
    await expect(element).toBeAccessible();
  });

  it('shows a spinner with the screen’s label while loading, before any error or empty state', async () => {
    const element = await panel({
      loading: true,
      errors: ['Ignored while loading'],
      empty: true,
      loadingLabel: 'Loading events',
    });
    expect($<Spinner>(element, 'lightning-spinner')!.alternativeText).toBe('Loading events');
    expect($(element, '[data-id="error-panel"]')).toBeNull();
    expect($(element, '[data-id="empty"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('falls back to its own labels', async () => {
    const element = await panel({ loading: true });
    expect($<Spinner>(element, 'lightning-spinner')!.alternativeText).toBe('Loading');
    element.loading = false;
    element.errors = 'Boom';
    await flushPromises();
    expect(text($(element, '.error-title'))).toBe('Something went wrong');
    element.errors = [];
    element.empty = true;
    await flushPromises();
    expect(text($(element, '[data-id="empty"]'))).toBe('Nothing to show yet.');
  });

  it('lists each readable message of the errors it is given, through c/cmeErrors, as an alert', async () => {
    const element = await panel({
      errors: [
        { body: { message: 'Insufficient access to CME_Event__c' }, status: 403 },
        'Session expired',
        { body: { output: { errors: [{ errorCode: 'ENTITY_IS_LOCKED', message: 'locked' }] } } },
        '  Session expired ',
      ],
      errorTitle: 'Events could not be loaded',
      empty: true,
    });
    const alert = $(element, '[data-id="error-panel"]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(text($(element, '.error-title'))).toBe('Events could not be loaded');
    expect(texts(element, '.error-message')).toEqual([
      'Insufficient access to CME_Event__c',
      'Session expired',
      'This record is locked while its event is waiting for approval. Try again once the approval is decided.',
    ]);
    expect($(element, '[data-id="empty"]')).toBeNull();
    expect($(element, 'lightning-spinner')).toBeNull();
    expect($(element, '[data-id="retry"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('offers Retry when asked and fires retry when it is pressed', async () => {
    const element = await panel({ errors: ['Network unreachable'], retryable: true });
    const onRetry = jest.fn();
    element.addEventListener('retry', onRetry);
    const retry = $<Button>(element, '[data-id="retry"]')!;
    expect(retry.label).toBe('Retry');
    retry.click();
    expect(onRetry).toHaveBeenCalledTimes(1);
    element.retryLabel = 'Try again';
    await flushPromises();
    expect($<Button>(element, '[data-id="retry"]')!.label).toBe('Try again');
    await expect(element).toBeAccessible();
  });

  it('shows the empty message and its detail line when empty', async () => {
    const element = await panel({ empty: true, emptyMessage: 'No follow-ups', emptyDetail: 'Add one from an event.' });
    expect(text($(element, '.empty-message'))).toBe('No follow-ups');
    expect(text($(element, '.empty-detail'))).toBe('Add one from an event.');
    // With a detail line the message is a centred heading over it; alone, a quiet line.
    expect($(element, '[data-id="empty"]')!.classList.contains('slds-text-align_center')).toBe(true);
    expect($(element, '.empty-message')!.classList.contains('slds-text-heading_small')).toBe(true);
    await expect(element).toBeAccessible();
    element.emptyDetail = '';
    await flushPromises();
    expect($(element, '.empty-detail')).toBeNull();
    expect($(element, '[data-id="empty"]')!.classList.contains('slds-text-align_center')).toBe(false);
    expect($(element, '.empty-message')!.classList.contains('slds-text-color_weak')).toBe(true);
  });
});
