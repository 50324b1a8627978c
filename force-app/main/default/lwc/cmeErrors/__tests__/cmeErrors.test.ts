import {
  codedErrorsOf,
  errorToast,
  formServerErrors,
  hasErrorCode,
  recordErrorParts,
  reduceErrors,
  successToast,
} from 'c/cmeErrors';

describe('c-cme-errors reduceErrors', () => {
  it('reads UI API output errors and field errors (record writes)', () => {
    const error = {
      body: {
        message: 'An error occurred while trying to update the record.',
        output: {
          errors: [{ message: 'The event must end after it starts.' }],
          fieldErrors: { Budget__c: [{ message: 'The budget cannot be negative.' }] },
        },
      },
    };
    expect(reduceErrors(error)).toEqual(['The event must end after it starts.', 'The budget cannot be negative.']);
  });

  it('reads an array body (wire adapter errors) and page errors', () => {
    const error = { body: [{ message: 'Record not found' }, { pageErrors: [{ message: 'Insufficient access' }] }] };
    expect(reduceErrors(error)).toEqual(['Record not found', 'Insufficient access']);
  });

  it('falls back to the body message, then the JS message, then the status text', () => {
    expect(reduceErrors({ body: { message: 'Bad request' } })).toEqual(['Bad request']);
    expect(reduceErrors(new Error('Network down'))).toEqual(['Network down']);
    expect(reduceErrors({ statusText: 'Service Unavailable' })).toEqual(['Service Unavailable']);
  });

  it('says why a record locked by an approval cannot be written (ENTITY_IS_LOCKED), wherever the API puts it', () => {
    const locked =
      'This record is locked while its event is waiting for approval. Try again once the approval is decided.';
    // UI API record write: output.errors.
    expect(
      reduceErrors({
        body: {
          message: 'An error occurred while trying to update the record.',
          output: { errors: [{ errorCode: 'ENTITY_IS_LOCKED', message: 'entity is locked for editing' }] },
        },
      }),
    ).toEqual([locked]);
    // REST: an array of { errorCode, message }.
    expect(
      reduceErrors({ body: [{ errorCode: 'ENTITY_IS_LOCKED', message: 'entity is locked for editing' }] }),
    ).toEqual([locked]);
    // Other codes keep the server's words.
    expect(reduceErrors({ body: [{ errorCode: 'INVALID_FIELD', message: 'No such column' }] })).toEqual([
      'No such column',
    ]);
    expect(hasErrorCode({ body: [{ errorCode: 'ENTITY_IS_LOCKED', message: 'x' }] }, 'ENTITY_IS_LOCKED')).toBe(true);
  });

  it('accepts lists, strings and blanks and drops duplicates', () => {
    expect(reduceErrors(['Same', 'Same', '  ', null, undefined, { body: { message: 'Other' } }])).toEqual([
      'Same',
      'Other',
    ]);
    expect(reduceErrors(undefined)).toEqual([]);
  });

  it('builds sticky error toasts and success toasts', () => {
    const failed = errorToast('Could not invite', { body: { message: 'The event is not approved.' } });
    expect(failed.type).toBe('lightning__showtoast');
    expect(failed.detail).toEqual({
      title: 'Could not invite',
      message: 'The event is not approved.',
      variant: 'error',
      mode: 'sticky',
    });
    expect(successToast('Invited', '5 doctors').detail).toMatchObject({
      title: 'Invited',
      message: '5 doctors',
      variant: 'success',
    });
  });

  it('finds error codes wherever the API put them', () => {
    const onField = {
      body: { output: { fieldErrors: { Key__c: [{ errorCode: 'DUPLICATE_VALUE', message: 'dup' }] } } },
    };
    expect(hasErrorCode(onField, 'DUPLICATE_VALUE')).toBe(true);
    expect(hasErrorCode({ body: [{ errorCode: 'DUPLICATE_VALUE' }] }, 'DUPLICATE_VALUE')).toBe(true);
    expect(hasErrorCode({ body: { output: { errors: [{ errorCode: 'X' }] } } }, 'DUPLICATE_VALUE')).toBe(false);
    expect(codedErrorsOf(new Error('plain'))).toEqual([]);
    expect(codedErrorsOf(onField)).toEqual([{ errorCode: 'DUPLICATE_VALUE', message: 'dup' }]);
  });

  it('splits a UI API record error into record and field messages', () => {
    const error = {
      body: {
        output: {
          errors: [{ message: 'The event must end after it starts.' }],
          fieldErrors: { Budget__c: [{ message: 'Too low.' }, { message: 'Not negative.' }] },
        },
      },
    };
    expect(recordErrorParts(error)).toEqual({
      errors: ['The event must end after it starts.'],
      fieldErrors: { Budget__c: ['Too low.', 'Not negative.'] },
    });
    expect(recordErrorParts({ body: [{ message: 'x' }] })).toBeUndefined();
    expect(recordErrorParts(new Error('x'))).toBeUndefined();
  });
});

describe('c-cme-errors formServerErrors', () => {
  const LOCKED =
    'This record is locked while its event is waiting for approval. Try again once the approval is decided.';
  const onForm = (field: string) => field === 'Amount__c' || field === 'Name';

  it("puts messages under the form's fields and the rest, record messages last, in the panel", () => {
    const error = {
      body: {
        message: 'An error occurred while trying to update the record.',
        output: {
          errors: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'The event is locked for close-out.' }],
          fieldErrors: {
            Amount__c: [{ message: 'Too low.' }, { message: 'Not negative.' }],
            Expense_Key__c: [{ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found: Expense_Key__c' }],
          },
        },
      },
    };
    expect(formServerErrors(error, onForm)).toEqual({
      fields: { Amount__c: 'Too low. Not negative.' },
      messages: ['duplicate value found: Expense_Key__c', 'The event is locked for close-out.'],
    });
  });

  it('reads an approval lock as its sentence, in the record errors too', () => {
    const error = { body: { output: { errors: [{ errorCode: 'ENTITY_IS_LOCKED', message: 'entity is locked' }] } } };
    expect(recordErrorParts(error)?.errors).toEqual([LOCKED]);
    expect(formServerErrors(error, onForm)).toEqual({ fields: {}, messages: [LOCKED] });
  });

  it('falls back to what the error says when it is not a record error or says nothing there', () => {
    expect(formServerErrors(new Error('Failed to fetch'), onForm)).toEqual({
      fields: {},
      messages: ['Failed to fetch'],
    });
    expect(formServerErrors({ body: { message: 'Session expired', output: {} } }, onForm)).toEqual({
      fields: {},
      messages: ['Session expired'],
    });
    expect(
      formServerErrors({ body: { output: { fieldErrors: { Name: [{ message: 'Too long.' }] } } } }, onForm),
    ).toEqual({ fields: { Name: 'Too long.' }, messages: [] });
  });
});
