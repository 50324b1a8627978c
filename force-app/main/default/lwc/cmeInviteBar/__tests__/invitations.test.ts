import { invitationFields, invitationKey, isDuplicateInvitation, sendInvitations } from '../invitations';
import duplicateError from '../../cmeInviteDoctors/__tests__/data/duplicateError.json';
import validationError from '../../cmeInviteDoctors/__tests__/data/validationError.json';

const EVENT = 'a01000000000001AAA';

describe('invitation records', () => {
  it('keys one invitation per doctor per event', () => {
    expect(invitationKey(EVENT, '003000000000001AAA')).toBe('a01000000000001AAA:003000000000001AAA');
  });

  it('fills the fields an invitation is created with', () => {
    expect(
      invitationFields({
        eventId: EVENT,
        doctorId: '003000000000001AAA',
        userId: '005000000000001AAA',
        channel: 'Email',
        now: '2026-11-20T10:00:00.000Z',
      }),
    ).toEqual({
      Event__c: EVENT,
      Doctor__c: '003000000000001AAA',
      Status__c: 'Invited',
      Role__c: 'Attendee',
      Invited_By__c: '005000000000001AAA',
      Invited_On__c: '2026-11-20T10:00:00.000Z',
      Channel__c: 'Email',
      Invitation_Key__c: 'a01000000000001AAA:003000000000001AAA',
    });
  });

  it('leaves out a blank channel and an unknown user', () => {
    const fields = invitationFields({ eventId: EVENT, doctorId: 'd', userId: null, channel: '', now: 'n' });
    expect(fields).not.toHaveProperty('Channel__c');
    expect(fields).not.toHaveProperty('Invited_By__c');
  });
});

describe('duplicate invitations', () => {
  it('recognises DUPLICATE_VALUE as a field error, a page error, or a REST-style array', () => {
    expect(isDuplicateInvitation(duplicateError)).toBe(true);
    expect(
      isDuplicateInvitation({ body: { output: { errors: [{ errorCode: 'DUPLICATE_VALUE', message: 'x' }] } } }),
    ).toBe(true);
    expect(isDuplicateInvitation({ body: [{ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found' }] })).toBe(
      true,
    );
    expect(
      isDuplicateInvitation({
        body: {
          output: {
            errors: [
              {
                message:
                  'duplicate value found: Invitation_Key__c duplicates value on record with id: a02000000000099AAA',
              },
            ],
          },
        },
      }),
    ).toBe(true);
  });

  it('does not take other failures for duplicates', () => {
    expect(isDuplicateInvitation(validationError)).toBe(false);
    expect(isDuplicateInvitation({ body: { message: 'Insufficient access' } })).toBe(false);
    expect(isDuplicateInvitation(new Error('offline'))).toBe(false);
    expect(isDuplicateInvitation(null)).toBe(false);
  });
});

describe('sending invitations', () => {
  it('sorts results into invited, already invited and failed, in order', async () => {
    const create = jest.fn((id: string) => {
      if (id === 'b') return Promise.reject(duplicateError);
      if (id === 'c') return Promise.reject(validationError);
      return Promise.resolve({ id: `inv-${id}` });
    });
    const outcome = await sendInvitations(['a', 'b', 'c', 'd'], create);
    expect(outcome).toEqual({
      invited: ['a', 'd'],
      alreadyInvited: ['b'],
      failed: [{ doctorId: 'c', messages: ['Doctors can be invited only once the event is approved.'] }],
    });
    expect(create).toHaveBeenCalledTimes(4);
  });

  it('sends a few at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const create = jest.fn(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return {};
    });
    const ids = Array.from({ length: 23 }, (_, i) => `d${i}`);
    const outcome = await sendInvitations(ids, create, 10);
    expect(outcome.invited).toEqual(ids);
    expect(most).toBe(10);
  });

  it('does nothing for nobody', async () => {
    const create = jest.fn();
    expect(await sendInvitations([], create)).toEqual({ invited: [], alreadyInvited: [], failed: [] });
    expect(create).not.toHaveBeenCalled();
  });
});
