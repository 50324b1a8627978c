// The shared fragments: each constant is one fragment definition that parses, names are unique, and
// every fragment a fragment spreads is one of them; `fragments` adds what a fragment spreads, once.
import { Kind, parse, visit } from 'graphql';
import type { FragmentDefinitionNode } from 'graphql';
import * as shared from 'c/cmeQueries';

const { fragments, ...definitions } = shared;
const entries = Object.entries(definitions) as [string, string][];

function definitionOf(text: string): FragmentDefinitionNode {
  const document = parse(text);
  expect(document.definitions).toHaveLength(1);
  const [definition] = document.definitions;
  expect(definition.kind).toBe(Kind.FRAGMENT_DEFINITION);
  return definition as FragmentDefinitionNode;
}

function spreadsOf(definition: FragmentDefinitionNode): string[] {
  const names: string[] = [];
  visit(definition, {
    FragmentSpread(node) {
      names.push(node.name.value);
    },
  });
  return names;
}

describe('c/cmeQueries', () => {
  it('exports one fragment definition per constant, each with its own name', () => {
    expect(entries.length).toBeGreaterThan(0);
    const names = entries.map(([, text]) => definitionOf(text).name.value);
    expect(new Set(names).size).toBe(names.length);
  });

  it('spreads only fragments it exports, and none of them spreads itself', () => {
    const byName = new Map(entries.map(([, text]) => [definitionOf(text).name.value, definitionOf(text)]));
    for (const definition of byName.values())
      for (const spread of spreadsOf(definition)) {
        expect(byName.has(spread)).toBe(true);
        expect(spread).not.toBe(definition.name.value);
      }
  });

  it('keeps the Contact fields a profile may hide @optional', () => {
    expect(shared.DOCTOR_CARD).toMatch(/MailingCity @optional \{/);
    expect(shared.DOCTOR_CARD).not.toMatch(/MailingCity \{/);
  });

  it('types each fragment on the object whose fields it selects', () => {
    const typeOf = (text: string) => definitionOf(text).typeCondition.name.value;
    expect(typeOf(shared.DOCTOR_NAME)).toBe('Contact');
    expect(typeOf(shared.EVENT_SUMMARY)).toBe('CME_Event__c');
    expect(typeOf(shared.INVITATION_FIELDS)).toBe('CME_Invitation__c');
    expect(typeOf(shared.ATTENDANCE_EVIDENCE)).toBe('CME_Attendance__c');
    expect(typeOf(shared.ATTENDANCE_EVALUATION)).toBe('CME_Attendance__c');
    expect(typeOf(shared.EXPENSE_LINE)).toBe('CME_Expense__c');
    expect(typeOf(shared.EXPENSE_VALUE)).toBe('CME_Expense__c');
    expect(typeOf(shared.RULE_PACK_FIELDS)).toBe('CME_Rule_Pack__c');
    expect(typeOf(shared.RULE_FIELDS)).toBe('CME_Rule__c');
    expect(typeOf(shared.FOLLOW_UP_TASK)).toBe('Task');
  });

  describe('fragments', () => {
    const namesIn = (text: string) =>
      parse(text).definitions.map((definition) => (definition as FragmentDefinitionNode).name.value);

    it('adds every fragment the given ones spread, through any depth, each once', () => {
      expect(namesIn(fragments(shared.DOCTOR_CARD))).toEqual(['DoctorCard', 'DoctorName']);
      expect(namesIn(fragments(shared.EVENT_ATTENDEES, shared.EXPENSE_VALUE, shared.ATTENDEE))).toEqual([
        'EventAttendees',
        'EventSummary',
        'Attendee',
        'ExpenseValue',
        'ExpenseLine',
      ]);
    });

    it('finds every exported fragment when another fragment spreads it', () => {
      for (const [, text] of entries) {
        const name = definitionOf(text).name.value;
        expect(namesIn(fragments(`fragment Probe on Contact { ...${name} }`))).toContain(name);
      }
    });

    it('resolves a module’s own fragment, and does not take an inline fragment for a spread', () => {
      const own = `
        fragment TaskWho on Task {
          ...FollowUpTask
          What {
            ... on CME_Event__c {
              ...EventSummary
            }
          }
        }
      `;
      expect(namesIn(fragments(own))).toEqual(['TaskWho', 'FollowUpTask', 'EventSummary']);
    });

    it('refuses a spread of a fragment it does not know, and text that is not a fragment', () => {
      expect(() => fragments('fragment Lost on Contact { ...Missing }')).toThrow(
        'Fragment Lost spreads Missing, which is not defined',
      );
      expect(() => fragments('query Q { uiapi { query { Contact { edges { node { Id } } } } } }')).toThrow(
        'Not a fragment definition',
      );
    });
  });
});
