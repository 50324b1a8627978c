/** One reason a real deploy (or the product) would fail, with the file it is in. */
export interface Finding {
  /** Path relative to the project root. */
  file: string;
  /** Short id of the check, e.g. `xml`, `element`, `field-ref`. */
  check: string;
  message: string;
}

export function finding(file: string, check: string, message: string): Finding {
  return { file, check, message };
}
