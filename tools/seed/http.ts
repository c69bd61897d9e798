/** Calls of the public gateway API, as the staff UI and the child app make them. */
export interface Reply<T = any> {
  status: number;
  body: T;
}

export class Gateway {
  constructor(readonly base: string) {}

  async call<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    } catch (e) {
      throw new Error(`${method} ${path}: the gateway at ${this.base} does not answer (${(e as Error).message}); is the stack started (infra/services.sh status)?`);
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: body as T };
  }

  /** As `call`, but any status other than `expected` (default: any 2xx) is an error naming the call and the problem. */
  async must<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string>; expected?: number } = {}): Promise<T> {
    const r = await this.call<T>(method, path, opts);
    const ok = opts.expected === undefined ? r.status >= 200 && r.status < 300 : r.status === opts.expected;
    if (!ok) throw new Error(`${method} ${path}: ${r.status} ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`);
    return r.body;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` until it returns a value (not undefined), or fails after `timeoutMs` naming `what`. */
export async function waitUntil<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>, everyMs = 200): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}
