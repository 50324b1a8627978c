/**
 * The GraphQL selections several screens share, each written once as a fragment. A screen's query
 * module interpolates the fragments it spreads into its `gql` document, `${fragments(RULE_PACK_FIELDS)}`
 * after the operation, and the server expands `...RulePackFields` where it stands.
 *
 * Why fragments: lightning/graphql (the v2 wire adapter) "supports newer GraphQL API features, such
 * as optional fields, dynamic query construction, and mutations"; the older lightning/uiGraphQLApi did
 * not support "dynamic construction of GraphQL queries at runtime, such as referencing a fragment from
 * another component" (LWC Developer Guide, "GraphQL Wire Adapter",
 * developer.salesforce.com/docs/platform/lwc/guide/reference-graphql-wire.html). The adapter "supports
 * the same capabilities as the GraphQL API, except as noted in GraphQL API Wire Adapter Limitations"
 * (variables in @skip/@include, a constant upper bound, mobile offline), and fragments are standard
 * GraphQL (spec §2.8).
 *
 * Rules for the documents (the GraphQL spec, §5.5; the local org and every real org refuse others):
 * a document defines each fragment it spreads, directly or through another fragment, exactly once,
 * and no fragment it does not spread. Each constant below is exactly one fragment definition; a
 * document ends with `${fragments(...)}` of the fragments it spreads itself, e.g.
 * `${fragments(DOCTOR_CARD)}`, which adds those they spread (DoctorName) and writes each once.
 * scripts/test/lwc-queries.test.ts checks every screen's documents.
 *
 * Where screens read slightly different fields of one object, a fragment holds their union when the
 * extra fields are cheap and every user who reads the object reads them (a picklist's displayValue
 * beside its value, an invitation's dates); a field only one screen reads stays inline beside the
 * spread. Fields a profile may hide stay `@optional` (Salesforce's forcedotcom/afv-library skill
 * using-ui-bundle-salesforce-data, API v65.0+): the server then leaves the field out instead of failing.
 */

/** What names a doctor (hcpName: the name, and whether they are addressed as Dr). */
export const DOCTOR_NAME = `
  fragment DoctorName on Contact {
    Id
    Name {
      value
    }
    FirstName {
      value
    }
    LastName {
      value
    }
    CME_Primary_Type__c {
      value
    }
  }
`;

/** The doctor as a check-in row shows them; spreads DoctorName. MailingCity: a profile may hide it. */
export const DOCTOR_CARD = `
  fragment DoctorCard on Contact {
    ...DoctorName
    CME_Specialty__c {
      value
      displayValue
    }
    MailingCity @optional {
      value
    }
    CME_Registration_Number__c {
      value
    }
  }
`;

/** An event as the rules and histories read it (name, kind, status, dates, topic). */
export const EVENT_SUMMARY = `
  fragment EventSummary on CME_Event__c {
    Id
    Name {
      value
    }
    Event_Type__c {
      value
      displayValue
    }
    Format__c {
      value
      displayValue
    }
    Status__c {
      value
      displayValue
    }
    Start__c {
      value
    }
    End__c {
      value
    }
    Topic__c {
      value
    }
  }
`;

/** One invitation: who, to what, as what, and when they were invited and answered. */
export const INVITATION_FIELDS = `
  fragment InvitationFields on CME_Invitation__c {
    Id
    Event__c {
      value
    }
    Doctor__c {
      value
    }
    Status__c {
      value
      displayValue
    }
    Role__c {
      value
      displayValue
    }
    Invited_On__c {
      value
    }
    Responded_On__c {
      value
    }
    Speaking_Hours__c {
      value
    }
  }
`;

/** Who attended an event and how: what splits the event's shared costs over its attendees. */
export const ATTENDEE = `
  fragment Attendee on CME_Attendance__c {
    Id
    Event__c {
      value
    }
    Doctor__c {
      value
    }
    Mode__c {
      value
      displayValue
    }
    Meal_Opt_Out__c {
      value
    }
  }
`;

/**
 * An event with everyone who attended it: what its shared costs are split over, per capita (a page of
 * 2,000 attendees; hasNextPage says when there are more). Spreads EventSummary and Attendee.
 */
export const EVENT_ATTENDEES = `
  fragment EventAttendees on CME_Event__c {
    ...EventSummary
    Attendances__r(first: 2000) {
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          ...Attendee
        }
      }
    }
  }
`;

/** The evidence of one attendance (check-in, minutes, signature); spreads Attendee. */
export const ATTENDANCE_EVIDENCE = `
  fragment AttendanceEvidence on CME_Attendance__c {
    ...Attendee
    Invitation__c {
      value
    }
    Walk_In__c {
      value
    }
    Checked_In_At__c {
      value
    }
    Minutes_Attended__c {
      value
    }
    Sign_In_Method__c {
      value
      displayValue
    }
    Signature_SHA256__c {
      value
    }
    Signed_Name__c {
      value
    }
    Signed_At__c {
      value
    }
  }
`;

/**
 * An attendance's evaluation: the overall rating (Feedback_Rating__c, which before evaluations was the
 * rating a rep entered at check-in), content relevance, speaker quality, intended practice change,
 * comments, and Evaluated_On__c, set once it is completed. The Evaluations screen shows and edits it;
 * the HCP panel sums up a doctor's.
 */
export const ATTENDANCE_EVALUATION = `
  fragment AttendanceEvaluation on CME_Attendance__c {
    Feedback_Rating__c {
      value
    }
    Evaluation_Relevance__c {
      value
    }
    Evaluation_Speaker__c {
      value
    }
    Evaluation_Practice_Change__c {
      value
      displayValue
    }
    Evaluation_Comments__c {
      value
    }
    Evaluated_On__c {
      value
    }
  }
`;

/**
 * One expense line: which event, which doctor (none: a shared cost), what, how much, when, which stage.
 * Payment_Form__c is not here (ExpenseValue adds it): the domain core derives a line's form of value
 * from it, so adding it where a screen did not read it would change what that screen computes.
 */
export const EXPENSE_LINE = `
  fragment ExpenseLine on CME_Expense__c {
    Id
    Event__c {
      value
    }
    Doctor__c {
      value
    }
    Category__c {
      value
      displayValue
    }
    Amount__c {
      value
      displayValue
    }
    Incurred_On__c {
      value
      displayValue
    }
    Stage__c {
      value
      displayValue
    }
  }
`;

/**
 * An expense line with its Payment_Form__c: what the domain core values a transfer of value by (the
 * form of value follows from it). For the screens that value lines; spreads ExpenseLine.
 */
export const EXPENSE_VALUE = `
  fragment ExpenseValue on CME_Expense__c {
    ...ExpenseLine
    Payment_Form__c {
      value
    }
  }
`;

/** A compliance rule pack's own fields (c/cmeRecords rulePacksFrom reads them with RuleFields). */
export const RULE_PACK_FIELDS = `
  fragment RulePackFields on CME_Rule_Pack__c {
    Id
    Name {
      value
    }
    Code__c {
      value
    }
    Version__c {
      value
    }
    Home_Country__c {
      value
    }
    Currency_Code__c {
      value
    }
    Cap_Year_Basis__c {
      value
    }
    Fiscal_Year_Start_Month__c {
      value
    }
    Disclosure_Standard__c {
      value
    }
    Active__c {
      value
    }
  }
`;

/** One rule of a pack: its severity, limit, warning threshold and window. */
export const RULE_FIELDS = `
  fragment RuleFields on CME_Rule__c {
    Id
    Rule_Pack__c {
      value
    }
    Rule_Key__c {
      value
    }
    Rule_Id__c {
      value
    }
    Severity__c {
      value
    }
    Limit__c {
      value
    }
    Warn_Percent__c {
      value
    }
    Window_Days__c {
      value
    }
  }
`;

/** A follow-up Task: what, when, how urgent, and the doctor it is about (Who is polymorphic). */
export const FOLLOW_UP_TASK = `
  fragment FollowUpTask on Task {
    Id
    Subject {
      value
    }
    Status {
      value
    }
    Priority {
      value
      displayValue
    }
    ActivityDate {
      value
    }
    WhoId {
      value
    }
    Who {
      ... on Contact {
        Id
        Name {
          value
        }
      }
    }
  }
`;

/** Every fragment above, by name: what `fragments` finds a spread fragment's definition in. */
const SHARED = [
  DOCTOR_NAME,
  DOCTOR_CARD,
  EVENT_SUMMARY,
  INVITATION_FIELDS,
  ATTENDEE,
  EVENT_ATTENDEES,
  ATTENDANCE_EVIDENCE,
  ATTENDANCE_EVALUATION,
  EXPENSE_LINE,
  EXPENSE_VALUE,
  RULE_PACK_FIELDS,
  RULE_FIELDS,
  FOLLOW_UP_TASK,
];

/** The name a fragment definition gives (`fragment Name on Type`). */
function nameOf(definition: string): string {
  const name = /\bfragment\s+(\w+)\s+on\b/.exec(definition)?.[1];
  if (!name) throw new Error(`Not a fragment definition: ${definition.trim().slice(0, 60)}`);
  return name;
}

/**
 * The fragment definitions a document appends after its operation: the given ones (shared ones above
 * or the module's own) and every fragment they spread, through any depth, each once, in the order first
 * reached. A named spread `...Name` pulls in Name; an inline fragment `... on Type` is not a spread.
 * The result is plain fragment text, which the `gql` template interpolates like a constant above.
 */
export function fragments(...definitions: string[]): string {
  const known = new Map([...SHARED, ...definitions].map((definition) => [nameOf(definition), definition]));
  const reached = new Map<string, string>();
  const add = (definition: string) => {
    const name = nameOf(definition);
    if (reached.has(name)) return;
    reached.set(name, definition);
    for (const [, spread] of definition.matchAll(/\.\.\.\s*(?!on\b)(\w+)/g)) {
      const spreadDefinition = known.get(spread);
      if (!spreadDefinition) throw new Error(`Fragment ${name} spreads ${spread}, which is not defined`);
      add(spreadDefinition);
    }
  };
  definitions.forEach(add);
  return [...reached.values()].join('');
}
