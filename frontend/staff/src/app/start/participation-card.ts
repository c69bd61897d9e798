import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  InjectionToken,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Subscription } from 'rxjs';
import { GatewayApi, ParticipationStatistics } from '../core/api';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { InvitationStore } from './invitation-store';

/** How often the card refreshes while the page is visible. */
export const STATISTICS_POLL_MS = new InjectionToken<number>('STATISTICS_POLL_MS', {
  factory: () => 2000,
});

/**
 * "Inbjudningar i <stadsdel>": the district's participation count. Statistics
 * arrive asynchronously (Kafka), so it polls while the page is visible and
 * refreshes after an invitation is created.
 */
@Component({
  selector: 'dk-participation-card',
  imports: [TranslocoPipe, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="stats-title">
      <h2 id="stats-title">
        @if (districtName()) {
          {{ 'stats.title' | transloco: { district: districtName() } }}
        } @else {
          {{ 'stats.titleNoDistrict' | transloco }}
        }
      </h2>
      @let stats = data();
      @if (stats) {
        <p class="count-label" id="stats-count-label">{{ 'stats.countLabel' | transloco }}</p>
        <p class="count" data-testid="participation-count">{{ stats.invitationsCreated }}</p>
        @if (stats.lastEventAt) {
          <p class="muted">{{ 'stats.lastEvent' | transloco: { time: (stats.lastEventAt | dkDateTime: i18n.lang()) } }}</p>
        } @else {
          <p class="empty" data-testid="participation-empty">{{ 'stats.empty' | transloco }}</p>
        }
        @if (stale()) {
          <p class="error-text" role="status">{{ 'stats.staleError' | transloco }}</p>
        }
        <p class="muted small">{{ 'stats.autoRefresh' | transloco }}</p>
      } @else if (failed()) {
        <p class="error-text" role="alert">{{ 'stats.error' | transloco }}</p>
        <button type="button" class="button secondary" (click)="retry()">{{ 'app.retry' | transloco }}</button>
      } @else {
        <p class="muted" role="status">{{ 'stats.loading' | transloco }}</p>
      }
    </section>
  `,
})
export class ParticipationCard {
  private readonly api = inject(GatewayApi);
  private readonly store = inject(InvitationStore, { optional: true });
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);

  readonly districtName = input<string | null | undefined>(null);

  protected readonly data = signal<ParticipationStatistics | null>(null);
  protected readonly failed = signal(false);
  protected readonly stale = signal(false);

  private inFlight?: Subscription;

  constructor() {
    const pollMs = inject(STATISTICS_POLL_MS);
    const whenVisible = () => {
      if (this.document.visibilityState !== 'hidden') this.refresh();
    };
    const timer = setInterval(whenVisible, pollMs);
    this.document.addEventListener('visibilitychange', whenVisible);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.document.removeEventListener('visibilitychange', whenVisible);
      this.inFlight?.unsubscribe();
    });

    // First load, and again whenever an invitation has been created.
    effect(() => {
      this.store?.createdCount();
      untracked(() => this.refresh());
    });
  }

  protected retry(): void {
    this.failed.set(false);
    this.refresh();
  }

  refresh(): void {
    if (this.inFlight && !this.inFlight.closed) return;
    this.inFlight = this.api.participation().subscribe({
      next: (stats) => {
        this.data.set(stats);
        this.failed.set(false);
        this.stale.set(false);
      },
      error: () => {
        if (this.data()) this.stale.set(true);
        else this.failed.set(true);
      },
    });
  }
}
