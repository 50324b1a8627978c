import CmeScreenCard from 'c/cmeScreenCard';
import {
  $,
  cleanUpEachTest,
  flushPromises,
  mountRendered,
  stateEmpty,
  stateErrorPanel,
  stateErrors,
  stateErrorTitle,
  stateRetry,
  stateSpinner,
  text,
} from '../../../../../test/lwcTest';
import type { ScreenCardLabels } from 'c/cmeScreenCard';
import type { StatePanelInputs } from '../../cmeStatePanel/__tests__/statePanelInputs';

type Card = HTMLElement &
  StatePanelInputs & {
    labels?: ScreenCardLabels & Record<string, string>;
    title?: string;
    iconName?: string;
    refreshLabel?: string;
    refreshDisabled?: boolean;
  };
type LightningCard = HTMLElement & { title?: string; iconName?: string };
type ButtonIcon = HTMLElement & { alternativeText?: string; iconName?: string; disabled?: boolean };

// The slotted content is tested through the screens that fill the slot from their templates.
function card(props: Partial<Card> = {}): Promise<Card> {
  return mountRendered<Card>('c-cme-screen-card', CmeScreenCard, props);
}

describe('c-cme-screen-card', () => {
  cleanUpEachTest();

  it('frames a slot for the content in a card with the screen’s title and icon, and no state shown', async () => {
    const element = await card({ title: 'RSVPs', iconName: 'standard:event' });
    const lightningCard = $<LightningCard>(element, 'lightning-card')!;
    expect(lightningCard.title).toBe('RSVPs');
    expect(lightningCard.iconName).toBe('standard:event');
    expect($(element, '.slds-var-p-horizontal_medium > slot')).not.toBeNull();
    expect(stateSpinner(element)).toBeNull();
    expect(stateErrorPanel(element)).toBeNull();
    expect(stateEmpty(element)).toBeNull();
    expect($(element, '[data-id="refresh"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the spinner with the screen’s label while loading', async () => {
    const element = await card({ title: 'RSVPs', loading: true, loadingLabel: 'Loading RSVPs' });
    expect(stateSpinner(element)!.alternativeText).toBe('Loading RSVPs');
    await expect(element).toBeAccessible();
  });

  it('takes the heading, the spinner’s name and the error heading from the screen’s labels', async () => {
    const labels = {
      titleLabel: 'Follow-ups',
      loadingLabel: 'Loading follow-ups',
      errorTitleLabel: 'Follow-ups could not be loaded',
      newHeadingLabel: 'New follow-ups',
    };
    const element = await card({ labels, loading: true });
    expect($<LightningCard>(element, 'lightning-card')!.title).toBe('Follow-ups');
    expect(stateSpinner(element)!.alternativeText).toBe('Loading follow-ups');
    await expect(element).toBeAccessible();
    element.loading = false;
    element.errors = 'Boom';
    await flushPromises();
    expect(stateErrorTitle(element)).toBe('Follow-ups could not be loaded');
    await expect(element).toBeAccessible();
  });

  it('lets title, loading-label and error-title win over the labels', async () => {
    const labels = { titleLabel: 'Follow-ups', loadingLabel: 'Loading follow-ups', errorTitleLabel: 'Failed' };
    const element = await card({
      labels,
      title: 'My follow-ups',
      loading: true,
      loadingLabel: 'Loading mine',
      errorTitle: 'Mine failed',
    });
    expect($<LightningCard>(element, 'lightning-card')!.title).toBe('My follow-ups');
    expect(stateSpinner(element)!.alternativeText).toBe('Loading mine');
    element.loading = false;
    element.errors = 'Boom';
    await flushPromises();
    expect(stateErrorTitle(element)).toBe('Mine failed');
  });

  it('falls back to the state panel’s own labels', async () => {
    const element = await card({ loading: true });
    expect(stateSpinner(element)!.alternativeText).toBe('Loading');
    element.loading = false;
    element.errors = 'Boom';
    await flushPromises();
    expect(stateErrorTitle(element)).toBe('Something went wrong');
    element.errors = [];
    element.empty = true;
    await flushPromises();
    expect(text(stateEmpty(element))).toBe('Nothing to show yet.');
  });

  it('shows the empty message and its detail line', async () => {
    const element = await card({ empty: true, emptyMessage: 'No follow-ups', emptyDetail: 'All done.' });
    expect(text($(element, 'c-cme-state-panel', '.empty-message'))).toBe('No follow-ups');
    expect(text($(element, 'c-cme-state-panel', '.empty-detail'))).toBe('All done.');
    await expect(element).toBeAccessible();
  });

  it('shows the errors with the screen’s title and passes Retry on as `retry`', async () => {
    const element = await card({
      errors: [{ body: { message: 'Insufficient access' }, status: 403 }],
      errorTitle: 'RSVPs could not be loaded',
      retryable: true,
      retryLabel: 'Try again',
    });
    const retries = jest.fn();
    element.addEventListener('retry', retries);
    expect(stateErrorTitle(element)).toBe('RSVPs could not be loaded');
    expect(stateErrors(element)).toEqual(['Insufficient access']);
    const retry = stateRetry(element) as HTMLElement & { label?: string };
    expect(retry.label).toBe('Try again');
    retry.click();
    expect(retries).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });

  it('offers Refresh in the card header when given its label, and fires `refresh`', async () => {
    const element = await card({ title: 'HCP', refreshLabel: 'Refresh', refreshDisabled: true });
    const button = $<ButtonIcon>(element, '[data-id="refresh"]')!;
    expect(button.getAttribute('slot')).toBe('actions');
    expect(button.iconName).toBe('utility:refresh');
    expect(button.alternativeText).toBe('Refresh');
    expect(button.title).toBe('Refresh');
    expect(button.disabled).toBe(true);
    element.refreshDisabled = false;
    await flushPromises();
    expect(button.disabled).toBe(false);
    const refreshes = jest.fn();
    element.addEventListener('refresh', refreshes);
    button.click();
    expect(refreshes).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
  });
});
