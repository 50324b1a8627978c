// What the pack says about itself: the figures summary.pdf and report.json open with, and the BagIt
// bag-info lines that name the org, the window, the rule packs and the counts.
import type { RulePack } from '../domain/cmeDomain.ts';
import type { EventPassTotals } from './eventPass.ts';
import type { FindingsLog } from './findings.ts';
import type { PackSummary } from './outputs.ts';
import type { ReportData, ReportEvent } from './read.ts';
import type { ComplianceReportOptions, ReportCounts, ReportRunOptions, UsedRulePack } from './types.ts';

/** The packs that judged events of the window, with how many, in the order of their first event. */
export function usedRulePacks(judgedByPack: ReadonlyMap<RulePack, ReportEvent[]>): UsedRulePack[] {
  return [...judgedByPack].map(([pack, list]) => ({
    code: pack.code,
    name: pack.name,
    version: pack.version,
    events: list.length,
  }));
}

export function packSummary(
  options: ComplianceReportOptions,
  data: ReportData,
  pass: { rulePacks: UsedRulePack[]; counts: ReportCounts; totals: EventPassTotals; topHcps: PackSummary['topHcps'] },
  findings: { log: FindingsLog; first: string[][] },
): PackSummary {
  return {
    title: `CME compliance audit pack — ${options.window.label}`,
    window: options.window,
    asOf: options.asOf,
    orgId: options.identity.orgId,
    rulePacks: pass.rulePacks,
    counts: pass.counts,
    funnel: pass.totals.funnel,
    budget: data.judged
      .filter((e) => (e.Budget__c ?? 0) > 0)
      .map((e) => ({
        name: e.Name ?? e.Id,
        budget: e.Budget__c ?? 0,
        actual: Number(e.Actual_Spend__c) || 0,
        committed: Number(e.Committed_Spend__c) || 0,
        currency: data.packs.packOf(e)?.currencyCode ?? '',
      })),
    topHcps: pass.topHcps,
    transfersByCurrency: Object.fromEntries(Object.entries(pass.totals.tovCents).map(([c, cents]) => [c, cents / 100])),
    findingsByRule: findings.log.byRule,
    findings: findings.first,
  };
}

/**
 * bag-info.txt of a report command's bag: the org and the user, the command's own lines (`own`: its
 * identifier, description, window or period), when it was made, by what, and its counts.
 */
export function bagInfoOf(
  options: Pick<ReportRunOptions, 'identity' | 'toolVersion'>,
  generatedAt: string,
  counts: Readonly<Record<string, number>>,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const { identity } = options;
  const { 'External-Identifier': id, 'External-Description': description, ...rest } = own;
  return {
    'Source-Organization': `Salesforce org ${identity.orgId}`,
    'External-Identifier': id,
    'External-Description': description,
    'CME-Org-Id': identity.orgId,
    'CME-Instance-Url': identity.instanceUrl,
    'CME-User': identity.username,
    ...rest,
    'CME-Generated-At': generatedAt,
    'CME-Tool': `@cme/plugin-cme ${options.toolVersion}`,
    'CME-Counts': Object.entries(counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    'Bagging-Date': generatedAt.slice(0, 10),
  };
}

/** The bag-info.txt lines of the pack. */
export function bagInfo(
  options: ComplianceReportOptions,
  rulePacks: readonly UsedRulePack[],
  counts: ReportCounts,
  generatedAt: string,
): Record<string, string> {
  const { identity, window } = options;
  return bagInfoOf(options, generatedAt, counts, {
    'External-Identifier': `cme-compliance-${identity.orgId}-${window.start}-${window.end}`,
    'External-Description': `CME compliance audit pack for ${window.label} (${window.start} to ${window.end})`,
    'CME-Window-Start': window.start,
    'CME-Window-End': window.end,
    'CME-As-Of': options.asOf,
    'CME-Rule-Packs': rulePacks.map((p) => `${p.code} ${p.version ?? '(no version)'}`).join('; ') || '(none)',
  });
}
