/**
 * Small presentation helpers every CME screen shares: label formatting, the SLDS theme of an event
 * status badge, today in the user's time zone, time zones, text as compared, and record links. Pure, no
 * platform imports.
 */

/** Substitutes {0}, {1}… in a custom label, as Salesforce formats labels. */
export function formatLabel(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, i: string) => {
    const value = values[Number(i)];
    return value === undefined ? match : String(value);
  });
}

/** Badge colour per event status, from SLDS badge themes. */
const STATUS_THEME: Readonly<Record<string, string>> = {
  Draft: '',
  'Pending Approval': 'slds-theme_warning',
  Approved: 'slds-theme_success',
  Rejected: 'slds-theme_error',
  Completed: 'slds-theme_info',
  Cancelled: 'slds-theme_shade',
  Closed: 'slds-theme_inverse',
};

/** `slds-badge` plus the status's theme (no theme for Draft or an unknown status). */
export function statusBadgeClass(status: string | null | undefined, extra = ''): string {
  return ['slds-badge', extra, STATUS_THEME[status ?? ''] ?? ''].filter(Boolean).join(' ');
}

/** Today as 'YYYY-MM-DD' in the user's own time zone: due dates and the calendar are the user's days. */
export function localTodayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether `timeZone` is an IANA zone this browser knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

/** Lower case without accents and extra spaces, for comparing and searching: "José  Rao " is "jose rao". */
export function normalise(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A record's view page as a lightning/navigation page reference (standard__recordPage). */
export function recordViewPage(
  recordId: string,
  objectApiName: string,
): { type: 'standard__recordPage'; attributes: { recordId: string; objectApiName: string; actionName: 'view' } } {
  return { type: 'standard__recordPage', attributes: { recordId, objectApiName, actionName: 'view' } };
}

/**
 * A click on a link the screen follows itself, in this tab, through NavigationMixin.Navigate (the
 * lightning-navigation documentation's link example): the main button without a modifier key. A click
 * with Ctrl, ⌘, Shift or Alt, or another button, is left to the browser and the link's href (new tab,
 * new window, download).
 */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

/**
 * The address of a record's page in Lightning Experience (/lightning/r/<object>/<id>/view, the URL form
 * Salesforce Help's "Lightning Experience URL Format" documents): a link's href until GenerateUrl answers,
 * so the link is focusable and followed by Enter from the first render, and still works if the ask fails.
 */
export function recordViewUrl(recordId: string, objectApiName: string): string {
  return `/lightning/r/${encodeURIComponent(objectApiName)}/${encodeURIComponent(recordId)}/view`;
}

/**
 * Asks each record's address once (NavigationMixin.GenerateUrl, resolving to a URL), for the hrefs of
 * its links. `asked` remembers the ids already asked; `found` gets the addresses of one ask together,
 * once all have answered (one re-render, not one per record). A failed ask is left out: the link keeps
 * its recordViewUrl.
 */
export function askRecordUrls(
  recordIds: Iterable<string>,
  asked: Set<string>,
  generateUrl: (recordId: string) => Promise<string>,
  found: (urls: Record<string, string>) => void,
): void {
  const asking = [...recordIds].filter((recordId) => !asked.has(recordId));
  if (!asking.length) return;
  for (const recordId of asking) asked.add(recordId);
  Promise.allSettled(asking.map((recordId) => generateUrl(recordId))).then((answers) => {
    const urls: Record<string, string> = {};
    answers.forEach((answer, i) => {
      if (answer.status === 'fulfilled') urls[asking[i]] = answer.value;
    });
    if (Object.keys(urls).length) found(urls);
  });
}

/** An option of a lightning-combobox or lightning-radio-group: what it shows and the value it stands for. */
export interface Option {
  label: string;
  value: string;
}

/**
 * Picklist values (a getPicklistValues answer's `values`, label and value each) as combobox options;
 * with `blankLabel` ('All', '--None--'), an option of value '' first.
 */
export function picklistOptions(
  values: readonly { label: string; value: string }[] | undefined,
  blankLabel?: string,
): Option[] {
  const options = (values ?? []).map((v) => ({ label: v.label, value: v.value }));
  return blankLabel === undefined ? options : [{ label: blankLabel, value: '' }, ...options];
}

/** A lightning-input (or -combobox, -textarea) as a form checks it, by the methods those components document. */
export type Validatable = HTMLElement & {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
  focus(): void;
};

/**
 * Puts each input's message (by its data-field; '' clears it) under it and focuses the first input,
 * in the order given, that has one; true when any has. A form's client checks and the org's field
 * errors go through this one place.
 */
export function showFieldMessages(inputs: Iterable<Validatable>, messages: Readonly<Record<string, string>>): boolean {
  let first: Validatable | undefined;
  for (const input of inputs) {
    const message = messages[input.dataset.field as string] ?? '';
    input.setCustomValidity(message);
    input.reportValidity();
    if (message && !first) first = input;
  }
  first?.focus();
  return first !== undefined;
}

/**
 * Focuses what `selector` finds in `root` (a component's template); false when it has not rendered
 * yet, so a renderedCallback can try again on the next render.
 */
export function focusIn(root: Pick<Element, 'querySelector'> | null | undefined, selector: string): boolean {
  const target = root?.querySelector<HTMLElement>(selector);
  target?.focus();
  return !!target;
}
