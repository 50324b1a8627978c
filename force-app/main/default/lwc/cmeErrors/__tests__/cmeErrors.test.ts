import { reduceErrors } from 'c/cmeErrors';

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

  it('accepts lists, strings and blanks and drops duplicates', () => {
    expect(reduceErrors(['Same', 'Same', '  ', null, undefined, { body: { message: 'Other' } }])).toEqual([
      'Same',
      'Other',
    ]);
    expect(reduceErrors(undefined)).toEqual([]);
  });
});
