import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { APP_CONFIG } from '../core/config';
import { problemMessage } from '../core/messages';
import { toProblem, type ProblemDetails } from '../core/problem';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { CITY_DISTRICTS } from '../core/districts';

export const COUNT_KEYS = ['created', 'sent', 'deliveryFailed', 'opened', 'submitted', 'expired', 'revoked', 'feedbackGiven', 'rated'] as const;
export const RATING_KEYS = ['1', '2', '3', '4', '5', 'dont-know'] as const;
export type Cell = number | '<5';
type Counts = Record<(typeof COUNT_KEYS)[number], Cell>;
type Ratings = Record<(typeof RATING_KEYS)[number], Cell>;

export interface ParticipationPeriods {
  districtId: string | null;
  months: number;
  periods: { period: string; counts: Counts; ratings: Ratings }[];
  total: { counts: Counts; ratings: Ratings };
}

/**
 * "Statistik": participation per month for a district admin (their district) or the
 * central office (all districts or one). Small cells arrive from the server as "<5".
 */
@Component({
  selector: 'dk-statistics-page',
  imports: [TranslocoPipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'statistics.title' | transloco }}</h1>
    <p class="muted">{{ 'statistics.intro' | transloco }}</p>
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
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: center; margin-block: var(--space-3); }
    select { font: inherit; padding: var(--space-2); }
  `,
})
export class StatisticsPage {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_CONFIG).gatewayUrl}/api/v1/statistics/participation/periods`;
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  protected readonly countKeys = COUNT_KEYS;
  protected readonly ratingKeys = RATING_KEYS;
  protected readonly districts = CITY_DISTRICTS;

  protected readonly central = computed(() => (this.session.me()?.roles ?? []).includes('central-analyst'));
  protected readonly district = signal('');
  protected readonly months = signal(12);
  protected readonly data = signal<ParticipationPeriods | null>(null);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly problem = signal<ProblemDetails | null>(null);

  constructor() {
    this.load();
  }

  load(): void {
    this.status.set('loading');
    let params = new HttpParams().set('months', String(this.months()));
    if (this.district()) params = params.set('districtId', this.district());
    this.http.get<ParticipationPeriods>(this.base, { params }).subscribe({
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
}
