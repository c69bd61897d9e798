import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemMessage } from '../core/messages';
import { toProblem, type ProblemDetails } from '../core/problem';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import {
  AREAS,
  Issue,
  LOCALES,
  Locale,
  QUESTION_TYPES,
  Question,
  QuestionType,
  QuestionnaireContent,
  REQUIRED_LOCALES,
  TemplateView,
  VersionView,
  addOption,
  addQuestion,
  changeType,
  clone,
  completenessOf,
  earlierWithOptions,
  hasOptions,
  issuesAt,
  moveOption,
  moveQuestion,
  questionOfPath,
  removeOption,
  removeQuestion,
  setAudio,
  setField,
  setFreeText,
  setSafety,
  setShowWhen,
  setText,
} from './model';
import { PhonePreview } from './phone-preview';
import { QuestionnaireApi } from './questionnaire-api';
import { TextField } from './text-field';

type Selection = { ai: number; qi: number } | null;

/**
 * Edits the single draft of a questionnaire (central office) or shows a published version
 * read-only. Every change is previewed at once in the phone frame; the server validates on
 * save and its issues are shown at the field they name.
 */
@Component({
  selector: 'dk-questionnaire-editor',
  imports: [TranslocoPipe, RouterLink, MessagePipe, TextField, PhonePreview],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './questionnaire-editor.html',
  styleUrl: './questionnaire-editor.css',
})
export class QuestionnaireEditor {
  private readonly api = inject(QuestionnaireApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  protected readonly locales = LOCALES;
  protected readonly types = QUESTION_TYPES;
  protected readonly areaIds = AREAS;
  protected readonly hasOptions = hasOptions;

  readonly key = this.route.snapshot.paramMap.get('key') ?? '';
  /** `edit` = the draft; otherwise a version number to show read-only. */
  readonly mode: 'edit' | 'view' = this.route.snapshot.paramMap.get('version') ? 'view' : 'edit';
  private readonly versionParam = Number(this.route.snapshot.paramMap.get('version') ?? 0);

  protected readonly template = signal<TemplateView | null>(null);
  protected readonly view = signal<VersionView | null>(null);
  readonly content = signal<QuestionnaireContent | null>(null);
  private readonly savedJson = signal<string>('');
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadProblem = signal<ProblemDetails | null>(null);
  protected readonly saving = signal(false);
  protected readonly publishing = signal(false);
  protected readonly confirming = signal(false);
  protected readonly notice = signal<{ kind: 'ok' | 'error'; key: string; params?: Record<string, unknown>; problem?: ProblemDetails } | null>(null);
  /** Issues from the last save or publish attempt (paths into the content). */
  readonly serverIssues = signal<Issue[]>([]);

  readonly locale = signal<Locale>('sv');
  readonly selected = signal<Selection>(null);

  readonly canEdit = computed(() => this.mode === 'edit' && (this.session.me()?.roles ?? []).includes('central-analyst'));
  readonly readOnly = computed(() => !this.canEdit());
  readonly dirty = computed(() => this.content() !== null && JSON.stringify(this.content()) !== this.savedJson());
  /** A draft exists on the server (saved at least once). */
  protected readonly hasDraft = computed(() => this.view()?.status === 'draft');

  protected readonly issues = computed<Issue[]>(() => [...this.serverIssues(), ...(this.view()?.warnings ?? [])]);
  protected readonly completeness = computed(() => {
    const c = this.content();
    return c ? LOCALES.map((l) => completenessOf(c, l)) : [];
  });
  protected readonly current = computed(() => {
    const s = this.selected();
    const c = this.content();
    if (!s || !c) return null;
    const q = c.areas[s.ai]?.questions[s.qi];
    return q ? { ...s, q, path: `areas.${s.ai}.questions.${s.qi}` } : null;
  });
  protected readonly followUpCandidates = computed(() => {
    const s = this.selected();
    const c = this.content();
    return s && c ? earlierWithOptions(c, s.ai, s.qi) : [];
  });
  protected readonly followUpTarget = computed(() => {
    const q = this.current()?.q;
    return q?.showWhen ? this.followUpCandidates().find((x) => x.id === q.showWhen?.questionId) ?? null : null;
  });
  /** Blockers shown before publishing: the server's last word, or what the draft lacks in Swedish/English. */
  protected readonly blockers = computed<Issue[]>(() => {
    const v = this.view();
    return this.dirty() ? [] : [...this.serverIssues(), ...(v?.missingForPublishing ?? [])];
  });
  protected readonly usedAreas = computed(() => new Set(this.content()?.areas.map((a) => a.id) ?? []));

  constructor() {
    this.load();
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (this.dirty()) e.preventDefault();
    };
    this.document.defaultView?.addEventListener('beforeunload', beforeUnload);
    inject(DestroyRef).onDestroy(() => this.document.defaultView?.removeEventListener('beforeunload', beforeUnload));
  }

  /** Asked by the route guard before leaving. */
  confirmLeave(): boolean {
    return !this.dirty() || (this.document.defaultView?.confirm(this.i18n.t('questionnaires.unsavedConfirm')) ?? true);
  }

  load(): void {
    this.status.set('loading');
    this.api.list().subscribe({
      next: ({ items }) => {
        const t = items.find((x) => x.key === this.key);
        if (!t) {
          this.loadProblem.set({ status: 404 });
          this.status.set('error');
          return;
        }
        this.template.set(t);
        const draft = t.versions.find((v) => v.status === 'draft');
        const which = this.mode === 'view' ? this.versionParam : draft ? draft.version : 'latest';
        this.api.version(this.key, which).subscribe({
          next: (v) => this.loaded(v),
          error: (e: unknown) => this.failed(e),
        });
      },
      error: (e: unknown) => this.failed(e),
    });
  }

  private loaded(v: VersionView): void {
    this.view.set(v);
    this.content.set(v.content);
    this.savedJson.set(JSON.stringify(v.content));
    this.serverIssues.set([]);
    this.status.set('ready');
  }

  private failed(e: unknown): void {
    this.loadProblem.set(toProblem(e));
    this.status.set('error');
  }

  // ---- editing ------------------------------------------------------------------------

  private edit(fn: (c: QuestionnaireContent) => QuestionnaireContent): void {
    const c = this.content();
    if (!c || this.readOnly()) return;
    this.content.set(fn(c));
    this.notice.set(null);
  }

  setText(path: string, text: string): void {
    this.edit((c) => setText(c, path, this.locale(), text));
  }

  setAudio(path: string, audio: string): void {
    this.edit((c) => setAudio(c, path, this.locale(), audio));
  }

  setField(path: string, value: unknown): void {
    this.edit((c) => setField(c, path, value));
  }

  select(ai: number, qi: number): void {
    this.selected.set({ ai, qi });
  }

  moveQuestion(ai: number, qi: number, delta: -1 | 1, focusId?: string): void {
    this.edit((c) => moveQuestion(c, ai, qi, delta));
    const to = qi + delta;
    if (this.selected()?.ai === ai && this.selected()?.qi === qi) this.selected.set({ ai, qi: to });
    this.refocus(focusId ? `${focusId}-${to}` : undefined);
  }

  removeQuestion(ai: number, qi: number): void {
    const q = this.content()?.areas[ai]?.questions[qi];
    if (!q || !this.document.defaultView?.confirm(this.i18n.t('questionnaires.removeConfirm', { id: q.id }))) return;
    this.edit((c) => removeQuestion(c, ai, qi));
    this.selected.set(null);
  }

  addQuestion(ai: number, type: string): void {
    let index = 0;
    this.edit((c) => {
      const r = addQuestion(c, ai, type as QuestionType);
      index = r.index;
      return r.content;
    });
    this.selected.set({ ai, qi: index });
    this.refocus('question-editor-title');
  }

  addArea(id: string): void {
    if (!id) return;
    this.edit((c) => {
      const next = clone(c);
      next.areas.push({ id: id as QuestionnaireContent['areas'][number]['id'], title: {}, questions: [{ id: `${id}-talk`, type: 'talk-flag', text: {} }] });
      return next;
    });
  }

  changeType(type: string): void {
    const s = this.selected();
    if (s) this.edit((c) => changeType(c, s.ai, s.qi, type as QuestionType));
  }

  addOption(): void {
    const s = this.selected();
    if (s) this.edit((c) => addOption(c, s.ai, s.qi));
  }

  removeOption(oi: number): void {
    const s = this.selected();
    if (s) this.edit((c) => removeOption(c, s.ai, s.qi, oi));
  }

  moveOption(oi: number, delta: -1 | 1): void {
    const s = this.selected();
    if (s) this.edit((c) => moveOption(c, s.ai, s.qi, oi, delta));
    this.refocus(`option-${delta < 0 ? 'up' : 'down'}-${oi + delta}`);
  }

  setSafety(oi: number, on: boolean): void {
    const s = this.selected();
    if (s) this.edit((c) => setSafety(c, s.ai, s.qi, oi, on));
  }

  setFreeText(on: boolean): void {
    const s = this.selected();
    if (s) this.edit((c) => setFreeText(c, s.ai, s.qi, on));
  }

  setFollowUpQuestion(questionId: string): void {
    const s = this.selected();
    if (!s) return;
    this.edit((c) => setShowWhen(c, s.ai, s.qi, questionId ? { questionId, anyOf: [] } : null));
  }

  toggleFollowUpOption(optionId: string, on: boolean): void {
    const s = this.selected();
    const sw = this.current()?.q.showWhen;
    if (!s || !sw) return;
    const anyOf = on ? [...new Set([...sw.anyOf, optionId])] : sw.anyOf.filter((x) => x !== optionId);
    this.edit((c) => setShowWhen(c, s.ai, s.qi, { questionId: sw.questionId, anyOf }));
  }

  /** Jumps to the question an issue is about (from the issue list). */
  goToIssue(i: Issue): void {
    const q = questionOfPath(i.path);
    if (q) {
      this.selected.set(q);
      this.refocus('question-editor-title');
    }
    const locale = /\.(sv|en|ar|so|fa|ti|fi)(\.|$)/.exec(i.path)?.[1] as Locale | undefined;
    if (locale) this.locale.set(locale);
  }

  issuesAt(path: string): Issue[] {
    return issuesAt(this.issues(), path);
  }

  questionLabel(q: Question): string {
    const l = this.locale();
    return q.text[l]?.text || q.text.sv?.text || q.id;
  }

  isRequired(l: Locale): boolean {
    return REQUIRED_LOCALES.includes(l);
  }

  // ---- saving and publishing ------------------------------------------------------------

  save(): void {
    const c = this.content();
    if (!c || this.saving() || this.readOnly()) return;
    this.saving.set(true);
    this.api.saveDraft(this.key, c).subscribe({
      next: (v) => {
        this.saving.set(false);
        this.view.set(v);
        this.savedJson.set(JSON.stringify(c));
        this.serverIssues.set([]);
        this.notice.set({ kind: 'ok', key: 'questionnaires.saved', params: { version: v.version } });
      },
      error: (e: unknown) => {
        this.saving.set(false);
        const p = toProblem(e);
        this.serverIssues.set((p.errors ?? []).map((x) => ({ path: x.field, message: x.reason })));
        this.notice.set({ kind: 'error', key: p.errors?.length ? 'questionnaires.saveInvalid' : 'questionnaires.saveFailed', problem: p });
      },
    });
  }

  askPublish(): void {
    if (this.dirty() || !this.hasDraft()) return;
    this.confirming.set(true);
    this.refocus('publish-dialog-title');
  }

  cancelPublish(): void {
    this.confirming.set(false);
    this.refocus('publish-button');
  }

  publish(): void {
    if (this.publishing() || this.dirty()) return;
    this.publishing.set(true);
    this.api.publish(this.key).subscribe({
      next: (v) => {
        this.publishing.set(false);
        this.confirming.set(false);
        this.savedJson.set(JSON.stringify(this.content()));
        void this.router.navigate(['/questionnaires', this.key, 'versions', v.version], { state: { published: v.version } });
      },
      error: (e: unknown) => {
        this.publishing.set(false);
        const p = toProblem(e);
        this.serverIssues.set((p.errors ?? []).map((x) => ({ path: x.field, message: x.reason })));
        this.notice.set({ kind: 'error', key: 'questionnaires.publishFailed', problem: p });
      },
    });
  }

  protected readonly publishedNow = (this.router.currentNavigation()?.extras.state as { published?: number } | undefined)?.published ?? null;

  private refocus(id?: string): void {
    if (!id) return;
    setTimeout(() => this.document.getElementById(id)?.focus());
  }
}
