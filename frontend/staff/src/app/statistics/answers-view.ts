import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { CITY_DISTRICTS } from '../core/districts';
import { problemMessage } from '../core/messages';
import { toProblem, type ProblemDetails } from '../core/problem';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { AnswerChart } from './answer-chart';
import { AREAS, GENDERS, SPLITS, StatisticsApi, share, type AnswerFilters, type AnswerStatistics, type Cell, type SplitChoice } from './statistics-api';

/**
 * "Svar": how children answered, per area and question — the distribution as a chart and a
 * table, split side by side by gender, age, district, month, occasion or before/after; every
 * number as the server publishes it (protected, "<5" marked and explained); CSV and Excel
 * export of exactly what is on screen.
 */
@Component({
  selector: 'dk-answers-view',
  imports: [TranslocoPipe, MessagePipe, AnswerChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="filters" (submit)="$event.preventDefault(); load()" [attr.aria-label]="'statistics.answers.filters' | transloco">
      <label>
        {{ 'statistics.answers.period' | transloco }}
        <select data-testid="stat-months" (change)="set('months', +$any($event.target).value)">
          @for (m of [3, 6, 12, 24, 36]; track m) {
            <option [value]="m" [selected]="filters().months === m">{{ 'statistics.answers.lastMonths' | transloco: { n: m } }}</option>
          }
        </select>
      </label>
      <label>
        {{ 'statistics.answers.ageBand' | transloco }}
        <select data-testid="stat-age-band" (change)="set('ageBand', $any($event.target).value)">
          <option value="12-18" [selected]="filters().ageBand === '12-18'">12–18 {{ 'statistics.answers.years' | transloco }}</option>
          <option value="6-11" [selected]="filters().ageBand === '6-11'">6–11 {{ 'statistics.answers.years' | transloco }}</option>
        </select>
      </label>
      <label>
        {{ 'statistics.answers.area' | transloco }}
        <select data-testid="stat-area" (change)="set('area', $any($event.target).value)">
          @for (a of areas; track a) {
            <option [value]="a" [selected]="filters().area === a">{{ 'statistics.area.' + a | transloco }}</option>
          }
        </select>
      </label>
      <label>
        {{ 'statistics.answers.gender' | transloco }}
        <select data-testid="stat-gender" (change)="set('gender', $any($event.target).value)">
          <option value="">{{ 'statistics.answers.all' | transloco }}</option>
          @for (g of genders; track g) {
            <option [value]="g" [selected]="filters().gender === g">{{ 'statistics.gender.' + g | transloco }}</option>
          }
        </select>
      </label>
      <label>
        {{ 'statistics.answers.occasion' | transloco }}
        <select data-testid="stat-occasion" (change)="set('occasion', $any($event.target).value)">
          <option value="">{{ 'statistics.answers.all' | transloco }}</option>
          <option value="first" [selected]="filters().occasion === 'first'">{{ 'statistics.occasion.first' | transloco }}</option>
          <option value="follow-up" [selected]="filters().occasion === 'follow-up'">{{ 'statistics.occasion.follow-up' | transloco }}</option>
        </select>
      </label>
      @if (central()) {
        <label>
          {{ 'statistics.district' | transloco }}
          <select data-testid="stat-districts" (change)="set('district', $any($event.target).value)">
            <option value="">{{ 'statistics.allDistricts' | transloco }}</option>
            @for (d of districts; track d.id) {
              <option [value]="d.id" [selected]="filters().district === d.id">{{ d.name }}</option>
            }
          </select>
        </label>
      }
      <label>
        {{ 'statistics.answers.split' | transloco }}
        <select data-testid="stat-split" (change)="set('split', $any($event.target).value)">
          @for (s of splits; track s) {
            <option [value]="s" [selected]="filters().split === s">{{ 'statistics.split.' + s | transloco }}</option>
          }
        </select>
      </label>
    </form>

    <p class="protected-note" data-testid="stat-protected-note">
      <span aria-hidden="true">ⓘ </span>{{ 'statistics.protectedNote' | transloco }}
    </p>

    @switch (status()) {
      @case ('error') {
        <div class="error-text" role="alert">
          <p>
            {{ 'statistics.error' | transloco }}
            @if (problem(); as p) {
              {{ message(p) | dkMessage: i18n.lang() }}
            }
          </p>
          <button type="button" class="button secondary" (click)="load()">{{ 'app.retry' | transloco }}</button>
        </div>
      }
      @case ('loading') {
        <p class="muted" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span>{{ 'statistics.loading' | transloco }}</p>
      }
      @default {
        @if (data(); as d) {
          <div class="scope-line">
            <p>
              {{ 'statistics.answers.scope' | transloco }} <strong data-testid="stat-scope">{{ d.groups[0].label[lang()] }}</strong>,
              {{ d.from }} – {{ d.to }} ·
              {{ 'statistics.answers.responses' | transloco }}: <strong data-testid="stat-responses">{{ show(d.responses['all']) }}</strong>
            </p>
            <div class="export">
              <button type="button" class="button secondary" data-testid="stat-export-csv" (click)="download('csv')" [disabled]="exporting()">
                {{ 'statistics.answers.exportCsv' | transloco }}
              </button>
              <button type="button" class="button secondary" data-testid="stat-export-xlsx" (click)="download('xlsx')" [disabled]="exporting()">
                {{ 'statistics.answers.exportXlsx' | transloco }}
              </button>
              @if (exportError()) {
                <span class="error-text" role="alert">{{ 'statistics.answers.exportError' | transloco }}</span>
              }
            </div>
          </div>
          @if (empty()) {
            <p class="empty card" data-testid="stat-empty">{{ 'statistics.answers.empty' | transloco }}</p>
          } @else {
            @for (q of d.questions; track q.questionId) {
              <section class="card question" [attr.data-testid]="'stat-question-' + q.questionId" [attr.aria-labelledby]="'q-' + q.questionId">
                <h3 [id]="'q-' + q.questionId">{{ q.text[lang()] }}</h3>
                <dk-answer-chart [question]="q" [groups]="d.groups" [lang]="lang()" />
                <div class="table-scroll" role="region" tabindex="0" [attr.aria-labelledby]="'q-' + q.questionId">
                  <table class="table">
                    <caption class="visually-hidden">{{ q.text[lang()] }}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{{ 'statistics.answers.answer' | transloco }}</th>
                        @for (g of d.groups; track g.key) {
                          <th scope="col" colspan="2">{{ g.label[lang()] }}</th>
                        }
                      </tr>
                    </thead>
                    <tbody>
                      @for (o of q.options; track o.optionId) {
                        <tr>
                          <th scope="row">{{ o.label[lang()] }}</th>
                          @for (g of d.groups; track g.key) {
                            <td [attr.data-testid]="'cell-' + q.questionId + '-' + o.optionId + '-' + g.key">{{ show(q.cells[g.key]?.options?.[o.optionId]) }}</td>
                            <td class="share">{{ pct(q.cells[g.key]?.options?.[o.optionId], q.cells[g.key]?.respondents) }}</td>
                          }
                        </tr>
                      }
                      <tr>
                        <th scope="row">{{ 'statistics.answers.declined' | transloco }}</th>
                        @for (g of d.groups; track g.key) {
                          <td>{{ show(q.cells[g.key]?.declined) }}</td>
                          <td class="share">{{ pct(q.cells[g.key]?.declined, q.cells[g.key]?.respondents) }}</td>
                        }
                      </tr>
                      <tr>
                        <th scope="row">{{ 'statistics.answers.wantsToTalk' | transloco }}</th>
                        @for (g of d.groups; track g.key) {
                          <td>{{ show(q.cells[g.key]?.wantsToTalk) }}</td>
                          <td class="share">{{ pct(q.cells[g.key]?.wantsToTalk, q.cells[g.key]?.respondents) }}</td>
                        }
                      </tr>
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row">{{ 'statistics.answers.respondents' | transloco }}</th>
                        @for (g of d.groups; track g.key) {
                          <td [attr.data-testid]="'respondents-' + q.questionId + '-' + g.key">{{ show(q.cells[g.key]?.respondents) }}</td>
                          <td></td>
                        }
                      </tr>
                    </tfoot>
                  </table>
                </div>
              </section>
            }
          }
        }
      }
    }
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: end; margin-block: var(--space-3); }
    .filters label { display: flex; flex-direction: column; gap: var(--space-1); font-weight: 600; }
    select { font: inherit; padding: var(--space-2); min-height: 2.75rem; }
    .protected-note { background: #eef4fb; border-inline-start: 4px solid #1b5e9f; padding: var(--space-3); max-width: 60rem; }
    .scope-line { display: flex; flex-wrap: wrap; gap: var(--space-3); justify-content: space-between; align-items: center; }
    .export { display: flex; gap: var(--space-2); align-items: center; }
    .question { margin-block: var(--space-4); }
    .question h3 { margin-block-start: 0; }
    td.share { color: #3d4650; font-size: 0.9em; }
    .spinner { display: inline-block; width: 1em; height: 1em; margin-inline-end: 0.5em; border: 2px solid currentColor; border-inline-end-color: transparent; border-radius: 50%; animation: spin 0.8s linear infinite; vertical-align: -0.15em; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
  `,
})
export class AnswersView {
  private readonly api = inject(StatisticsApi);
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  protected readonly areas = AREAS;
  protected readonly genders = GENDERS;
  protected readonly splits = SPLITS;
  protected readonly districts = CITY_DISTRICTS;

  protected readonly central = computed(() => (this.session.me()?.roles ?? []).includes('central-analyst'));
  protected readonly lang = computed<'sv' | 'en'>(() => (this.i18n.lang() === 'en' ? 'en' : 'sv'));
  readonly filters = signal<AnswerFilters>({ months: 12, ageBand: '12-18', area: 'home', gender: '', occasion: '', district: '', split: 'gender' });
  protected readonly data = signal<AnswerStatistics | null>(null);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly exporting = signal(false);
  protected readonly exportError = signal(false);
  protected readonly empty = computed(() => {
    const d = this.data();
    return !d || d.responses['all'] === 0 || d.questions.length === 0;
  });

  private pending: Subscription | null = null;

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.pending?.unsubscribe());
  }

  set<K extends keyof AnswerFilters>(key: K, value: AnswerFilters[K]): void {
    this.filters.update((f) => ({ ...f, [key]: value }) as AnswerFilters);
    this.load();
  }

  load(): void {
    this.status.set('loading');
    // Only the newest choice's answer counts: an earlier request still under way is dropped.
    this.pending?.unsubscribe();
    this.pending = this.api.answers(this.filters()).subscribe({
      next: (d) => {
        this.data.set(d);
        this.status.set('ready');
      },
      error: (e: unknown) => {
        this.problem.set(toProblem(e));
        this.status.set('error');
      },
    });
  }

  download(format: 'csv' | 'xlsx'): void {
    this.exporting.set(true);
    this.exportError.set(false);
    this.api.export(this.filters(), format).subscribe({
      next: (blob) => {
        this.exporting.set(false);
        const d = this.data();
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = `delaktig-statistik-${d?.from ?? ''}-${d?.to ?? ''}.${format}`;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      error: () => {
        this.exporting.set(false);
        this.exportError.set(true);
      },
    });
  }

  /** A published count as shown: "<5" stays as it is (marked and explained above). */
  show(c: Cell | undefined): string {
    if (c === undefined) return '0';
    return c === '<5' ? '<5' : String(c);
  }

  pct(n: Cell | undefined, of: Cell | undefined): string {
    const v = share(n, of);
    return v === null ? '–' : `${v.toLocaleString(this.lang() === 'sv' ? 'sv-SE' : 'en-GB')} %`;
  }

  protected readonly split = (s: string): SplitChoice => s as SplitChoice;
}
