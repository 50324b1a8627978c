// Errors the Lightning Data Service write adapters reject with, shared by the component tests.
// Neither a test (jest runs __tests__/**/*.test.ts only) nor a component (it is outside lwc/, and
// .forceignore keeps every .ts out of deploys); tests import it by relative path.

/**
 * What createRecord / updateRecord reject with when the record is locked by a pending approval
 * (ENTITY_IS_LOCKED). The shape is the UI API's record error as LDS hands it over — `body.output.errors`
 * and `body.output.fieldErrors`, which lwc-recipes' ldsUtils `reduceErrors` reads; the error code is the
 * one the API returns for a locked record (SOAP API Developer Guide, StatusCode ENTITY_IS_LOCKED). The
 * message text is Salesforce's usual wording, not confirmed from a document. A new object each call, so a
 * test cannot change another's.
 */
export function entityLockedError() {
  return {
    body: {
      message: 'An error occurred while trying to update the record. Please try again.',
      enhancedErrorType: 'RecordError',
      output: {
        errors: [
          {
            errorCode: 'ENTITY_IS_LOCKED',
            message: 'This record is locked. If you need to edit it, contact your admin.',
          },
        ],
        fieldErrors: {},
      },
    },
    ok: false,
    status: 400,
    statusText: 'Bad Request',
  };
}
