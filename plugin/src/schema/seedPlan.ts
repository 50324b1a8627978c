// The seed plan: what `sf cme seed` generates. Flags and a --plan JSON file both end up here; zod
// reports every problem with its path so a bad plan is fixed in one go.
import { z } from 'zod';

/** A real calendar day as YYYY-MM-DD (2026-02-30 is refused, not rolled over to March). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'not a calendar date');

export const seedPlanSchema = z
  .object({
    doctors: z.number().int().min(1).max(1_000_000).default(500),
    events: z.number().int().min(1).max(100_000).default(60),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    /** First day of the window events are spread over. */
    from: isoDate.optional(),
    months: z.number().int().min(1).max(60).default(12),
    /** Share of doctors and events per region; normalised to sum to 1. */
    regions: z
      .object({ IN: z.number().min(0), US: z.number().min(0), EU: z.number().min(0) })
      .strict()
      .default({ IN: 0.5, US: 0.3, EU: 0.2 })
      .refine((r) => r.IN + r.US + r.EU > 0, 'at least one region needs a share above 0'),
    /** Share of events that carry one deliberate compliance problem (so reports have something true to find). */
    problemRate: z.number().min(0).max(0.5).default(0.1),
    /**
     * Plant the deliberate disclosure problems (an invalid NPI, a missing street, a payment under the Open
     * Payments threshold, an EU recipient without consent), so disclosure runs have something true to find.
     */
    disclosureProblems: z.boolean().default(true),
    invitationsPerEvent: z
      .object({ min: z.number().int().min(1), max: z.number().int().min(1) })
      .strict()
      .default({ min: 12, max: 40 })
      .refine((r) => r.min <= r.max, 'min must not exceed max'),
  })
  .strict();

export type SeedPlanInput = z.input<typeof seedPlanSchema>;
export type SeedPlan = z.output<typeof seedPlanSchema> & { from: string };

/** "events: Number must be at most 100000; regions.US: Expected number" — every problem with its path. */
export function formatPlanIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(plan)'}: ${issue.message}`);
}

/** Validates a plan; `today` fixes the default window (the six months before this month, and after). */
export function parseSeedPlan(input: unknown, today: Date): { plan: SeedPlan } | { problems: string[] } {
  const result = seedPlanSchema.safeParse(input);
  if (!result.success) return { problems: formatPlanIssues(result.error) };
  const from = result.data.from ?? defaultFrom(today);
  return { plan: { ...result.data, from } };
}

function defaultFrom(today: Date): string {
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 6, 1));
  return start.toISOString().slice(0, 10);
}
