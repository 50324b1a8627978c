import CmeNotice from 'c/cmeNotice';
import { cleanUpEachTest, mountRendered, text } from '../../../../../test/lwcTest';

type NoticeProps = {
  messages: string[];
  title?: string;
  theme?: 'error' | 'warning';
  noticeId?: string;
  focusable?: boolean;
};

function notice(props: NoticeProps): Promise<HTMLElement> {
  return mountRendered('c-cme-notice', CmeNotice, props);
}

const panel = (element: HTMLElement) => element.querySelector<HTMLElement>('.notice')!;
const messages = (element: HTMLElement) => [...element.querySelectorAll('.notice-message')].map(text);

describe('c-cme-notice', () => {
  cleanUpEachTest();

  it('lists the messages under the title, as an error alert in light DOM', async () => {
    const element = await notice({
      title: 'The expense was not saved',
      messages: ['Amount is required', 'Pick a stage'],
      noticeId: 'form-errors',
    });
    expect(element.shadowRoot).toBeNull();
    expect(panel(element).getAttribute('role')).toBe('alert');
    expect(panel(element).dataset.id).toBe('form-errors');
    expect(panel(element).className).toContain('slds-theme_error');
    expect(text(element.querySelector('.notice-title'))).toBe('The expense was not saved');
    expect(messages(element)).toEqual(['Amount is required', 'Pick a stage']);
    expect(panel(element).hasAttribute('tabindex')).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('shows a warning without a title', async () => {
    const element = await notice({ theme: 'warning', messages: ['No picklist Format__c'] });
    expect(panel(element).className).toContain('slds-theme_warning');
    expect(element.querySelector('.notice-title')).toBeNull();
    expect(text(panel(element))).toBe('No picklist Format__c');
    await expect(element).toBeAccessible();
  });

  it('lists two lines that read the same, each once, without a duplicate key', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const element = await notice({ messages: ['Dr Rao: no access', 'Dr Rao: no access'] });
      expect(messages(element)).toEqual(['Dr Rao: no access', 'Dr Rao: no access']);
      const duplicateKey = logged.mock.calls.flat().some((m) => String(m).includes('Duplicated "key"'));
      expect(duplicateKey).toBe(false);
    } finally {
      logged.mockRestore();
    }
  });

  it('takes the focus from script when focusable', async () => {
    const element = await notice({ messages: ['Locked'], focusable: true });
    expect(panel(element).getAttribute('tabindex')).toBe('-1');
    panel(element).focus();
    expect(document.activeElement).toBe(panel(element));
  });

  it('is a block, so a spacing class on it spaces the notice', async () => {
    const element = await notice({ messages: [] });
    expect(getComputedStyle(element).display).toBe('block');
    expect(messages(element)).toEqual([]);
  });
});
