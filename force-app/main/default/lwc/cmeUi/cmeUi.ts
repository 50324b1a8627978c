/**
 * Small presentation helpers every CME screen shares: label formatting, the SLDS theme of an event
 * status badge, and today in the user's time zone. Pure, no platform imports.
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
