/** The filter bar's pure logic: the filters it edits and its picklist options. */

export interface ComboboxOption {
  label: string;
  value: string;
}

/** The planner's filters: '' is "All", mineOnly keeps the user's own events. */
export interface EventFilters {
  eventType: string;
  format: string;
  status: string;
  therapyArea: string;
  mineOnly: boolean;
}

export type FilterName = 'eventType' | 'format' | 'status' | 'therapyArea';

const FILTER_NAMES: readonly string[] = ['eventType', 'format', 'status', 'therapyArea'];

export function isFilterName(name: string | undefined): name is FilterName {
  return FILTER_NAMES.includes(name ?? '');
}

/** `blankLabel` ('All') with value '', then the picklist values. */
export function optionsWithBlank(
  blankLabel: string,
  values: readonly { label: string; value: string }[] | undefined,
): ComboboxOption[] {
  return [{ label: blankLabel, value: '' }, ...(values ?? []).map((v) => ({ label: v.label, value: v.value }))];
}
