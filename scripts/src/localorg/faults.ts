// Opt-in fault injection and API-call accounting, for tests and benchmarks of retry logic.
// Faults are drawn from a seeded generator, so a run with the same seed fails the same calls.

export type FaultKind = 'unavailable' | 'limit' | 'session' | 'lock' | 'drop';
export const FAULT_KINDS: FaultKind[] = ['unavailable', 'limit', 'session', 'lock', 'drop'];

export interface FaultOptions {
  /** Share of API calls that fail, 0–1. */
  rate: number;
  seed: number;
  kinds: FaultKind[];
  /** Added to every API call, in milliseconds. */
  latencyMs: number;
}

export interface Fault {
  kind: FaultKind;
  status: number;
  errorCode: string;
  message: string;
}

const FAULTS: Record<FaultKind, Omit<Fault, 'kind'>> = {
  unavailable: {
    status: 503,
    errorCode: 'SERVER_UNAVAILABLE',
    message: 'Server temporarily unavailable, please try again later.',
  },
  limit: { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' },
  session: { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' },
  lock: {
    status: 400,
    errorCode: 'UNABLE_TO_LOCK_ROW',
    message: 'unable to obtain exclusive access to this record or 1 records',
  },
  drop: { status: 0, errorCode: 'CONNECTION_DROPPED', message: 'connection dropped' },
};

/** mulberry32: small, fast, good enough for choosing which calls fail. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private options: FaultOptions;
  private random: () => number;
  readonly injected: Record<string, number> = {};

  constructor(options: Partial<FaultOptions> = {}) {
    this.options = { rate: 0, seed: 1, kinds: [...FAULT_KINDS], latencyMs: 0, ...options };
    this.random = generator(this.options.seed);
  }

  configure(options: Partial<FaultOptions>): FaultOptions {
    this.options = { ...this.options, ...options };
    if (options.seed !== undefined) this.random = generator(options.seed);
    return this.options;
  }

  get settings(): FaultOptions {
    return { ...this.options };
  }

  /** The fault for this call, if it draws one. Lock faults only hit writes, as on Salesforce. */
  draw(isWrite: boolean): Fault | undefined {
    if (this.options.rate <= 0 || this.random() >= this.options.rate) return undefined;
    const kinds = this.options.kinds.filter((k) => k !== 'lock' || isWrite);
    if (!kinds.length) return undefined;
    const kind = kinds[Math.floor(this.random() * kinds.length)];
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
    return { kind, ...FAULTS[kind] };
  }
}

/** API calls by kind, as a test or benchmark needs to assert them. */
export class ApiCounter {
  readonly byKind: Record<string, number> = {};
  total = 0;

  count(kind: string): void {
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.total++;
  }

  reset(): void {
    for (const k of Object.keys(this.byKind)) delete this.byKind[k];
    this.total = 0;
  }
}
