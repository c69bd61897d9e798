import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemMessage } from '../core/messages';
import { toProblem, type ProblemDetails } from '../core/problem';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { CITY_DISTRICTS } from '../core/districts';
import { COUNT_KEYS, RATING_KEYS, StatisticsApi, type ParticipationPeriods, type ParticipationTable } from './statistics-api';

export { COUNT_KEYS, RATING_KEYS, type Cell, type ParticipationPeriods } from './statistics-api';

/**
 * "Delaktighet": participation per district side by side (the central office: every district;
 * district staff: their own; unit leads: their unit) and per month for a district admin (their
 * district) or the central office (all districts or one). Every number is protected by the
 * server; values 1–4 arrive as "<5".
 */
@Component({
  selector: 'dk-participation-view',
  imports: [TranslocoPipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'statistics.intro' | transloco }}</p>
    <h2>{{ 'statistics.table.title' | transloco }}</h2>
    @switch (tableStatus()) {
      @case ('error') {
        <p class="error-text" role="alert">{{ 'statistics.error' | transloco }}</p>
      }
      @case ('ready') {
        @let t = table()!;
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="stat-dtable-caption">
          <table class="table" data-testid="stat-participation-table">
            <caption id="stat-dtable-caption" class="visually-hidden">{{ 'statistics.table.title' | transloco }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ (t.unitId ? 'statistics.table.unit' : 'statistics.district') | transloco }}</th>
                @for (k of tableKeys; track k) {
                  <th scope="col">{{ 'statistics.count.' + k | transloco }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (r of t.rows; track r.districtId) {
                <tr>
                  <th scope="row">{{ t.unitId ?? districtName(r.districtId) }}</th>
                  @for (k of tableKeys; track k) {
                    <td [attr.data-testid]="'dcell-' + r.districtId + '-' + k">{{ r.counts[k] }}</td>
                  }
                </tr>
              }
            </tbody>
            @if (t.rows.length > 1) {
              <tfoot>
                <tr>
                  <th scope="row">{{ 'statistics.table.all' | transloco }}</th>
                  @for (k of tableKeys; track k) {
                    <td>{{ t.total.counts[k] }}</td>
                  }
                </tr>
              </tfoot>
            }
          </table>
        </div>
      }
      @default {
        <p class="muted" role="status">{{ 'statistics.loading' | transloco }}</p>
      }
    }
    @if (canSeePeriods()) {
    <h2>{{ 'statistics.perMonth' | transloco }}</h2>
    <div class="filters">
      @if (central()) {
        <label for="stat-district">{{ 'statistics.district' | transloco }}</label>
        <select id="stat-district" data-testid="stat-district" (change)="district.set($any($event.target).value); load()">
          <option value="">{{ 'statistics.allDistricts' | transloco }}</option>
          @for (d of districts; track d.id) {
            <option [value]="d.id" [selected]="district() === d.id">{{ d.name }}</option>
          }
        </select>
      } @else {
        <p>{{ 'statistics.district' | transloco }}: <strong>{{ session.me()?.districtName }}</strong></p>
      }
      <label for="stat-months">{{ 'statistics.months' | transloco }}</label>
      <select id="stat-months" (change)="months.set(+$any($event.target).value); load()">
        @for (m of [3, 6, 12, 24]; track m) {
          <option [value]="m" [selected]="months() === m">{{ m }}</option>
        }
      </select>
    </div>
    @switch (status()) {
      @case ('error') {
        <p class="error-text" role="alert">
          {{ 'statistics.error' | transloco }}
          @if (problem(); as p) {
            {{ message(p) | dkMessage: i18n.lang() }}
          }
        </p>
        <button type="button" class="button secondary" (click)="load()">{{ 'app.retry' | transloco }}</button>
      }
      @case ('ready') {
        @let d = data()!;
        @if (d.periods.length === 0) {
          <p class="empty" data-testid="statistics-empty">{{ 'statistics.empty' | transloco }}</p>
        } @else {
          <div class="table-scroll" role="region" tabindex="0" aria-labelledby="stat-table-caption">
            <table class="table" data-testid="statistics-table">
              <caption id="stat-table-caption" class="visually-hidden">{{ 'statistics.title' | transloco }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'statistics.period' | transloco }}</th>
                  @for (k of countKeys; track k) {
                    <th scope="col">{{ 'statistics.count.' + k | transloco }}</th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (p of d.periods; track p.period) {
                  <tr>
                    <th scope="row">{{ p.period }}</th>
                    @for (k of countKeys; track k) {
                      <td [attr.data-testid]="'cell-' + p.period + '-' + k">{{ p.counts[k] }}</td>
                    }
                  </tr>
                }
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{{ 'statistics.total' | transloco }}</th>
                  @for (k of countKeys; track k) {
                    <td [attr.data-testid]="'total-' + k">{{ d.total.counts[k] }}</td>
                  }
                </tr>
              </tfoot>
            </table>
          </div>
          <h2>{{ 'statistics.ratingsTitle' | transloco }}</h2>
          <table class="table" data-testid="ratings-table">
            <thead>
              <tr>
                @for (r of ratingKeys; track r) {
                  <th scope="col">{{ r === 'dont-know' ? ('statistics.dontKnow' | transloco) : r }}</th>
                }
              </tr>
            </thead>
            <tbody>
              <tr>
                @for (r of ratingKeys; track r) {
                  <td>{{ d.total.ratings[r] }}</td>
                }
              </tr>
            </tbody>
          </table>
        }
      }
      @default {
        <p class="muted" role="status">{{ 'statistics.loading' | transloco }}</p>
      }
    }
    }
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: center; margin-block: var(--space-3); }
    select { font: inherit; padding: var(--space-2); }
  `,
})
export class ParticipationView {
  private readonly api = inject(StatisticsApi);
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  protected readonly countKeys = COUNT_KEYS;
  protected readonly ratingKeys = RATING_KEYS;
  protected readonly districts = CITY_DISTRICTS;

  protected readonly tableKeys = ['sent', 'opened', 'submitted', 'answeredBeforeMeeting', 'feedbackGiven', 'rated', 'alertRaised', 'alertAcknowledgedInTime'] as const;
  protected readonly central = computed(() => (this.session.me()?.roles ?? []).includes('central-analyst'));
  /** Per month: district admins and the central office. */
  protected readonly canSeePeriods = computed(() => (this.session.me()?.roles ?? []).some((r) => r === 'central-analyst' || r === 'district-admin'));
  protected readonly table = signal<ParticipationTable | null>(null);
  protected readonly tableStatus = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly districtName = (id: string) => CITY_DISTRICTS.find((d) => d.id === id)?.name ?? id;
  protected readonly district = signal('');
  protected readonly months = signal(12);
  protected readonly data = signal<ParticipationPeriods | null>(null);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly problem = signal<ProblemDetails | null>(null);

  private pending: Subscription[] = [];

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.pending.forEach((s) => s.unsubscribe()));
  }

  load(): void {
    this.tableStatus.set('loading');
    // Only the newest choice's answers count: earlier requests still under way are dropped.
    for (const s of this.pending) s.unsubscribe();
    this.pending = [];
    this.pending.push(this.api.participationTable(this.months()).subscribe({
      next: (t) => {
        this.table.set(t);
        this.tableStatus.set('ready');
      },
      error: () => this.tableStatus.set('error'),
    }));
    if (!this.canSeePeriods()) return;
    this.status.set('loading');
    this.pending.push(this.api.participationPeriods(this.months(), this.district()).subscribe({
      next: (d) => {
        this.data.set(d);
        this.status.set('ready');
      },
      error: (e: unknown) => {
        this.problem.set(toProblem(e));
        this.status.set('error');
      },
    }));
  }
}
