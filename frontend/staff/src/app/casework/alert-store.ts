import { DOCUMENT, Injectable, InjectionToken, inject, signal } from '@angular/core';
import { Observable, tap } from 'rxjs';
import { ProblemDetails, toProblem } from '../core/problem';
import { Alert, CaseworkApi } from './casework-api';

export const ALERT_POLL_MS = new InjectionToken<number>('ALERT_POLL_MS', { providedIn: 'root', factory: () => 30_000 });

/**
 * Safety alerts of the signed-in caseworker (a unit lead: the unit's). The header badge
 * polls the counts while the page is visible; the list itself (every alert shown is an
 * audited read of a child's answer) loads only where it is shown, and reloads there when the
 * count changes.
 */
@Injectable({ providedIn: 'root' })
export class AlertStore {
  private readonly api = inject(CaseworkApi);
  private readonly document = inject(DOCUMENT);
  private readonly pollMs = inject(ALERT_POLL_MS);
  private timer: ReturnType<typeof setInterval> | null = null;

  readonly items = signal<Alert[]>([]);
  readonly unacknowledged = signal(0);
  readonly status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  readonly problem = signal<ProblemDetails | null>(null);

  load(): void {
    if (this.status() !== 'ready') this.status.set('loading');
    this.api.alerts().subscribe({
      next: ({ items, unacknowledged }) => {
        this.items.set(items ?? []);
        this.unacknowledged.set(unacknowledged ?? (items ?? []).filter((a) => !a.acknowledgedAt).length);
        this.problem.set(null);
        this.status.set('ready');
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.status.set('error');
      },
    });
  }

  /** Pages that show the list (the alerts page) hold it open while they are shown. */
  private listShown = 0;

  /** Shows the list: loads it now and on every change of the count until {@link hideList}. */
  showList(): void {
    this.listShown++;
    this.load();
  }

  hideList(): void {
    this.listShown = Math.max(0, this.listShown - 1);
  }

  /** Refreshes the badge's count; the list only if it is on screen and the count changed. */
  refreshCount(): void {
    this.api.alertSummary().subscribe({
      next: ({ unacknowledged }) => {
        const changed = unacknowledged !== this.unacknowledged();
        this.unacknowledged.set(unacknowledged);
        if (changed && this.listShown > 0) this.load();
      },
      // The badge keeps its last count; the list page shows its own errors.
      error: () => undefined,
    });
  }

  /** Starts polling the count (idempotent); stops with {@link stop}. */
  start(): void {
    if (this.timer) return;
    this.refreshCount();
    this.timer = setInterval(() => {
      if (this.document.visibilityState !== 'hidden') this.refreshCount();
    }, this.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  acknowledge(alertId: string): Observable<Alert> {
    return this.api.acknowledge(alertId).pipe(
      tap((acknowledged) => {
        this.items.update((items) => items.map((a) => (a.id === alertId ? { ...a, ...acknowledged } : a)));
        this.unacknowledged.set(this.items().filter((a) => !a.acknowledgedAt).length);
      }),
    );
  }
}
