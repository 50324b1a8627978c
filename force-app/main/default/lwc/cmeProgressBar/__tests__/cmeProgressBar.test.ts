import CmeProgressBar from 'c/cmeProgressBar';
import { $, cleanUpEachTest, flushPromises, mountRendered } from '../../../../../test/lwcTest';

type Bar = HTMLElement & { percent?: number | null; label?: string; size?: string; tone?: string };

function bar(props: Partial<Bar>): Promise<Bar> {
  return mountRendered<Bar>('c-cme-progress-bar', CmeProgressBar, props);
}

const progress = (element: Element) => $(element, '[role="progressbar"]')!;
const value = (element: Element) => $(element, '.slds-progress-bar__value')!;

describe('c-cme-progress-bar', () => {
  cleanUpEachTest();

  it('shows the share as a large bar with its accessible name, announcing the rounded value', async () => {
    const element = await bar({ percent: 45.5, label: '₹227,500 spent of ₹500,000 budget (45.5%)' });
    const div = progress(element);
    expect(div.className).toBe('slds-progress-bar slds-progress-bar_large slds-var-m-top_xx-small');
    expect(div.getAttribute('aria-valuemin')).toBe('0');
    expect(div.getAttribute('aria-valuemax')).toBe('100');
    expect(div.getAttribute('aria-valuenow')).toBe('46');
    expect(div.getAttribute('aria-label')).toBe('₹227,500 spent of ₹500,000 budget (45.5%)');
    expect(value(element).style.width).toBe('45.5%');
    expect(value(element).className).toBe('slds-progress-bar__value');
    await expect(element).toBeAccessible();
  });

  it('clamps the share to 0–100 and colours it by tone', async () => {
    const element = await bar({ percent: 112.5, label: 'Over budget', tone: 'error', size: 'small' });
    expect(progress(element).className).toContain('slds-progress-bar_small');
    expect(progress(element).getAttribute('aria-valuenow')).toBe('100');
    expect(value(element).style.width).toBe('100%');
    expect(value(element).className).toBe('slds-progress-bar__value tone-error');
    element.percent = -5;
    element.tone = 'warning';
    await flushPromises();
    expect(progress(element).getAttribute('aria-valuenow')).toBe('0');
    expect(value(element).style.width).toBe('0%');
    expect(value(element).className).toBe('slds-progress-bar__value tone-warning');
    await expect(element).toBeAccessible();
  });

  it('shows an empty bar when there is no share yet', async () => {
    const element = await bar({ percent: null, label: 'No places taken' });
    expect(progress(element).getAttribute('aria-valuenow')).toBe('0');
    expect(value(element).style.width).toBe('0%');
    await expect(element).toBeAccessible();
  });
});
