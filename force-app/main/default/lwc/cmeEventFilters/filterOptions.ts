/** The filter bar's pure logic: the filters it edits (options: picklistOptions in c/cmeUi). */

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
