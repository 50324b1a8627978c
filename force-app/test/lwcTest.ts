// What every component test needs: mounting, waiting for re-renders, shadow-root queries, the state
// panel's parts and typed handles on the official wire-adapter stubs. Neither a test (jest runs
// __tests__/**/*.test.ts only), nor covered (coverage counts lwc/**/*.ts), nor deployed (.forceignore
// keeps every .ts out); tests import it by relative path, e.g. '../../../../../test/lwcTest'.
import { createElement } from 'lwc';
import { gql, graphql } from 'lightning/graphql';

// ------------------------------------------------------------------ mounting and waiting

/**
 * Waits a macrotask (or `macrotasks` of them, one after the other): wire emits, re-renders and awaited
 * promises (however many microtasks deep) settle. Needs real setTimeout (see fakeDateOnly).
 */
export function flushPromises(macrotasks = 1): Promise<void> {
  const tick = new Promise<void>((resolve) => setTimeout(resolve, 0));
  return macrotasks > 1 ? tick.then(() => flushPromises(macrotasks - 1)) : tick;
}

/**
 * Waits a few microtask turns only (a wire's new config, its data and the re-render each take one),
 * for tests that look at a state a pending promise holds before it settles.
 */
export function flushMicrotasks(turns = 5): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < turns; i++) p = p.then(() => undefined);
  return p;
}

/** Creates the component, sets its public properties and appends it to the document. */
export function mount<Props extends object = Record<string, unknown>>(
  tag: string,
  Component: Parameters<typeof createElement>[1]['is'],
  props: Partial<Props> = {},
): HTMLElement & Props {
  const element = createElement(tag, { is: Component }) as unknown as HTMLElement & Props;
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

/** mount, then waits for the first render (flushPromises): the element as the user first sees it. */
export async function mountRendered<Props extends object = Record<string, unknown>>(
  tag: string,
  Component: Parameters<typeof createElement>[1]['is'],
  props: Partial<Props> = {},
): Promise<HTMLElement & Props> {
  const element = mount<Props>(tag, Component, props);
  await flushPromises();
  return element;
}

/** Removes every mounted component (for afterEach), so a test starts from an empty document. */
export function resetDom(): void {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
}

/**
 * Call at the top of a test file (or inside a describe): after each test the DOM is emptied, every
 * mock's calls are cleared and the real timers come back; with `restoreSpies`, every jest.spyOn is
 * undone too (jest.restoreAllMocks).
 */
export function cleanUpEachTest({ restoreSpies = false }: { restoreSpies?: boolean } = {}): void {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
    if (restoreSpies) jest.restoreAllMocks();
    jest.useRealTimers();
  });
}

/**
 * Fakes only Date (today is `now`); timers, microtasks and animation frames stay real, so LWC,
 * flushPromises and axe run as usual.
 */
export function fakeDateOnly(now: Date | string | number): void {
  jest.useFakeTimers({
    now: new Date(now),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

// ------------------------------------------------------------------ queries

function rootOf(node: Element | ShadowRoot | null | undefined): Element | ShadowRoot | null {
  if (!node) return null;
  return (node as Element).shadowRoot ?? node;
}

/** The element of the last path's parts nested in shadow roots: the first match at every level. */
function scope(root: Element | null | undefined, path: string[]): Element | ShadowRoot | null {
  let current = rootOf(root);
  for (const selector of path) current = rootOf(current?.querySelector(selector));
  return current;
}

/**
 * The first match of the last selector in the shadow root of `root`; earlier selectors step into
 * child components' shadow roots: `$(element, 'c-cme-state-panel', '.error-message')`.
 */
export function $<T extends HTMLElement = HTMLElement>(
  root: Element | null | undefined,
  ...selectors: string[]
): T | null {
  const last = selectors[selectors.length - 1];
  return (scope(root, selectors.slice(0, -1))?.querySelector(last) as T | null) ?? null;
}

/** Every match of the last selector, with the same stepping as $. */
export function $$<T extends HTMLElement = HTMLElement>(root: Element | null | undefined, ...selectors: string[]): T[] {
  const last = selectors[selectors.length - 1];
  return [...(scope(root, selectors.slice(0, -1))?.querySelectorAll(last) ?? [])] as T[];
}

/** An element's text with its white space collapsed ('' for none). */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The texts of every match, as $$ finds them. */
export function texts(root: Element | null | undefined, ...selectors: string[]): string[] {
  return $$(root, ...selectors).map(text);
}

/**
 * Clicks an element found by $. sfdx-lwc-jest's lightning-button stub (src/lightning-stubs/button) is an
 * empty element with the button's @api properties, so the click reaches the template's onclick on the host.
 */
export function click(el: Element | null | undefined): void {
  if (!el) throw new Error('click: no element');
  (el as HTMLElement).click();
}

/**
 * Fires the `change` a lightning-input / -combobox fires, with this detail ({ value } or { checked }, as the
 * Lightning component reference documents them): the sfdx-lwc-jest stubs (src/lightning-stubs/input,
 * combobox) fire nothing themselves.
 */
export function change(el: Element | null | undefined, detail: Record<string, unknown>): void {
  if (!el) throw new Error('change: no element');
  el.dispatchEvent(new CustomEvent('change', { detail }));
}

/** The toasts (ShowToastEvent details) the element dispatches from now on. */
export function collectToasts(
  element: Element,
): { title: string; message?: string; variant?: string; mode?: string }[] {
  const seen: { title: string; message?: string; variant?: string; mode?: string }[] = [];
  element.addEventListener('lightning__showtoast', (e) => seen.push((e as CustomEvent).detail));
  return seen;
}

/** The record inputs ({ apiName, fields }) a mocked uiRecordApi write (createRecord, updateRecord) got, in order. */
export function recordInputs(write: unknown): { apiName?: string; fields: Record<string, unknown> }[] {
  return (write as jest.Mock).mock.calls.map(
    ([input]: [{ apiName?: string; fields: Record<string, unknown> }]) => input,
  );
}

/** Matches a collected toast with this variant, title and message (other properties, such as mode, aside). */
export function toastLike(variant: string, title: string, message: string): unknown {
  return expect.objectContaining({ variant, title, message });
}

// ------------------------------------------------------------------ the state panel (c-cme-state-panel)

const STATE_PANEL = 'c-cme-state-panel';
const SCREEN_CARD = 'c-cme-screen-card';
type Spinner = HTMLElement & { alternativeText?: string };

/**
 * The selectors down to the screen's state panel: inside its c-cme-screen-card (a panel of a section,
 * slotted in the card, is not the screen's), else in the root's own shadow root (the screen card under
 * test, a screen that places the panel itself).
 */
function statePanel(root: Element): string[] {
  return $(root, SCREEN_CARD) ? [SCREEN_CARD, STATE_PANEL] : [STATE_PANEL];
}

/** The screen's state panel spinner (null when the panel shows none). */
export function stateSpinner(root: Element): Spinner | null {
  return $<Spinner>(root, ...statePanel(root), 'lightning-spinner');
}

/** The screen's state panel error panel (null when it shows no error). */
export function stateErrorPanel(root: Element): HTMLElement | null {
  return $(root, ...statePanel(root), '[data-id="error-panel"]');
}

/** The error panel's heading text. */
export function stateErrorTitle(root: Element): string {
  return text($(root, ...statePanel(root), '.error-title'));
}

/** The messages the error panel lists. */
export function stateErrors(root: Element): string[] {
  return texts(root, ...statePanel(root), '.error-message');
}

/** The error panel's Retry button (null when it offers none). */
export function stateRetry(root: Element): HTMLElement | null {
  return $(root, ...statePanel(root), '[data-id="retry"]');
}

/** The empty state (null when the panel shows none). */
export function stateEmpty(root: Element): HTMLElement | null {
  return $(root, ...statePanel(root), '[data-id="empty"]');
}

// ------------------------------------------------------------------ wire adapters (official stubs)

/** A wire's config as the component gives it (graphql: query, variables, operationName). */
export type WireConfig = Record<string, unknown> & { variables?: Record<string, unknown>; operationName?: string };
type Refresh = () => Promise<void>;

/**
 * sfdx-lwc-jest's lightning/graphql stub: `emit(value, filterFn, refreshFn)` emits `{ data: value,
 * errors: undefined, refresh: refreshFn }` to the wires `filterFn` accepts (all without one);
 * `emitErrors(errors, filterFn, refreshFn)` emits `{ data: undefined, errors }`.
 */
export const graphqlWire = graphql as unknown as {
  emit(value: unknown, filter?: (config: WireConfig) => boolean, refresh?: Refresh): void;
  emitErrors(errors: unknown, filter?: (config: WireConfig) => boolean, refresh?: Refresh): void;
  getLastConfig(): WireConfig;
};

/** The current config of every graphql wire (the filter sees each one and lets none through). */
export function graphqlConfigs(): WireConfig[] {
  const seen: WireConfig[] = [];
  graphqlWire.emit(undefined, (config) => {
    seen.push(config);
    return false;
  });
  return seen;
}

/** An LDS adapter stub (createLdsTestWireAdapter: getRecord, getObjectInfo, getPicklistValues…). */
export interface LdsWire {
  emit(value: unknown, filter?: (config: WireConfig) => boolean): void;
  emitError(
    error: { body?: unknown; status?: number; statusText?: string },
    filter?: (config: WireConfig) => boolean,
  ): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): WireConfig;
}

/** The test handle of an LDS wire adapter the component imports (`ldsWire(getRecord)`). */
export function ldsWire(adapter: unknown): LdsWire {
  return adapter as LdsWire;
}

/**
 * Emits `value` (as graphqlWire.emit) to the graphql wires `filter` accepts, and returns the variables
 * each of them was configured with when it received it.
 */
export function emitGraphql(
  value: unknown,
  filter: (config: WireConfig) => boolean,
  refresh?: Refresh,
): Record<string, unknown>[] {
  const reached: Record<string, unknown>[] = [];
  graphqlWire.emit(
    value,
    (config) => {
      if (filter(config)) reached.push(config.variables ?? {});
      return filter(config);
    },
    refresh,
  );
  return reached;
}

/**
 * The texts of every document tagged with gql so far, with the fragments they interpolate (the
 * official stub's gql is a jest.fn, so this reads its calls): call it at the top of a test file, when
 * the component's module has tagged its queries and before any test clears the mocks.
 */
export function gqlDocuments(): string[] {
  return (gql as unknown as jest.Mock).mock.calls.map(([strings, ...fragments]: [readonly string[], ...string[]]) =>
    strings.reduce((text, part, i) => text + part + (fragments[i] ?? ''), ''),
  );
}

// ------------------------------------------------------------------ screens made of child components

/** The element's shadow root and those of the child components (c-*) inside it, parents first. */
function shadowRoots(el: Element): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const visit = (root: ShadowRoot) => {
    roots.push(root);
    for (const child of root.querySelectorAll<HTMLElement>('*')) {
      if (child.tagName.startsWith('C-') && child.shadowRoot) visit(child.shadowRoot);
    }
  };
  visit(el.shadowRoot!);
  return roots;
}

/** The first match in the screen or in any of the child components it is made of (parents first). */
export function deepQuery<T extends HTMLElement = HTMLElement>(el: Element, selector: string): T | null {
  return (shadowRoots(el)
    .map((root) => root.querySelector(selector))
    .find(Boolean) ?? null) as T | null;
}

/** Every match in the screen and in the child components it is made of. */
export function deepQueryAll<T extends HTMLElement = HTMLElement>(el: Element, selector: string): T[] {
  return shadowRoots(el).flatMap((root) => [...root.querySelectorAll(selector)]) as T[];
}

/** The focused element, looked up through the child components' shadow roots. */
export function deepActiveElement(el: Element): Element | null {
  let active = el.shadowRoot!.activeElement;
  while (active?.shadowRoot?.activeElement && active.tagName.startsWith('C-')) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Records the messages given to the input's setCustomValidity (the base-component stubs' methods do
 * nothing); the last one is the current message, '' when valid.
 */
export function trackValidity(input: HTMLElement): string[] {
  const messages: string[] = [];
  Object.defineProperty(input, 'setCustomValidity', { value: (m: string) => messages.push(m), configurable: true });
  return messages;
}
