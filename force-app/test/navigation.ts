// lightning/navigation for tests that look at where a component navigates. NavigationMixin has the
// shape of sfdx-lwc-jest's official stub (@salesforce/sfdx-lwc-jest/src/lightning-stubs/navigation/
// navigation.js: a mixin whose Navigate and GenerateUrl are symbols on it); here its methods call the
// jest mocks below, so a test can assert the page references. A test mocks the module with it (the
// mocked module exports NavigationMixin only, as the official one does):
//
//   jest.mock('lightning/navigation', () => ({
//     NavigationMixin: jest.requireActual('../../../../../test/navigation').NavigationMixin,
//   }));
//   import { expectRecordLink, mockNavigate } from '../../../../../test/navigation';
//
// (jest hoists jest.mock above the imports; requireActual and the import share one module instance.)
// Like lwcTest.ts, neither a test nor covered nor deployed.
import { leftToBrowser } from './events';

interface PageReference {
  type?: string;
  attributes: { recordId: string; objectApiName: string; actionName?: string };
}

/** What NavigationMixin.Navigate was called with. */
export const mockNavigate = jest.fn<void, [PageReference]>();

/**
 * What NavigationMixin.GenerateUrl was called with; it resolves to a record page's address as
 * Lightning Experience gives it (/lightning/r/<object>/<id>/view).
 */
export const mockGenerateUrl = jest.fn<Promise<string>, [PageReference]>((pageReference) =>
  Promise.resolve(`/lightning/r/${pageReference.attributes.objectApiName}/${pageReference.attributes.recordId}/view`),
);

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

// TypeScript takes a class as a mixin base only when its constructor's rest parameter is any[] (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

export const NavigationMixin = Object.assign(
  <Base extends Constructor>(base: Base) =>
    class extends base {
      [Navigate](pageReference: PageReference): void {
        mockNavigate(pageReference);
      }
      [GenerateUrl](pageReference: PageReference): Promise<string> {
        return mockGenerateUrl(pageReference);
      }
    },
  { Navigate, GenerateUrl },
);

/** A record's view page reference, as c/cmeUi's recordViewPage builds it. */
export function recordPage(recordId: string, objectApiName = 'CME_Event__c'): PageReference {
  return { type: 'standard__recordPage', attributes: { recordId, objectApiName, actionName: 'view' } };
}

/**
 * Expects `link` to behave as the record's link: an <a> (its href is the address GenerateUrl gave for
 * the record's page, which the test states), a click with a modifier key left to the browser (a new
 * tab) and a plain click navigating in place through Navigate.
 */
export function expectRecordLink(link: HTMLElement, recordId: string, objectApiName = 'CME_Event__c'): void {
  expect(link.tagName).toBe('A');
  expect(mockGenerateUrl).toHaveBeenCalledWith(recordPage(recordId, objectApiName));
  mockNavigate.mockClear();
  expect(leftToBrowser(link, { metaKey: true })).toBe(true);
  expect(mockNavigate).not.toHaveBeenCalled();
  expect(leftToBrowser(link)).toBe(false);
  expect(mockNavigate).toHaveBeenCalledTimes(1);
  expect(mockNavigate).toHaveBeenLastCalledWith(recordPage(recordId, objectApiName));
}
