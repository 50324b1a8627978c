import CmeInviteBar from 'c/cmeInviteBar';
import type { InviteOutcome } from 'c/cmeInviteBar';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { $, cleanUpEachTest, flushPromises as flush, ldsWire, mountRendered, text } from '../../../../../test/lwcTest';
import { emitted } from '../../../../../test/events';
import channelPicklist from '../../cmeInviteDoctors/__tests__/data/channelPicklist.json';
import invitationObjectInfo from '../../cmeInviteDoctors/__tests__/data/invitationObjectInfo.json';
import duplicateError from '../../cmeInviteDoctors/__tests__/data/duplicateError.json';

type Bar = HTMLElement & { eventId?: string; doctorIds?: string[]; blockingCount?: number; canInvite?: boolean };
type Control = HTMLElement & { label: string; value: string; disabled: boolean; options: unknown[] };

const EVENT = 'a01000000000001AAA';
const D1 = '003000000000001AAA';
const D2 = '003000000000002AAA';

const objectInfoWire = ldsWire(getObjectInfo);
const picklistWire = ldsWire(getPicklistValues);

const mount = (props: Partial<Bar> = {}) =>
  mountRendered<Bar>('c-cme-invite-bar', CmeInviteBar, { eventId: EVENT, doctorIds: [], canInvite: true, ...props });

const control = (el: HTMLElement, dataId: string) => $<Control>(el, `[data-id="${dataId}"]`);

/** The invitation's object info, then its Channel__c picklist (with this default). */
async function giveChannels(defaultValue: string | null = null): Promise<void> {
  objectInfoWire.emit(invitationObjectInfo);
  await flush();
  const picklist = {
    ...channelPicklist,
    defaultValue: defaultValue ? { label: defaultValue, value: defaultValue } : null,
  };
  picklistWire.emit(picklist);
  await flush();
}

async function click(el: HTMLElement, dataId: string): Promise<void> {
  control(el, dataId)!.click();
  await flush();
  await flush();
}

describe('c-cme-invite-bar', () => {
  cleanUpEachTest();

  it('shows an empty selection with Invite disabled and no channel picker until the channels load', async () => {
    const element = await mount();
    expect(text(control(element, 'selected-count'))).toBe('0 selected');
    expect(control(element, 'invite-button')!.label).toBe('Invite 0 doctors');
    expect(control(element, 'invite-button')!.disabled).toBe(true);
    expect(control(element, 'clear-selection')).toBeNull();
    expect(control(element, 'channel')).toBeNull();
    expect($(element, '.sending')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists the channel picklist of the invitation record type, its first value without a default', async () => {
    const element = await mount();
    await giveChannels();
    expect(picklistWire.getLastConfig().recordTypeId).toBe('012000000000000AAA');
    const channel = control(element, 'channel')!;
    expect(channel.label).toBe('Channel');
    expect(channel.options).toEqual([
      { label: 'Email', value: 'Email' },
      { label: 'Phone', value: 'Phone' },
      { label: 'In-Person Visit', value: 'In-Person Visit' },
    ]);
    expect(channel.value).toBe('Email');
    expect(channel.disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('takes the picklist default, and keeps a chosen channel while the picklist still has it', async () => {
    const element = await mount();
    await giveChannels('Phone');
    expect(control(element, 'channel')!.value).toBe('Phone');
    control(element, 'channel')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'In-Person Visit' } }));
    await flush();
    picklistWire.emit({ ...channelPicklist, defaultValue: { label: 'Phone', value: 'Phone' } });
    await flush();
    expect(control(element, 'channel')!.value).toBe('In-Person Visit');
    // A channel the picklist no longer has falls back to its default.
    picklistWire.emit({ ...channelPicklist, values: channelPicklist.values.slice(0, 2), defaultValue: null });
    await flush();
    expect(control(element, 'channel')!.value).toBe('Email');
  });

  it('words one, several and blocking selections, and Clear asks the screen to clear', async () => {
    const element = await mount({ doctorIds: [D1] });
    const clears = emitted(element, 'clear');
    expect(control(element, 'invite-button')!.label).toBe('Invite 1 doctor');
    expect(control(element, 'invite-button')!.disabled).toBe(false);
    expect($(element, '.selected-blocking')).toBeNull();

    element.doctorIds = [D1, D2];
    element.blockingCount = 2;
    await flush();
    expect(text(control(element, 'selected-count'))).toBe('2 selected');
    expect(control(element, 'invite-button')!.label).toBe('Invite 2 doctors');
    const blocking = $(element, '.selected-blocking')!;
    expect(blocking.getAttribute('role')).toBe('status');
    expect(text(blocking)).toBe(
      '2 of the selected doctors have warnings that block under the rule pack. Check with compliance before inviting.',
    );
    await expect(element).toBeAccessible();

    await click(element, 'clear-selection');
    expect(clears).toHaveLength(1);
  });

  it('disables the channel and Invite when the screen cannot invite', async () => {
    const element = await mount({ doctorIds: [D1], canInvite: false });
    await giveChannels();
    expect(control(element, 'channel')!.disabled).toBe(true);
    expect(control(element, 'invite-button')!.disabled).toBe(true);
    await click(element, 'invite-button');
    expect(createRecord).not.toHaveBeenCalled();
  });

  it('does not send without an event', async () => {
    const element = await mount({ doctorIds: [D1], eventId: undefined });
    const starts = emitted(element, 'invitestart');
    await click(element, 'invite-button');
    expect(createRecord).not.toHaveBeenCalled();
    expect(starts).toHaveLength(0);
  });

  it('creates one invitation per doctor on the chosen channel and emits the outcome', async () => {
    (createRecord as jest.Mock).mockImplementation(({ fields }) => {
      if (fields.Doctor__c === D2) return Promise.reject({ ...duplicateError, ok: false });
      return Promise.resolve({ id: 'a02000000000001AAA' });
    });
    const element = await mount({ doctorIds: [D1, D2] });
    await giveChannels();
    control(element, 'channel')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'Phone' } }));
    await flush();
    const starts = emitted(element, 'invitestart');
    const outcomes = emitted<InviteOutcome>(element, 'invited');

    const before = Date.now();
    await click(element, 'invite-button');
    expect(starts).toHaveLength(1);
    expect(createRecord).toHaveBeenCalledTimes(2);
    const [first] = (createRecord as jest.Mock).mock.calls[0];
    // Stamped with the moment of sending.
    const sentAt = Date.parse(first.fields.Invited_On__c);
    expect(sentAt).toBeGreaterThanOrEqual(before);
    expect(sentAt).toBeLessThanOrEqual(Date.now());
    expect(first).toEqual({
      apiName: 'CME_Invitation__c',
      fields: {
        Event__c: EVENT,
        Doctor__c: D1,
        Status__c: 'Invited',
        Role__c: 'Attendee',
        Invited_By__c: '005000000000000000',
        Invited_On__c: first.fields.Invited_On__c,
        Channel__c: 'Phone',
        Invitation_Key__c: `${EVENT}:${D1}`,
      },
    });
    expect(outcomes).toEqual([{ invited: [D1], alreadyInvited: [D2], failed: [] }]);
  });

  it('shows that it is sending and takes no second click meanwhile', async () => {
    let resolve: (v: unknown) => void = () => {};
    (createRecord as jest.Mock).mockImplementation(() => new Promise((r) => (resolve = r)));
    const element = await mount({ doctorIds: [D1] });
    await giveChannels();
    const outcomes = emitted<InviteOutcome>(element, 'invited');
    control(element, 'invite-button')!.click();
    await flush();
    const sending = $(element, '.sending')!;
    expect(sending.getAttribute('role')).toBe('status');
    expect(text(sending)).toBe('Sending invitations…');
    expect(control(element, 'invite-button')!.disabled).toBe(true);
    expect(control(element, 'channel')!.disabled).toBe(true);
    await expect(element).toBeAccessible();
    control(element, 'invite-button')!.click();
    await flush();
    expect(createRecord).toHaveBeenCalledTimes(1);

    resolve({ id: 'a02000000000001AAA' });
    await flush();
    await flush();
    expect($(element, '.sending')).toBeNull();
    expect(outcomes).toEqual([{ invited: [D1], alreadyInvited: [], failed: [] }]);
  });
});
