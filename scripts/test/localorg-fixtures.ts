// Shared by the local-org test files: the REST call they make as a given session, and the fields of
// a valid CME_Event__c. Not a test file itself (the runner picks up *.test.ts only).

// Response bodies are read by path in the assertions; `unknown` at every step would bury them in casts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/**
 * One REST call to the org at `base` with the session `token`; `url` is relative to
 * /services/data/v66.0/ unless it starts with /services or /__ (the admin API). The body is parsed
 * JSON, or undefined when the response has none.
 */
export async function restCall(
  base: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: Body }> {
  const res = await fetch(
    `${base}${url.startsWith('/services') || url.startsWith('/__') ? url : `/services/data/v66.0/${url}`}`,
    {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A valid CME_Event__c: a one-day in-person conference in Mumbai; `extra` adds or overrides fields. */
export const cmeEventFields = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Name: 'Cardiology Update',
  Event_Type__c: 'Conference',
  Format__c: 'In-Person',
  Venue__c: 'Taj',
  City__c: 'Mumbai',
  Country__c: 'IN',
  Start__c: '2027-03-14T04:00:00.000Z',
  End__c: '2027-03-14T12:00:00.000Z',
  ...extra,
});

/**
 * An event that can be submitted for approval (budget, educational need and the given rule pack
 * set): a one-day workshop in Pune on 10 February 2027; `extra` adds or overrides fields.
 */
export const submittableEventFields = (
  rulePack: string | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> =>
  cmeEventFields({
    Name: 'Diabetes Update',
    Event_Type__c: 'Workshop',
    City__c: 'Pune',
    Start__c: '2027-02-10T04:00:00.000Z',
    End__c: '2027-02-10T10:00:00.000Z',
    Budget__c: 150000,
    Educational_Need__c: 'New guidelines on insulin titration',
    Rule_Pack__c: rulePack,
    ...extra,
  });
