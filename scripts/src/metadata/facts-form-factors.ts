// FACTS: the form factors each Lightning page type supports, for <supportedFormFactors> in a component's
// js-meta.xml targetConfig and for the <formFactor> an app or object assigns a Lightning page to.
// Source: LWC Developer Guide, "Configure Your Component for Different Form Factors"
// (https://developer.salesforce.com/docs/platform/lwc/guide/use-config-form-factors.html): "App and
// record pages support the Large and Small form factors. Home pages support only the Large form factor."
// The guide documents no other page type, so any other target declaring form factors is refused until a
// source is found and added here. Large is desktop, Small is phone.
export const FORM_FACTORS_BY_TARGET: ReadonlyMap<string, readonly string[]> = new Map([
  ['lightning__AppPage', ['Large', 'Small']],
  ['lightning__RecordPage', ['Large', 'Small']],
  ['lightning__HomePage', ['Large']],
]);

/** The js-meta.xml target of each FlexiPage <type> (as the flexipage checks map them). */
export const TARGET_OF_FLEXIPAGE_TYPE: ReadonlyMap<string, string> = new Map([
  ['AppPage', 'lightning__AppPage'],
  ['RecordPage', 'lightning__RecordPage'],
  ['HomePage', 'lightning__HomePage'],
]);
