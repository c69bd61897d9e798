import type { Answer, QuestionnaireContent } from './model';
import { SPEECH_LANG } from './i18n';
import type { Locale } from './flow';

/** Browser-facing helpers: configuration, the child API, storage, quick exit and read-aloud. */

export interface ChildConfig {
  gatewayUrl: string;
  /** Where quick exit goes (replacing the page, so Back does not return). */
  neutralUrl: string;
  /** Origins allowed to post preview content (the staff UI). */
  previewOrigins: string[];
  /** Base URL of recorded read-aloud files: `${assetBaseUrl}/${audioKey}.mp3`. */
  assetBaseUrl: string;
  idleMinutes: number;
  idleWarningSeconds: number;
  /** Base URL of an OTLP/HTTP collector (or Zipkin); when set, calls to the gateway are traced (W3C traceparent). */
  telemetryUrl?: string;
  /** Protocol of telemetryUrl: `otlp` (default) or `zipkin` (the local Zipkin in development). */
  telemetryFormat?: 'otlp' | 'zipkin';
}

export const DEFAULT_CONFIG: ChildConfig = {
  gatewayUrl: '',
  neutralUrl: 'https://www.google.com/search?q=v%C3%A4der',
  previewOrigins: [],
  assetBaseUrl: '/assets',
  idleMinutes: 10,
  idleWarningSeconds: 60,
};

export async function loadConfig(): Promise<ChildConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (!res.ok) return DEFAULT_CONFIG;
    return { ...DEFAULT_CONFIG, ...((await res.json()) as Partial<ChildConfig>) };
  } catch {
    return DEFAULT_CONFIG;
  }
}

/**
 * Starts browser tracing in its own lazily loaded chunk, only when a collector is configured
 * (and its format is one the app speaks: tracing is optional, so an unknown one turns it off).
 */
export function startTracing(cfg: ChildConfig): void {
  if (!cfg.telemetryUrl) return;
  const format = cfg.telemetryFormat || 'otlp';
  if (format !== 'otlp' && format !== 'zipkin') return;
  void import('@delaktig/web-telemetry')
    .then((t) =>
      t.startBrowserTracing({ serviceName: 'child-web', collectorUrl: cfg.telemetryUrl as string, telemetryFormat: format, propagateTo: [cfg.gatewayUrl] }),
    )
    .catch(() => undefined);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly body: Record<string, unknown>,
  ) {
    super(`HTTP ${status} ${code ?? ''}`);
  }
}

export interface SessionOpened {
  sessionToken: string;
  expiresAt: string;
  invitation?: { ageBand: string; language: Locale; questionnaireVersionId: string; answering: boolean };
}
/** A young person's BankID sign-in (12–18, where the district has it on). */
export interface BankIdOrderView {
  orderId: string;
  state: 'pending' | 'failed' | 'complete';
  hintCode: string | null;
  message: string | null;
  messageEn: string | null;
  qrSvg: string | null;
  autostartUrl: string | null;
  session: SessionOpened | null;
}
export interface ResponseState {
  status: 'not-started' | 'draft' | 'submitted';
  answers: Answer[];
  position: string | null;
  submittedAt: string | null;
}
export interface Feedback {
  items: { id: string; text: string; givenAt: string }[];
  rating: string | null;
}

/** The child API of the gateway (ADR 0009). Never cached by the browser. */
export class ChildApi {
  token: string | null = null;
  constructor(private readonly base: string) {}

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.token) h['authorization'] = `Bearer ${this.token}`;
    const res = await fetch(`${this.base}/api/v1/child/${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      /* not JSON */
    }
    if (!res.ok) throw new ApiError(res.status, typeof json['code'] === 'string' ? json['code'] : undefined, json);
    return json as T;
  }

  openSession(token: string, code: string) {
    return this.call<SessionOpened>('POST', 'session', { token, code });
  }
  refresh() {
    return this.call<SessionOpened>('POST', 'session/refresh', {});
  }
  methods(token: string) {
    return this.call<{ code: true; bankId: boolean }>('POST', 'session/methods', { token });
  }
  startBankId(token: string) {
    return this.call<BankIdOrderView>('POST', 'session/bankid', { token });
  }
  collectBankId(orderId: string) {
    return this.call<BankIdOrderView>('POST', 'session/bankid/collect', { orderId });
  }
  cancelBankId(orderId: string) {
    return this.call<BankIdOrderView>('POST', 'session/bankid/cancel', { orderId });
  }
  questionnaire() {
    return this.call<{ versionId: string; ageBand: string; content: QuestionnaireContent }>('GET', 'questionnaire');
  }
  response() {
    return this.call<ResponseState>('GET', 'response');
  }
  saveDraft(answers: Answer[], position: string | null) {
    return this.call<{ savedAt: string; safety: { questionId: string }[] }>('PUT', 'response/draft', { answers, position });
  }
  submit(answers: Answer[], idempotencyKey: string) {
    return this.call<{ responseId: string; submittedAt: string; safetyRaised: boolean }>('POST', 'response/submit', { answers }, { 'idempotency-key': idempotencyKey });
  }
  feedback() {
    return this.call<Feedback>('GET', 'feedback');
  }
  rate(rating: string) {
    return this.call<unknown>('POST', 'feedback/rating', { rating });
  }
}

/** Everything the app keeps in the browser lives under this prefix, in sessionStorage only. */
export const STORAGE_PREFIX = 'dk.';

export function storeGet<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
export function storeSet(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
  } catch {
    /* storage may be off: the app still works in memory */
  }
}

export function storeRemove(key: string): void {
  try {
    sessionStorage.removeItem(STORAGE_PREFIX + key);
  } catch {
    /* storage may be off */
  }
}

/** Removes every key of the app from sessionStorage and localStorage. */
export function clearStorage(): void {
  for (const s of [sessionStorage, localStorage]) {
    try {
      for (const k of Object.keys(s)) if (k.startsWith(STORAGE_PREFIX)) s.removeItem(k);
    } catch {
      /* ignore */
    }
  }
}

/**
 * Quick exit: stop reading aloud, forget everything, blank the page and replace it with a
 * neutral site. `location.replace` swaps the current history entry, so Back does not return.
 */
export function quickExit(neutralUrl: string): void {
  stopSpeaking();
  clearStorage();
  document.title = '';
  document.body.replaceChildren();
  location.replace(neutralUrl);
}

let audio: HTMLAudioElement | null = null;

export function canSynthesize(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
}

export function stopSpeaking(): void {
  try {
    audio?.pause();
    audio = null;
    if (canSynthesize()) speechSynthesis.cancel();
  } catch {
    /* ignore */
  }
}

/** Reads a text aloud: its recorded audio when there is one, else the browser's voice for its language. Only on request. */
export function speak(text: string, lang: Locale, audioUrl?: string): void {
  stopSpeaking();
  const synth = () => {
    if (!canSynthesize()) return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = SPEECH_LANG[lang];
    const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
    if (voice) u.voice = voice;
    speechSynthesis.speak(u);
  };
  if (audioUrl) {
    audio = new Audio(audioUrl);
    audio.play().catch(synth);
  } else synth();
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
