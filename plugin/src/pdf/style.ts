// The look every PDF of the product shares: page, type sizes and colours (Salesforce's SLDS palette,
// as the audit pack's summary has used since it was first written).
export const STYLE = {
  pageSize: 'A4',
  margin: 48,
  titleSize: 18,
  headingSize: 13,
  bodySize: 9,
  tableSize: 8,
  footerSize: 8,
  ink: '#181818',
  muted: '#444444',
  accent: '#032d60',
  rule: '#c9c9c9',
  headerFill: '#eef4ff',
  bar: '#0176d3',
  alarm: '#ba0517',
  warning: '#8c4b02',
  /** Space (pt) around a table cell's text. */
  cellPadding: 3,
  /** Space (pt) between a block and the next. */
  gap: 6,
} as const;
