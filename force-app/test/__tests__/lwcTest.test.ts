import CmeStatePanel from 'c/cmeStatePanel';
import {
  $,
  $$,
  cleanUpEachTest,
  collectToasts,
  fakeDateOnly,
  flushMicrotasks,
  flushPromises,
  mount,
  recordInputs,
  resetDom,
  stateEmpty,
  stateErrorPanel,
  stateErrors,
  stateErrorTitle,
  stateRetry,
  stateSpinner,
  text,
  texts,
  toastLike,
} from '../lwcTest';

// The shared helpers, on a component that nests another (a host holding the state panel).
describe('lwcTest helpers', () => {
  cleanUpEachTest();

  it('mounts with props, queries shadow roots and steps into nested ones', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' });
    document.body.appendChild(host);
    const panel = mount('c-cme-state-panel', CmeStatePanel, { errors: ['A', 'B'], retryable: true });
    host.shadowRoot!.appendChild(panel);
    await flushPromises();
    expect($(host, 'c-cme-state-panel')).toBe(panel);
    expect(texts(host, 'c-cme-state-panel', '.error-message')).toEqual(['A', 'B']);
    expect($$(host, 'c-cme-state-panel', 'li')).toHaveLength(2);
    expect($(host, 'c-none', '.error-message')).toBeNull();
    expect($$(host, 'c-none', 'li')).toEqual([]);
    expect(stateErrors(host)).toEqual(['A', 'B']);
    expect(stateErrorTitle(host)).toBe('Something went wrong');
    expect(stateErrorPanel(host)!.getAttribute('role')).toBe('alert');
    expect(stateRetry(host)).not.toBeNull();
    expect(stateSpinner(host)).toBeNull();
    expect(stateEmpty(host)).toBeNull();
    expect(text(null)).toBe('');
    resetDom();
    expect(document.body.childNodes).toHaveLength(0);
  });

  it('lists the record inputs a mocked write got, in order', () => {
    const write = jest.fn();
    expect(recordInputs(write)).toEqual([]);
    write({ apiName: 'Contact', fields: { LastName: 'Rao' } }, 'ignored');
    write({ fields: { Id: '003', LastName: 'Roy' } });
    expect(recordInputs(write)).toEqual([
      { apiName: 'Contact', fields: { LastName: 'Rao' } },
      { fields: { Id: '003', LastName: 'Roy' } },
    ]);
  });

  it('collects the toasts an element dispatches', () => {
    const el = document.createElement('div');
    const toasts = collectToasts(el);
    el.dispatchEvent(new CustomEvent('lightning__showtoast', { detail: { title: 'Saved', variant: 'success' } }));
    expect(toasts).toEqual([{ title: 'Saved', variant: 'success' }]);
    el.dispatchEvent(
      new CustomEvent('lightning__showtoast', {
        detail: { title: 'Not saved', message: 'Try again', variant: 'error', mode: 'sticky' },
      }),
    );
    expect(toasts[1]).toEqual(toastLike('error', 'Not saved', 'Try again'));
    expect(toasts[1]).not.toEqual(toastLike('success', 'Not saved', 'Try again'));
    expect(toasts[1]).not.toEqual(toastLike('error', 'Not saved', 'Try later'));
  });

  it('fakes only the date: timers and microtasks still run', async () => {
    fakeDateOnly('2027-03-10T09:30:00.000Z');
    expect(new Date().toISOString()).toBe('2027-03-10T09:30:00.000Z');
    let ran = false;
    Promise.resolve().then(() => (ran = true));
    await flushMicrotasks();
    expect(ran).toBe(true);
    await flushPromises();
  });
});
