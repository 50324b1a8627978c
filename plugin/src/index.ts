// The `cme` topic of the sf CLI. Commands live in src/commands/cme/ and are found by oclif from
// package.json ("oclif.commands": "./lib/commands"); this entry point exports nothing else yet.
export const topic = 'cme';
