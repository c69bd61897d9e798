import { ChangeDetectionStrategy, Component, Injector, OnDestroy, OnInit, afterNextRender, computed, inject, signal } from '@angular/core';
import type { AnswerValue, Question, QuestionnaireContent, QuestionOption } from './model';
import {
  type Drafts,
  type Locale,
  LOCALES,
  RTL_LOCALES,
  allQuestions,
  buildAnswers,
  chosenSafety,
  draftsFrom,
  nextId,
  normaliseCode,
  previousId,
  progress,
  resolveText,
  resumeAt,
  visibleQuestions,
} from './flow';
import { NATIVE_NAMES, type StringKey, type Strings, fill, loadStrings, sv } from './i18n';
import { Icon } from './icon';
import {
  ApiError,
  ChildApi,
  type ChildConfig,
  DEFAULT_CONFIG,
  type BankIdOrderView,
  type Feedback,
  type SessionOpened,
  canSynthesize,
  clearStorage,
  loadConfig,
  newIdempotencyKey,
  quickExit,
  speak,
  startTracing,
  stopSpeaking,
  storeGet,
  storeRemove,
  storeSet,
} from './platform';

type Screen = 'loading' | 'code' | 'intro' | 'question' | 'review' | 'thanks' | 'feedback' | 'preview-wait';
type Text = Parameters<typeof resolveText>[0];
/** A BankID sign-in in progress, kept so that returning from the BankID app (a reload) continues it. */
interface StoredBankId {
  link: string;
  orderId: string;
  autostartUrl: string | null;
}
/** What the BankID panel shows. */
interface BankIdPanel {
  orderId: string | null;
  state: 'starting' | 'pending' | 'failed';
  message: string | null;
  messageLang: 'sv' | 'en';
  qr: string | null;
  autostartUrl: string | null;
}
interface Stored {
  link: string;
  token: string;
  expiresAt: string;
  locale: Locale;
  idem?: string;
}

/**
 * The children's answering app: one small component, a screen state machine (no router) and
 * hand-rolled i18n, so the initial JavaScript stays far below 60 KB gzipped. The app never
 * adds a history entry: the link's fragment stays as it was, so quick exit (location.replace)
 * leaves nothing to go Back to.
 */
@Component({
  selector: 'dk-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  templateUrl: './app.html',
  host: { '(document:keydown)': 'onKey($event)', '(document:pointerdown)': 'activity()', '(document:input)': 'activity()' },
})
export class App implements OnInit, OnDestroy {
  private readonly injector = inject(Injector);
  protected readonly locales = LOCALES;
  protected readonly nativeNames = NATIVE_NAMES;
  protected readonly canSpeak = canSynthesize();

  protected cfg: ChildConfig = DEFAULT_CONFIG;
  private api = new ChildApi('');
  protected readonly preview = signal(false);
  protected readonly screen = signal<Screen>('loading');
  protected readonly locale = signal<Locale>('sv');
  protected readonly s = signal<Strings>(sv);
  private link = '';
  private expiresAt = 0;
  private idem: string | undefined;
  private invitationLang: Locale = 'sv';

  protected readonly content = signal<QuestionnaireContent | null>(null);
  protected readonly drafts = signal<Drafts>({});
  protected readonly currentId = signal<string | null>(null);
  protected readonly resumed = signal(false);
  private fromReview = false;

  protected readonly code = signal('');
  protected readonly codeError = signal<{ key: StringKey; n?: number; final?: boolean } | null>(null);
  protected readonly busy = signal(false);
  protected readonly saveState = signal<'idle' | 'saved' | 'failed'>('idle');
  protected readonly submitError = signal(false);
  protected readonly feedback = signal<Feedback | null>(null);
  protected readonly rating = signal<string | null>(null);
  protected readonly ratingSent = signal(false);
  protected readonly idleLeft = signal<number | null>(null);
  /** BankID for young people: offered when the link allows it; the panel while signing in. */
  protected readonly bankIdAvailable = signal(false);
  protected readonly bankId = signal<BankIdPanel | null>(null);
  private bankIdTimer: ReturnType<typeof setTimeout> | undefined;

  private lastActivity = Date.now();
  private ticker: ReturnType<typeof setInterval> | undefined;
  private saving = false;
  private saveAgain = false;
  private readonly onMessage = (e: MessageEvent) => this.previewMessage(e);

  protected readonly visible = computed(() => {
    const c = this.content();
    return c ? visibleQuestions(c, this.drafts()) : [];
  });
  protected readonly question = computed<Question | null>(() => {
    const c = this.content();
    const id = this.currentId();
    return (c && allQuestions(c).find((f) => f.question.id === id)?.question) ?? null;
  });
  protected readonly areaTitle = computed(() => {
    const c = this.content();
    const id = this.currentId();
    const f = c && allQuestions(c).find((x) => x.question.id === id);
    return f && c ? this.tx(c.areas[f.areaIndex].title) : null;
  });
  protected readonly pos = computed(() => {
    const c = this.content();
    const id = this.currentId();
    return c && id ? progress(c, this.drafts(), id) : { index: 0, total: 0 };
  });
  protected readonly draft = computed(() => {
    const id = this.currentId();
    return id ? this.drafts()[id] : undefined;
  });
  protected readonly showSafety = computed(() => {
    const q = this.question();
    return !!q && chosenSafety(q, this.draft());
  });

  async ngOnInit(): Promise<void> {
    document.title = sv.title;
    this.cfg = await loadConfig();
    startTracing(this.cfg);
    this.api = new ChildApi(this.cfg.gatewayUrl.replace(/\/+$/, ''));
    const hash = location.hash;
    if (hash.startsWith('#/preview')) {
      this.preview.set(true);
      window.addEventListener('message', this.onMessage);
      this.go('preview-wait');
      // Tell the editor (the framing page, or the opener of a preview window) that we listen.
      const host = window.parent !== window ? window.parent : (window.opener as Window | null);
      for (const origin of this.cfg.previewOrigins) {
        try {
          host?.postMessage({ type: 'delaktig-preview-ready' }, origin);
        } catch {
          /* not opened by that origin */
        }
      }
      return;
    }
    const m = /^#\/i\/([A-Za-z0-9_-]{8,200})/.exec(hash);
    this.link = m?.[1] ?? '';
    const stored = storeGet<Stored>('session');
    if (stored && stored.link === this.link && Date.parse(stored.expiresAt) > Date.now()) {
      await this.setLocale(stored.locale);
      this.idem = stored.idem;
      this.startSession(stored.token, stored.expiresAt);
      await this.loadAfterSession();
      return;
    }
    const pendingBankId = storeGet<StoredBankId>('bankid');
    clearStorage();
    if (!this.link) this.codeError.set({ key: 'noLink', final: true });
    this.go('code');
    if (this.link) void this.checkMethods(pendingBankId?.link === this.link ? pendingBankId : null);
  }

  ngOnDestroy(): void {
    window.removeEventListener('message', this.onMessage);
    clearInterval(this.ticker);
    clearTimeout(this.bankIdTimer);
  }

  // ---- texts ------------------------------------------------------------------------------
  protected t(key: StringKey, params?: Record<string, string | number>): string {
    return fill(this.s()[key], params);
  }
  /** A questionnaire text in the chosen language (or a fallback), with its real language. */
  protected tx(text: Text) {
    return resolveText(text, this.locale(), [this.invitationLang, 'sv', 'en']);
  }
  /** `dir` for a text whose language differs from the page's. */
  protected dirOf(lang: Locale): string | null {
    if (lang === this.locale()) return null;
    return RTL_LOCALES.includes(lang) ? 'rtl' : 'ltr';
  }
  protected readonly rtl = computed(() => RTL_LOCALES.includes(this.locale()));

  async setLocale(l: Locale): Promise<void> {
    if (!LOCALES.includes(l)) return;
    // A quick second choice wins even when the first language's texts arrive later.
    const request = ++this.localeRequest;
    const strings = await loadStrings(l);
    if (request !== this.localeRequest) return;
    this.s.set(strings);
    this.locale.set(l);
    const html = document.documentElement;
    html.lang = l;
    html.dir = RTL_LOCALES.includes(l) ? 'rtl' : 'ltr';
    document.title = strings.title;
    this.persist();
  }
  private localeRequest = 0;
  protected onLocale(e: Event): void {
    void this.setLocale((e.target as HTMLSelectElement).value as Locale);
  }

  // ---- read aloud -------------------------------------------------------------------------
  protected read(text: Text | string, lang?: Locale): void {
    if (typeof text === 'string') return speak(text, lang ?? this.locale());
    const r = this.tx(text);
    speak(r.text, r.lang, r.audio ? `${this.cfg.assetBaseUrl.replace(/\/+$/, '')}/${r.audio}.mp3` : undefined);
  }
  protected hasAudio(text: Text): boolean {
    return this.canSpeak || !!this.tx(text).audio;
  }

  // ---- navigation -------------------------------------------------------------------------
  private go(screen: Screen): void {
    stopSpeaking();
    this.screen.set(screen);
    afterNextRender({ write: () => (document.getElementById('main-h') as HTMLElement | null)?.focus() }, { injector: this.injector });
  }
  protected start(): void {
    const c = this.content();
    if (!c) return;
    const id = this.currentId() ?? nextId(c, this.drafts(), null);
    this.currentId.set(id);
    this.go(id ? 'question' : 'review');
  }
  protected next(): void {
    const c = this.content();
    if (!c) return;
    if (this.fromReview) {
      this.fromReview = false;
      this.save();
      return this.go('review');
    }
    const id = nextId(c, this.drafts(), this.currentId());
    if (id) {
      this.currentId.set(id);
      this.save();
      this.go('question');
    } else {
      this.save();
      this.go('review');
    }
  }
  protected back(): void {
    const c = this.content();
    if (!c) return;
    this.fromReview = false;
    if (this.screen() === 'review') {
      const last = previousId(c, this.drafts(), null);
      if (last) this.currentId.set(last);
      return this.go(last ? 'question' : 'intro');
    }
    const id = previousId(c, this.drafts(), this.currentId());
    this.save();
    if (id) {
      this.currentId.set(id);
      this.go('question');
    } else this.go('intro');
  }
  protected edit(id: string): void {
    this.currentId.set(id);
    this.fromReview = true;
    this.go('question');
  }

  // ---- answering --------------------------------------------------------------------------
  private setDraft(id: string, patch: { value?: AnswerValue | undefined; wantsToTalk?: boolean }): void {
    this.drafts.update((d) => ({ ...d, [id]: { ...d[id], ...patch } }));
  }
  protected choose(q: Question, o: { id: string }): void {
    this.setDraft(q.id, { value: { kind: 'option', optionId: o.id } });
    this.save();
  }
  protected toggle(q: Question, o: QuestionOption, on: boolean): void {
    const v = this.drafts()[q.id]?.value;
    const ids = v?.kind === 'options' ? v.optionIds : [];
    const next = on ? [...ids.filter((x) => x !== o.id), o.id] : ids.filter((x) => x !== o.id);
    this.setDraft(q.id, { value: next.length ? { kind: 'options', optionIds: next } : undefined });
    this.save();
  }
  protected flag(q: Question, on: boolean): void {
    this.setDraft(q.id, { value: { kind: 'flag', on } });
    this.save();
  }
  protected typed(q: Question, e: Event): void {
    const text = (e.target as HTMLTextAreaElement).value;
    this.setDraft(q.id, { value: text.trim() ? { kind: 'text', text } : undefined });
  }
  protected decline(q: Question): void {
    this.setDraft(q.id, { value: { kind: 'declined' } });
    this.next();
  }
  protected talk(q: Question): void {
    this.setDraft(q.id, { wantsToTalk: !this.drafts()[q.id]?.wantsToTalk });
    this.save();
  }
  protected isChosen(q: Question, optionId: string): boolean {
    const v = this.drafts()[q.id]?.value;
    return v?.kind === 'option' ? v.optionId === optionId : v?.kind === 'options' ? v.optionIds.includes(optionId) : false;
  }
  protected flagOn(q: Question): boolean | null {
    const v = this.drafts()[q.id]?.value;
    return v?.kind === 'flag' ? v.on : null;
  }
  protected textOf(q: Question): string {
    const v = this.drafts()[q.id]?.value;
    return v?.kind === 'text' ? v.text : '';
  }
  protected options(q: Question): QuestionOption[] {
    return 'options' in q ? q.options : [];
  }
  protected maxLength(q: Question): number {
    return q.type === 'free-text' ? (q.maxLength ?? 500) : 500;
  }
  /** The answer as the review screen shows it. */
  protected summary(q: Question): { text: string; lang: Locale } {
    const v = this.drafts()[q.id]?.value;
    const own = (key: StringKey) => ({ text: this.t(key), lang: this.locale() });
    if (!v) return own('notAnswered');
    if (v.kind === 'declined') return own('decline');
    if (v.kind === 'flag') return own(v.on ? 'flagYes' : 'flagNo');
    if (v.kind === 'text') return { text: v.text, lang: this.locale() };
    const ids = v.kind === 'option' ? [v.optionId] : v.optionIds;
    const labels = this.options(q)
      .filter((o) => ids.includes(o.id))
      .map((o) => this.tx(o.label));
    return { text: labels.map((l) => l.text).join(', '), lang: labels[0]?.lang ?? this.locale() };
  }

  // ---- saving -----------------------------------------------------------------------------
  /** Saves the draft as the child goes; one request at a time, the newest state wins. */
  private save(): void {
    if (this.preview() || !this.api.token) return;
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    const c = this.content();
    if (!c) return;
    this.saving = true;
    // "Sparat" only once this state is saved (not while a newer one is on its way).
    this.saveState.set('idle');
    this.api
      .saveDraft(buildAnswers(c, this.drafts()), this.currentId())
      .then(() => this.saveState.set('saved'))
      .catch((e: unknown) => {
        this.saveState.set('failed');
        this.handleAuth(e);
      })
      .finally(() => {
        this.saving = false;
        if (this.saveAgain) {
          this.saveAgain = false;
          this.save();
        }
      });
  }

  protected async submit(): Promise<void> {
    const c = this.content();
    if (!c || this.busy()) return;
    this.submitError.set(false);
    if (this.preview()) return this.go('thanks');
    this.busy.set(true);
    this.idem ??= newIdempotencyKey();
    this.persist();
    try {
      await this.api.submit(buildAnswers(c, this.drafts()), this.idem);
      this.done();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'response-already-submitted') this.done();
      else if (!this.handleAuth(e)) this.submitError.set(true);
    } finally {
      this.busy.set(false);
    }
  }
  private done(): void {
    this.idem = undefined;
    this.persist();
    this.go('thanks');
  }

  // ---- session ----------------------------------------------------------------------------
  protected onCode(e: Event): void {
    this.code.set((e.target as HTMLInputElement).value);
  }
  protected async openSession(ev?: Event): Promise<void> {
    ev?.preventDefault();
    if (this.busy() || this.codeError()?.final) return;
    const code = normaliseCode(this.code());
    if (!code) return this.codeError.set({ key: 'codeEmpty' });
    this.busy.set(true);
    this.codeError.set(null);
    try {
      await this.opened(await this.api.openSession(this.link, code));
    } catch (e) {
      this.codeError.set(this.codeProblem(e));
      afterNextRender({ write: () => document.getElementById('code')?.focus() }, { injector: this.injector });
    } finally {
      this.busy.set(false);
    }
  }
  /** In, with the right code or the young person's own BankID. */
  private async opened(s: SessionOpened): Promise<void> {
    if (s.invitation?.language && LOCALES.includes(s.invitation.language)) {
      this.invitationLang = s.invitation.language;
      if (this.locale() === 'sv') await this.setLocale(s.invitation.language);
    }
    this.startSession(s.sessionToken, s.expiresAt);
    this.code.set('');
    await this.loadAfterSession();
  }

  // ---- BankID (12–18, where the district has it on) ----------------------------------------
  private async checkMethods(pending: StoredBankId | null): Promise<void> {
    try {
      const m = await this.api.methods(this.link);
      this.bankIdAvailable.set(m.bankId);
      if (m.bankId && pending) {
        // Back from the BankID app on this device: carry on with the same order.
        storeSet('bankid', pending);
        this.bankId.set({ orderId: pending.orderId, state: 'pending', message: null, messageLang: 'sv', qr: null, autostartUrl: pending.autostartUrl });
        this.pollBankId(0);
      }
    } catch {
      this.bankIdAvailable.set(false);
    }
  }
  protected async startBankId(): Promise<void> {
    if (this.busy()) return;
    this.stopBankId();
    this.codeError.set(null);
    this.bankId.set({ orderId: null, state: 'starting', message: null, messageLang: 'sv', qr: null, autostartUrl: null });
    this.focusLater('main-h');
    try {
      const v = await this.api.startBankId(this.link);
      if (v.state === 'pending') storeSet('bankid', { link: this.link, orderId: v.orderId, autostartUrl: v.autostartUrl } satisfies StoredBankId);
      this.showBankId(v);
    } catch (e) {
      this.bankIdEnded(e);
    }
  }
  private pollBankId(delay = 1000): void {
    clearTimeout(this.bankIdTimer);
    this.bankIdTimer = setTimeout(() => void this.collectBankId(), delay);
  }
  private async collectBankId(): Promise<void> {
    const orderId = this.bankId()?.orderId;
    if (!orderId) return;
    try {
      const v = await this.api.collectBankId(orderId);
      if (this.bankId()?.orderId !== orderId) return;
      if (v.state === 'complete' && v.session) {
        this.stopBankId();
        this.bankId.set(null);
        await this.opened(v.session);
        return;
      }
      this.showBankId(v);
    } catch (e) {
      if (this.bankId()?.orderId === orderId) this.bankIdEnded(e);
    }
  }
  private showBankId(v: BankIdOrderView): void {
    const en = this.locale() !== 'sv';
    const pending = v.state === 'pending';
    this.bankId.set({
      orderId: v.orderId,
      state: pending ? 'pending' : 'failed',
      message: (en ? v.messageEn : v.message) ?? (pending ? null : this.t('netError')),
      messageLang: en ? 'en' : 'sv',
      qr: v.qrSvg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(v.qrSvg)}` : null,
      autostartUrl: v.autostartUrl ?? this.bankId()?.autostartUrl ?? null,
    });
    if (pending) this.pollBankId();
    else this.stopBankId();
  }
  private bankIdEnded(e: unknown): void {
    this.stopBankId();
    const problem = this.codeProblem(e);
    if (problem.final || problem.key === 'bankIdUnavailable') {
      this.bankId.set(null);
      this.codeError.set(problem);
      return;
    }
    this.bankId.set({ orderId: null, state: 'failed', message: this.t(problem.key, { n: problem.n ?? 0 }), messageLang: this.locale() === 'sv' ? 'sv' : 'en', qr: null, autostartUrl: null });
  }
  private stopBankId(): void {
    clearTimeout(this.bankIdTimer);
    this.bankIdTimer = undefined;
    storeRemove('bankid');
  }
  protected async cancelBankId(): Promise<void> {
    const orderId = this.bankId()?.orderId;
    this.stopBankId();
    this.bankId.set(null);
    this.focusLater('bankid-start');
    if (orderId) await this.api.cancelBankId(orderId).catch(() => undefined);
  }
  protected useCode(): void {
    this.stopBankId();
    this.bankId.set(null);
    this.focusLater('code');
  }
  private focusLater(id: string): void {
    afterNextRender({ write: () => document.getElementById(id)?.focus() }, { injector: this.injector });
  }

  private codeProblem(e: unknown): { key: StringKey; n?: number; final?: boolean } {
    if (!(e instanceof ApiError)) return { key: 'netError' };
    switch (e.code) {
      case 'child-access-wrong-code':
      {
        const n = Number(e.body['attemptsLeft'] ?? 0);
        return n === 1 ? { key: 'codeWrongLast' } : { key: 'codeWrong', n };
      }
      case 'child-access-locked':
        return { key: 'codeLocked', final: true };
      case 'child-access-expired':
        return { key: 'codeExpired', final: true };
      case 'child-access-revoked':
        return { key: 'codeRevoked', final: true };
      case 'child-access-not-found':
        return { key: 'codeUnknown', final: true };
      case 'child-bankid-unavailable':
        this.bankIdAvailable.set(false);
        return { key: 'bankIdUnavailable' };
      case 'child-bankid-order-not-found':
        return { key: 'bankIdGone' };
    }
    if (e.status === 429) return { key: 'tooFast' };
    if (e.status === 404) return { key: 'codeUnknown', final: true };
    if (e.status === 423) return { key: 'codeLocked', final: true };
    if (e.status === 410) return { key: 'codeExpired', final: true };
    return { key: 'netError' };
  }

  private startSession(token: string, expiresAt: string): void {
    this.api.token = token;
    this.expiresAt = Date.parse(expiresAt);
    this.persist();
    this.lastActivity = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.tick(), 1000);
  }
  private persist(): void {
    if (this.preview() || !this.api.token) return;
    const value: Stored = { link: this.link, token: this.api.token, expiresAt: new Date(this.expiresAt).toISOString(), locale: this.locale(), idem: this.idem };
    storeSet('session', value);
  }

  private async loadAfterSession(): Promise<void> {
    this.go('loading');
    try {
      const r = await retryNotReady(() => this.api.response());
      if (r.status === 'submitted') {
        await this.loadFeedback();
        return;
      }
      const q = await retryNotReady(() => this.api.questionnaire());
      const drafts = draftsFrom(r.answers ?? []);
      this.content.set(q.content);
      this.drafts.set(drafts);
      this.resumed.set(r.status === 'draft' && (r.answers?.length ?? 0) > 0);
      this.currentId.set(r.status === 'draft' ? resumeAt(q.content, drafts, r.position) : null);
      this.go('intro');
    } catch (e) {
      if (!this.handleAuth(e)) {
        this.codeError.set(this.codeProblem(e));
        this.go('code');
      }
    }
  }
  private async loadFeedback(): Promise<void> {
    let f: Feedback = { items: [], rating: null };
    try {
      f = await this.api.feedback();
    } catch (e) {
      if (this.handleAuth(e)) return;
      // No feedback to show (yet): the screen says so in plain words.
    }
    this.feedback.set(f);
    this.rating.set(f.rating);
    this.ratingSent.set(!!f.rating);
    this.go('feedback');
  }
  protected async sendRating(): Promise<void> {
    const r = this.rating();
    if (!r || this.busy()) return;
    this.busy.set(true);
    try {
      if (!this.preview()) await this.api.rate(r);
      this.ratingSent.set(true);
    } catch (e) {
      if (!this.handleAuth(e)) this.submitError.set(true);
    } finally {
      this.busy.set(false);
    }
  }
  protected afterThanks(): void {
    if (this.preview()) return this.go('intro');
    void this.loadFeedback().catch(() => this.exit());
  }

  /**
   * A 401 means the session is over: back to the code, answers are safe on the server.
   * A 410 while answering means the invitation expired or was withdrawn meanwhile.
   */
  private handleAuth(e: unknown): boolean {
    if (!(e instanceof ApiError)) return false;
    if (e.status === 401) {
      this.endSession('idleEnded');
      return true;
    }
    if (e.status === 410) {
      this.endSession(e.code?.includes('revoked') ? 'codeRevoked' : 'codeExpired', true);
      return true;
    }
    return false;
  }
  private endSession(message: StringKey, final = false): void {
    clearInterval(this.ticker);
    this.api.token = null;
    this.content.set(null);
    this.drafts.set({});
    this.currentId.set(null);
    this.feedback.set(null);
    this.idleLeft.set(null);
    clearStorage();
    closeIdle();
    this.codeError.set({ key: message, final });
    this.go('code');
  }

  // ---- inactivity -------------------------------------------------------------------------
  protected activity(): void {
    if (this.idleLeft() === null) this.lastActivity = Date.now();
  }
  private tick(): void {
    const now = Date.now();
    const idleMs = this.cfg.idleMinutes * 60_000;
    const left = this.idleLeft();
    if (left !== null) {
      if (left <= 1) return this.endSession('idleEnded');
      this.idleLeft.set(left - 1);
      return;
    }
    if (now - this.lastActivity >= idleMs) {
      this.idleLeft.set(this.cfg.idleWarningSeconds);
      const d = document.getElementById('idle') as HTMLDialogElement | null;
      if (d && !d.open) {
        if (typeof d.showModal === 'function') d.showModal();
        else d.setAttribute('open', '');
      }
      return;
    }
    // Keep an active child's session fresh before it runs out.
    if (this.expiresAt - now < 3 * 60_000 && now - this.lastActivity < idleMs) void this.refresh();
  }
  private refreshing = false;
  private async refresh(): Promise<void> {
    if (this.refreshing || !this.api.token) return;
    this.refreshing = true;
    try {
      const s = await this.api.refresh();
      this.api.token = s.sessionToken;
      this.expiresAt = Date.parse(s.expiresAt);
      this.persist();
    } catch (e) {
      this.handleAuth(e);
    } finally {
      this.refreshing = false;
    }
  }
  protected stay(): void {
    this.idleLeft.set(null);
    this.lastActivity = Date.now();
    closeIdle();
    void this.refresh();
  }

  // ---- safety -----------------------------------------------------------------------------
  protected exit(): void {
    clearInterval(this.ticker);
    clearTimeout(this.bankIdTimer);
    this.api.token = null;
    this.content.set(null);
    this.drafts.set({});
    quickExit(this.cfg.neutralUrl);
  }
  protected onKey(e: KeyboardEvent): void {
    this.activity();
    if (e.key === 'Escape' && !e.defaultPrevented) {
      // The idle dialog's Escape means "I am still here", never an accidental exit.
      if (this.idleLeft() !== null) {
        e.preventDefault();
        return this.stay();
      }
      this.exit();
    }
  }

  // ---- preview ----------------------------------------------------------------------------
  private previewMessage(e: MessageEvent): void {
    if (!this.cfg.previewOrigins.includes(e.origin)) return;
    const d = e.data as { type?: string; content?: QuestionnaireContent; locale?: Locale; questionId?: string } | null;
    if (!d || d.type !== 'delaktig-preview' || !d.content || !Array.isArray(d.content.areas)) return;
    this.content.set(d.content);
    this.invitationLang = 'sv';
    const apply = async () => {
      if (d.locale && d.locale !== this.locale()) await this.setLocale(d.locale);
      const ids = allQuestions(d.content as QuestionnaireContent).map((f) => f.question.id);
      if (d.questionId && ids.includes(d.questionId)) {
        this.currentId.set(d.questionId);
        if (this.screen() !== 'question') this.go('question');
      } else if (this.screen() === 'preview-wait' || (this.screen() === 'question' && !ids.includes(this.currentId() ?? ''))) {
        this.currentId.set(null);
        this.drafts.set({});
        this.go('intro');
      }
    };
    void apply();
  }
}

function closeIdle(): void {
  const d = document.getElementById('idle') as HTMLDialogElement | null;
  if (!d) return;
  if (typeof d.close === 'function') d.close();
  d.removeAttribute('open');
}

/** Right after the code, the answering service may not know the invitation yet (503 response-not-ready): try again briefly. */
async function retryNotReady<T>(call: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 503 || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 500 * i));
    }
  }
}
