import CmeRsvpTracker from 'c/cmeRsvpTracker';
import { getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { entityLockedError } from '../../../../../test/ldsErrors';
import {
  $,
  $$,
  collectToasts,
  flushPromises as flush,
  graphqlWire as gqlWire,
  ldsWire,
  mountRendered,
  stateEmpty,
  stateErrorPanel,
  stateErrors,
  stateSpinner,
  text,
} from '../../../../../test/lwcTest';
import { todayEachTest } from '../../../../../test/todayEachTest';

import { STATUSES } from '../rsvpModel';

import eventFull from './data/eventFull.json';
import eventNoCapacity from './data/eventNoCapacity.json';
import eventNotFound from './data/eventNotFound.json';
import invitations from './data/invitations.json';
import invitationsPage1 from './data/invitationsPage1.json';
import invitationsPage2 from './data/invitationsPage2.json';
import invitationsNone from './data/invitationsNone.json';
import updateError from './data/updateError.json';

const refresh = jest.fn(() => Promise.resolve());
const recordWire = ldsWire(getRecord);

const EVENT = 'a01000000000001AAA';
const ASHA = 'a02000000000001AAA';
const JOSE = 'a02000000000003AAA';
const RAHUL = 'a02000000000005AAA';
const NOW = '2026-11-20T10:00:00.000Z';

const mount = () => mountRendered('c-cme-rsvp-tracker', CmeRsvpTracker, { recordId: EVENT });

async function load(event: unknown = eventFull, data: unknown = invitations): Promise<void> {
  recordWire.emit(event);
  gqlWire.emit(data, undefined, refresh);
  await flush();
}

/** Mounts the tracker and answers both its wires (the event, then the invitations). */
async function loaded(event?: unknown, data?: unknown): Promise<HTMLElement> {
  const element = await mount();
  await load(event, data);
  return element;
}

const pills = (el: HTMLElement) => $$(el, '[data-id="status-filter"]').map(text);
const doctorNames = (el: HTMLElement) => $$(el, '.doctor-name').map(text);
type Combobox = HTMLElement & { value: string; disabled: boolean; label: string; options: { value: string }[] };
const statusOf = (el: HTMLElement, id: string) => $(el, `lightning-combobox[data-invitation-id="${id}"]`) as Combobox;

async function choose(el: HTMLElement, id: string, value: string): Promise<void> {
  const combobox = statusOf(el, id);
  combobox.value = value;
  combobox.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
  await flush();
}

async function click(el: HTMLElement, selector: string): Promise<void> {
  $(el, selector)!.click();
  await flush();
  await flush();
}

describe('c-cme-rsvp-tracker', () => {
  todayEachTest(NOW);

  afterEach(() => {
    (updateRecord as jest.Mock).mockReset();
    (updateRecord as jest.Mock).mockResolvedValue({});
  });

  describe('states', () => {
    it('shows a spinner while loading', async () => {
      const element = await mount();
      expect(stateSpinner(element)!.alternativeText).toBe('Loading invitations');
      await expect(element).toBeAccessible();
      // The invitations alone are not enough: capacity comes with the event.
      gqlWire.emit(invitations);
      await flush();
      expect(stateSpinner(element)).not.toBeNull();
    });

    it('asks for the event’s invitations in pages of 2000 with an upper bound, so paging goes past 4,000', async () => {
      await mount();
      expect(gqlWire.getLastConfig().variables).toEqual({
        eventId: EVENT,
        cursor: null,
        pageSize: 2000,
        upperBound: 50000,
      });
    });

    it('points to the invite component when nobody is invited yet', async () => {
      const element = await loaded(eventFull, invitationsNone);
      expect(text(stateEmpty(element))).toBe(
        'No invitations yet. Use Invite doctors on this page to invite doctors; their answers will appear here.',
      );
      expect($(element, 'table')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the invitations cannot be read', async () => {
      const element = await mount();
      recordWire.emit(eventFull);
      gqlWire.emitErrors([{ message: 'No access to CME_Invitation__c' }]);
      await flush();
      expect(stateErrorPanel(element)!.getAttribute('role')).toBe('alert');
      expect(stateErrors(element)).toEqual(['No access to CME_Invitation__c']);
      expect(stateSpinner(element)).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the event cannot be read', async () => {
      const element = await mount();
      recordWire.error(eventNotFound.body, 404);
      gqlWire.emit(invitations);
      await flush();
      expect(stateErrors(element)).toEqual(['The requested resource does not exist']);
    });

    it('keeps the list and says so when a refresh fails', async () => {
      const element = await loaded();
      gqlWire.emitErrors([{ message: 'Timed out' }]);
      await flush();
      expect(doctorNames(element)).toHaveLength(7);
      expect(text($(element, '.refresh-error'))).toBe('Timed out');
    });

    it('reads every page of a large event', async () => {
      const element = await loaded(eventFull, invitationsPage1);
      expect(doctorNames(element)).toHaveLength(4);
      expect(text($(element, '.loading-more'))).toBe('Loading more invitations: 4 of 7 loaded…');
      expect(gqlWire.getLastConfig().variables).toEqual({
        eventId: EVENT,
        cursor: 'djE6NA==',
        pageSize: 2000,
        upperBound: 50000,
      });
      gqlWire.emit(invitationsPage2);
      await flush();
      expect(doctorNames(element)).toHaveLength(7);
      expect($(element, '.loading-more')).toBeNull();
      expect($(element, '[data-id="truncated"]')).toBeNull();
    });

    it('says so when the server counts more invitations than it returned', async () => {
      const element = await mount();
      const beyond = JSON.parse(JSON.stringify(invitations));
      beyond.uiapi.query.CME_Invitation__c.totalCount = 50007;
      await load(eventFull, beyond);
      expect(text($(element, '[data-id="truncated"]'))).toBe(
        'Only the first 7 of 50007 invitations are shown and counted.',
      );
    });
  });

  describe('data', () => {
    it('counts invitations per status in the filter pills', async () => {
      const element = await loaded();
      expect(pills(element)).toEqual([
        'All (7)',
        'Invited (1)',
        'Accepted (2)',
        'Tentative (1)',
        'Declined (1)',
        'Waitlisted (2)',
        'Cancelled (0)',
      ]);
      expect($(element, '[data-status="All"]')!.getAttribute('aria-pressed')).toBe('true');
      expect($(element, '[data-id="status-filters"]')!.getAttribute('aria-label')).toBe('Filter invitations by status');
    });

    it('lists doctor, role, status, invited on and responded on', async () => {
      const element = await loaded();
      expect(doctorNames(element)).toEqual([
        'Dr Asha Rao',
        'Dr Vikram Shah',
        'Dr José Fernandes',
        'Dr Rahul Das',
        'Dr Meera Iyer',
        'Dr Priya Nair',
        'Karan Mehta',
      ]);
      const asha = $(element, `tr[data-invitation-id="${ASHA}"]`)!;
      expect(text($(asha, '.role'))).toBe('Speaker');
      expect(statusOf(element, ASHA).value).toBe('Accepted');
      expect(statusOf(element, ASHA).label).toBe('Status for Dr Asha Rao');
      // Every status is offered, in the tracker's order.
      expect(statusOf(element, ASHA).options.map((o) => o.value)).toEqual(STATUSES);
      const dates = $$(asha, 'c-cme-date') as (HTMLElement & { value: string })[];
      expect(dates.map((d) => d.value)).toEqual(['2026-10-02T05:00:00.000Z', '2026-10-05T09:30:00.000Z']);
      const jose = $(element, `tr[data-invitation-id="${JOSE}"]`)!;
      expect(text($(jose, '.not-yet'))).toBe('Not yet');
      await expect(element).toBeAccessible();
    });

    it('shows places taken against capacity', async () => {
      const element = await loaded();
      expect(text($(element, '[data-id="capacity"]'))).toBe('2 of 2 places taken');
      const bar = $(element, 'c-cme-progress-bar', '[role="progressbar"]')!;
      expect(bar.getAttribute('aria-valuenow')).toBe('100');
      expect(bar.getAttribute('aria-label')).toBe('2 of 2 places taken');
      expect(bar.className).toContain('slds-progress-bar_small');
      expect($(element, 'c-cme-progress-bar', '.slds-progress-bar__value')!.className).toContain('tone-warning');
      expect(text($(element, '[data-id="capacity-note"]'))).toBe(
        'The event is full. New acceptances go on the waitlist.',
      );
      // Full is normal, so it is not shown as an error.
      expect($(element, '[data-id="capacity-note"]')!.className).toContain('slds-text-color_weak');
      // Full: nobody can be promoted.
      expect($(element, '[data-id="promote-panel"]')).toBeNull();
    });

    it('says how many are accepted when the event has no capacity', async () => {
      const element = await loaded(eventNoCapacity);
      expect(text($(element, '[data-id="capacity"]'))).toBe('2 accepted. No capacity is set for this event.');
      expect($(element, 'c-cme-progress-bar')).toBeNull();
      expect($(element, '[data-id="promote-panel"]')).toBeNull();
      await choose(element, JOSE, 'Accepted');
      expect(updateRecord).toHaveBeenCalledTimes(1);
    });

    it('warns when more are accepted than there are places', async () => {
      const element = await mount();
      const small = JSON.parse(JSON.stringify(eventFull));
      small.fields.Capacity__c.value = 1;
      await load(small);
      expect(text($(element, '[data-id="capacity"]'))).toBe('2 of 1 places taken');
      expect(text($(element, '[data-id="capacity-note"]'))).toBe(
        '1 more accepted than there are places. Move some doctors to the waitlist or raise the capacity.',
      );
      expect($(element, '[data-id="capacity-note"]')!.className).toContain('slds-text-color_error');
    });

    it('makes every control reachable by keyboard: pills are buttons, statuses are labelled pickers', async () => {
      const element = await loaded();
      for (const pill of $$(element, '[data-id="status-filter"]')) {
        expect(pill.tagName).toBe('BUTTON');
        expect(pill.getAttribute('type')).toBe('button');
        expect(pill.getAttribute('tabindex')).toBeNull();
      }
      // Enter or Space on a focused button clicks it; the pill filters.
      const declined = $(element, '[data-status="Declined"]')!;
      declined.focus();
      declined.click();
      await flush();
      expect(doctorNames(element)).toEqual(['Dr Priya Nair']);
      for (const combobox of $$(element, '[data-id="status-select"]') as Combobox[])
        expect(combobox.label).toMatch(/^Status for /);
    });

    it('filters by status with the pills', async () => {
      const element = await loaded();
      await click(element, '[data-status="Waitlisted"]');
      expect(doctorNames(element)).toEqual(['Dr Rahul Das', 'Dr Meera Iyer']);
      expect($(element, '[data-status="Waitlisted"]')!.getAttribute('aria-pressed')).toBe('true');
      expect($(element, '[data-status="All"]')!.getAttribute('aria-pressed')).toBe('false');
      await click(element, '[data-status="Cancelled"]');
      expect($(element, 'table')).toBeNull();
      expect(text($(element, '[data-id="filtered-empty"]'))).toBe('No invitations are Cancelled.');
      await expect(element).toBeAccessible();
      await click(element, '[data-status="All"]');
      expect(doctorNames(element)).toHaveLength(7);
    });
  });

  describe('status changes', () => {
    it('saves a new status with the response time and confirms it', async () => {
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await choose(element, JOSE, 'Tentative');
      expect(updateRecord).toHaveBeenCalledWith({
        fields: { Id: JOSE, Status__c: 'Tentative', Responded_On__c: NOW },
      });
      expect(toasts).toEqual([
        { title: 'Answer saved', message: 'Dr José Fernandes is now Tentative.', variant: 'success' },
      ]);
      expect(refresh).toHaveBeenCalledTimes(1);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: EVENT }]);
      expect(pills(element)).toContain('Tentative (2)');
      expect(pills(element)).toContain('Invited (0)');
      expect(statusOf(element, JOSE).value).toBe('Tentative');
      expect($(element, `tr[data-invitation-id="${JOSE}"] .not-yet`)).toBeNull();
    });

    it('clears the response time when an invitation goes back to Invited', async () => {
      const element = await loaded();
      await choose(element, 'a02000000000007AAA', 'Invited');
      expect(updateRecord).toHaveBeenCalledWith({
        fields: { Id: 'a02000000000007AAA', Status__c: 'Invited', Responded_On__c: null },
      });
      expect(text($(element, 'tr[data-invitation-id="a02000000000007AAA"] .not-yet'))).toBe('Not yet');
    });

    it('shows the change while it saves and locks that row', async () => {
      let resolve: (v: unknown) => void = () => {};
      (updateRecord as jest.Mock).mockImplementation(() => new Promise((r) => (resolve = r)));
      const element = await loaded();
      await choose(element, JOSE, 'Declined');
      expect(statusOf(element, JOSE).disabled).toBe(true);
      expect(text($(element, `tr[data-invitation-id="${JOSE}"] .saving`))).toBe('Saving…');
      expect(pills(element)).toContain('Declined (2)');
      await expect(element).toBeAccessible();
      resolve({});
      await flush();
      expect(statusOf(element, JOSE).disabled).toBe(false);
    });

    it('restores the row and explains when saving fails', async () => {
      (updateRecord as jest.Mock).mockRejectedValue({ ...updateError, ok: false });
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await choose(element, JOSE, 'Declined');
      expect(toasts).toEqual([
        {
          title: 'The answer of Dr José Fernandes could not be saved',
          message: 'The response date cannot be before the invitation date.',
          variant: 'error',
          mode: 'sticky',
        },
      ]);
      expect(statusOf(element, JOSE).value).toBe('Invited');
      expect(pills(element)).toContain('Declined (1)');
      expect(refresh).not.toHaveBeenCalled();
    });

    it('does nothing when the same status is picked again', async () => {
      const element = await loaded();
      await choose(element, JOSE, 'Invited');
      expect(updateRecord).not.toHaveBeenCalled();
      expect($(element, '[data-id="capacity-refusal"]')).toBeNull();
    });

    it('still confirms a saved answer when the refresh afterwards fails', async () => {
      refresh.mockRejectedValueOnce(new Error('offline'));
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await choose(element, JOSE, 'Declined');
      expect(toasts.map((t) => t.variant)).toEqual(['success']);
    });
  });

  describe('approval lock', () => {
    const pendingEvent = () => {
      const event = JSON.parse(JSON.stringify(eventFull));
      event.fields.Status__c = { value: 'Pending Approval', displayValue: 'Pending Approval' };
      event.fields.Capacity__c.value = 3;
      return event;
    };

    it('says why answers cannot change while the event is pending approval and disables every change', async () => {
      const element = await loaded(pendingEvent());
      expect(text($(element, '[data-id="locked"]'))).toBe(
        'This event is waiting for approval, so its invitations are locked: answers can be changed once the approval is decided.',
      );
      for (const combobox of $$(element, '[data-id="status-select"]') as Combobox[])
        expect(combobox.disabled).toBe(true);
      // A place is free and someone waits, but promoting is a change too.
      const promote = $(element, '[data-id="promote-next"]') as HTMLElement & { disabled: boolean };
      expect(promote.disabled).toBe(true);
      promote.click();
      await flush();
      expect(updateRecord).not.toHaveBeenCalled();
      // Browsing still works.
      await click(element, '[data-status="Waitlisted"]');
      expect(doctorNames(element)).toEqual(['Dr Rahul Das', 'Dr Meera Iyer']);
      await expect(element).toBeAccessible();
    });

    it('is not shown for an approved event', async () => {
      const element = await loaded();
      expect($(element, '[data-id="locked"]')).toBeNull();
      expect(statusOf(element, JOSE).disabled).toBe(false);
    });

    it('explains a save refused by the server because the invitation is locked (ENTITY_IS_LOCKED)', async () => {
      (updateRecord as jest.Mock).mockRejectedValue(entityLockedError());
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await choose(element, JOSE, 'Declined');
      expect(toasts[0]).toMatchObject({
        title: 'The answer of Dr José Fernandes could not be saved',
        message:
          'This record is locked while its event is waiting for approval. Try again once the approval is decided.',
        variant: 'error',
      });
      expect(statusOf(element, JOSE).value).toBe('Invited');
    });
  });

  describe('capacity and waitlist', () => {
    it('refuses to accept beyond capacity and offers the waitlist', async () => {
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await choose(element, JOSE, 'Accepted');
      expect(updateRecord).not.toHaveBeenCalled();
      expect(statusOf(element, JOSE).value).toBe('Invited');
      const refusal = $(element, '[data-id="capacity-refusal"]')!;
      expect(refusal.getAttribute('role')).toBe('alert');
      expect(text($(refusal, '.refusal-text'))).toBe(
        'Dr José Fernandes cannot be accepted: all 2 places are taken. Add them to the waitlist instead?',
      );
      await expect(element).toBeAccessible();

      await click(element, '[data-id="waitlist-instead"]');
      expect(updateRecord).toHaveBeenCalledWith({
        fields: { Id: JOSE, Status__c: 'Waitlisted', Responded_On__c: NOW },
      });
      expect(toasts[0].message).toBe('Dr José Fernandes is now Waitlisted.');
      expect($(element, '[data-id="capacity-refusal"]')).toBeNull();
      expect(pills(element)).toContain('Waitlisted (3)');
    });

    it('lets the refusal be dismissed', async () => {
      const element = await loaded();
      await choose(element, JOSE, 'Accepted');
      await click(element, '[data-id="dismiss-refusal"]');
      expect($(element, '[data-id="capacity-refusal"]')).toBeNull();
      expect(updateRecord).not.toHaveBeenCalled();
    });

    it('offers the longest-waiting doctor when a place frees, and promotes in one click', async () => {
      const element = await mount();
      const toasts = collectToasts(element);
      await load();
      await choose(element, ASHA, 'Declined');
      expect(text($(element, '[data-id="capacity"]'))).toBe('1 of 2 places taken');
      const panel = $(element, '[data-id="promote-panel"]')!;
      expect(text($(panel, '.promote-text'))).toBe('A place is free. Next on the waitlist: Dr Rahul Das.');
      await expect(element).toBeAccessible();

      await click(element, '[data-id="promote-next"]');
      expect(updateRecord).toHaveBeenLastCalledWith({
        fields: { Id: RAHUL, Status__c: 'Accepted', Responded_On__c: NOW },
      });
      expect(toasts[1]).toEqual({
        title: 'Promoted from the waitlist',
        message: 'Dr Rahul Das is now Accepted.',
        variant: 'success',
      });
      expect(statusOf(element, RAHUL).value).toBe('Accepted');
      // Each write is followed by a refresh of the wire (the decline, then the promotion).
      expect(refresh).toHaveBeenCalledTimes(2);
      expect(text($(element, '[data-id="capacity"]'))).toBe('2 of 2 places taken');
      expect($(element, '[data-id="promote-panel"]')).toBeNull();
    });

    it('keeps the offer when the promotion fails', async () => {
      const element = await loaded();
      await choose(element, ASHA, 'Cancelled');
      (updateRecord as jest.Mock).mockRejectedValueOnce({ body: { message: 'Record locked' } });
      const toasts = collectToasts(element);
      await click(element, '[data-id="promote-next"]');
      expect(toasts[0].title).toBe('The answer of Dr Rahul Das could not be saved');
      expect(statusOf(element, RAHUL).value).toBe('Waitlisted');
      expect($(element, '[data-id="promote-panel"]')).not.toBeNull();
    });

    it('disables promotion while it saves', async () => {
      const element = await loaded();
      await choose(element, ASHA, 'Declined');
      let resolve: (v: unknown) => void = () => {};
      (updateRecord as jest.Mock).mockImplementation(() => new Promise((r) => (resolve = r)));
      $(element, '[data-id="promote-next"]')!.click();
      await flush();
      // Rahul is accepted (pending): the place is taken, so the offer is gone.
      expect($(element, '[data-id="promote-panel"]')).toBeNull();
      resolve({});
      await flush();
    });
  });
});
