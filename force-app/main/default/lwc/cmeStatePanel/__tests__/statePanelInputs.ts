/**
 * The state panel's public properties as tests set them (not a test: jest runs *.test.ts); the screen
 * card passes the same ones through to its panel.
 */
export interface StatePanelInputs {
  loading?: boolean;
  errors?: unknown;
  empty?: boolean;
  retryable?: boolean;
  loadingLabel?: string;
  errorTitle?: string;
  emptyMessage?: string;
  emptyDetail?: string;
  retryLabel?: string;
}
