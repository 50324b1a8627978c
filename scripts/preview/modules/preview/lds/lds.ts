// The preview's Lightning Data Service core: calls to the local org's UI API (same origin; the
// preview server adds the chosen user's session) and change notification, so every wire showing a
// record is refreshed after a write, as LDS does with its cache.

export const API = '/services/data/v66.0';

/** What LDS rejects with and what wires report as `error`: a fetch response with the parsed body. */
export interface FetchError {
  ok: false;
  status: number;
  statusText: string;
  body: unknown;
}

export async function apiFetch(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${API}/${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error: FetchError = { ok: false, status: response.status, statusText: response.statusText, body };
    throw error;
  }
  return body;
}

const objectInfos = new Map<string, Promise<unknown>>();

/**
 * An object's describe from ui-api/object-info, fetched once per page load (object metadata does
 * not change while the preview runs; record writes do not touch it).
 */
export function objectInfoOf(apiName: string): Promise<unknown> {
  let info = objectInfos.get(apiName);
  if (!info) {
    info = apiFetch(`ui-api/object-info/${apiName}`);
    // A failed fetch is not remembered.
    info.catch(() => objectInfos.delete(apiName));
    objectInfos.set(apiName, info);
  }
  return info;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Calls `listener` after any record write; returns the unsubscribe function. */
export function onRecordsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function recordsChanged(): void {
  for (const listener of [...listeners]) listener();
}

/** A wire adapter whose value is fetched from the UI API and fetched again after record writes. */
export class RefreshingAdapter<Config, Value> {
  protected readonly emit: (value: Value) => void;
  protected config?: Config;
  private unsubscribe?: () => void;
  private generation = 0;

  constructor(dataCallback: (value: Value) => void) {
    this.emit = dataCallback;
  }

  /** Whether the config names enough to fetch (wires start with undefined reactive values). */
  protected ready(_config: Config): boolean {
    return false;
  }

  protected load(_config: Config): Promise<Value> {
    return Promise.reject(new Error('RefreshingAdapter.load is not implemented'));
  }

  protected failed(_error: unknown): Value {
    throw new Error('RefreshingAdapter.failed is not implemented');
  }

  update(config: Config): void {
    this.config = config;
    void this.refresh();
  }

  connect(): void {
    this.unsubscribe = onRecordsChanged(() => void this.refresh());
  }

  disconnect(): void {
    this.unsubscribe?.();
  }

  async refresh(): Promise<void> {
    const config = this.config;
    if (!config || !this.ready(config)) return;
    const mine = ++this.generation;
    let value: Value;
    try {
      value = await this.load(config);
    } catch (error) {
      value = this.failed(error);
    }
    // A later config or refresh superseded this answer.
    if (mine === this.generation) this.emit(value);
  }
}
