// The events a test sends to a component and the events it collects from one: keys, clicks on links,
// a component's CustomEvents. Like lwcTest.ts, neither a test nor covered nor deployed; tests import
// it by relative path, e.g. '../../../../../test/events'.

/** The details of the `name` CustomEvents the element dispatches from now on. */
export function emitted<Detail = unknown>(element: Element, name: string): Detail[] {
  const seen: Detail[] = [];
  element.addEventListener(name, (e) => seen.push((e as CustomEvent<Detail>).detail));
  return seen;
}

/** Dispatches a bubbling, cancelable keydown of `keyName` ('ArrowDown', 'Enter'…) and returns it. */
export function key(el: Element, keyName: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event;
}

/**
 * Clicks `link` as `init` says (`{ ctrlKey: true }`, `{ button: 1 }`…); whether the component left
 * the click to the browser, i.e. did not prevent its default (jsdom does not navigate).
 */
export function leftToBrowser(link: Element, init: MouseEventInit = {}): boolean {
  let left = false;
  link.addEventListener(
    'click',
    (e) => {
      left = !e.defaultPrevented;
      e.preventDefault();
    },
    { once: true },
  );
  link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
  return left;
}
