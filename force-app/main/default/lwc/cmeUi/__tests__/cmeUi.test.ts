import {
  askRecordUrls,
  focusIn,
  formatLabel,
  isPlainClick,
  isValidTimeZone,
  localTodayIso,
  normalise,
  picklistOptions,
  recordViewPage,
  recordViewUrl,
  showFieldMessages,
  statusBadgeClass,
} from 'c/cmeUi';
import type { Validatable } from 'c/cmeUi';
import { flushPromises } from '../../../../../test/lwcTest';

describe('c/cmeUi', () => {
  it('fills numbered placeholders and leaves missing ones visible', () => {
    expect(formatLabel('{0} of {1} places taken', 12, 40)).toBe('12 of 40 places taken');
    expect(formatLabel('{1} before {0}', 'b', 'a')).toBe('a before b');
    expect(formatLabel('{0} and {2}', 'x')).toBe('x and {2}');
  });

  it('themes status badges', () => {
    expect(statusBadgeClass('Approved')).toBe('slds-badge slds-theme_success');
    expect(statusBadgeClass('Draft', 'status')).toBe('slds-badge status');
    expect(statusBadgeClass('Unknown')).toBe('slds-badge');
    expect(statusBadgeClass(null)).toBe('slds-badge');
  });
  it('gives today in the user’s time zone', () => {
    expect(localTodayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(localTodayIso()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('turns picklist values into options, with a blank option first when given its label', () => {
    const values = [{ label: 'Webinar', value: 'Webinar', attributes: null, validFor: [] }];
    expect(picklistOptions(values)).toEqual([{ label: 'Webinar', value: 'Webinar' }]);
    expect(picklistOptions(values, 'All')).toEqual([
      { label: 'All', value: '' },
      { label: 'Webinar', value: 'Webinar' },
    ]);
    expect(picklistOptions(undefined, 'None')).toEqual([{ label: 'None', value: '' }]);
    expect(picklistOptions(undefined)).toEqual([]);
    expect(picklistOptions([], '')).toEqual([{ label: '', value: '' }]);
  });

  it('knows the IANA time zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });

  it('compares text without case, accents or extra spaces', () => {
    expect(normalise('  Zoë   Ünal ')).toBe('zoe unal');
    expect(normalise('MC-4471\t')).toBe('mc-4471');
    expect(normalise(null)).toBe('');
    expect(normalise(undefined)).toBe('');
  });

  it('builds a record view page reference', () => {
    expect(recordViewPage('a02000000000001AAA', 'CME_Event__c')).toEqual({
      type: 'standard__recordPage',
      attributes: { recordId: 'a02000000000001AAA', objectApiName: 'CME_Event__c', actionName: 'view' },
    });
  });

  it('tells a plain click from one the browser should handle', () => {
    expect(isPlainClick(new MouseEvent('click'))).toBe(true);
    for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }, { button: 1 }]) {
      expect(isPlainClick(new MouseEvent('click', init))).toBe(false);
    }
  });

  it('asks each record’s address once and drops the ones that fail', async () => {
    const asked = new Set<string>();
    const generate = jest.fn((id: string) => {
      return id === 'b' ? Promise.reject(new Error('no')) : Promise.resolve(`/r/${id}`);
    });
    const answers: Record<string, string>[] = [];
    askRecordUrls(['a', 'b'], asked, generate, (urls) => answers.push(urls));
    askRecordUrls(['a', 'c'], asked, generate, (urls) => answers.push(urls));
    askRecordUrls(['a', 'c'], asked, generate, (urls) => answers.push(urls));
    await flushPromises();
    expect(generate.mock.calls.map(([id]) => id)).toEqual(['a', 'b', 'c']);
    // One answer per ask that found something (one re-render each), the failed one left out.
    expect(answers).toEqual([{ a: '/r/a' }, { c: '/r/c' }]);
  });

  it('gives a record page address to link to before GenerateUrl answers', () => {
    expect(recordViewUrl('a02000000000001AAA', 'CME_Event__c')).toBe(
      '/lightning/r/CME_Event__c/a02000000000001AAA/view',
    );
  });

  it('focuses what a selector finds, and says when it has not rendered yet', () => {
    const root = document.createElement('div');
    const save = document.createElement('button');
    save.dataset.id = 'save';
    root.appendChild(save);
    document.body.appendChild(root);
    expect(focusIn(root, '[data-id="save"]')).toBe(true);
    expect(document.activeElement).toBe(save);
    expect(focusIn(root, '[data-id="missing"]')).toBe(false);
    expect(focusIn(null, '[data-id="save"]')).toBe(false);
    root.remove();
  });
});

describe('showFieldMessages', () => {
  /** An input of a form, recording what it was told. */
  function input(field: string) {
    const element = document.createElement('input') as unknown as Validatable & { told: string[] };
    element.dataset.field = field;
    element.told = [];
    element.setCustomValidity = (message: string) => element.told.push(message);
    element.reportValidity = () => element.told.length > 0;
    document.body.appendChild(element);
    return element;
  }
  afterEach(() => document.body.replaceChildren());

  it('puts each message under its field, clears the others and focuses the first with one', () => {
    const [name, email, phone] = [input('name'), input('email'), input('phone')];
    expect(showFieldMessages([name, email, phone], { phone: 'Enter a phone.', email: 'Enter an e-mail.' })).toBe(true);
    expect([name.told, email.told, phone.told]).toEqual([[''], ['Enter an e-mail.'], ['Enter a phone.']]);
    expect(document.activeElement).toBe(email);
  });

  it('false and nothing focused when no field has a message', () => {
    const name = input('name');
    expect(showFieldMessages([name], {})).toBe(false);
    expect(name.told).toEqual(['']);
    expect(document.activeElement).toBe(document.body);
  });
});
