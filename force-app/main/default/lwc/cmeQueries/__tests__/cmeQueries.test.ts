// The shared fragments: each constant is one fragment definition that parses, names are unique, and
// every fragment a fragment spreads is one of them (so a document that lists them all is complete).
import { Kind, parse, visit } from 'graphql';
import type { FragmentDefinitionNode } from 'graphql';
import * as fragments from 'c/cmeQueries';

const entries = Object.entries(fragments) as [string, string][];

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
    expect(fragments.DOCTOR_CARD).toMatch(/MailingCity @optional \{/);
    expect(fragments.DOCTOR_CARD).not.toMatch(/MailingCity \{/);
  });

  it('types each fragment on the object whose fields it selects', () => {
    const typeOf = (text: string) => definitionOf(text).typeCondition.name.value;
    expect(typeOf(fragments.DOCTOR_NAME)).toBe('Contact');
    expect(typeOf(fragments.EVENT_SUMMARY)).toBe('CME_Event__c');
    expect(typeOf(fragments.INVITATION_FIELDS)).toBe('CME_Invitation__c');
    expect(typeOf(fragments.ATTENDANCE_EVIDENCE)).toBe('CME_Attendance__c');
    expect(typeOf(fragments.EXPENSE_LINE)).toBe('CME_Expense__c');
    expect(typeOf(fragments.RULE_PACK_FIELDS)).toBe('CME_Rule_Pack__c');
    expect(typeOf(fragments.RULE_FIELDS)).toBe('CME_Rule__c');
    expect(typeOf(fragments.FOLLOW_UP_TASK)).toBe('Task');
  });
});
