import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { AlertStore } from './alert-store';
import { pick } from './casework-api';

/** Safety alerts: open ones first, each with the question, when, and an acknowledge button. */
@Component({
  selector: 'dk-alerts-page',
  imports: [TranslocoPipe, DateTimePipe, MessagePipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'casework.alerts.title' | transloco }}</h1>
    <p class="muted">{{ 'casework.alerts.intro' | transloco }}</p>
    @if (ackError(); as error) {
      <p class="error-text" role="alert">{{ error | dkMessage: i18n.lang() }}</p>
    }
    @switch (store.status()) {
      @case ('error') {
        <p class="error-text" role="alert">
          {{ 'casework.alerts.error' | transloco }}
          @if (store.problem(); as problem) {
            {{ message(problem) | dkMessage: i18n.lang() }}
          }
        </p>
        <button type="button" class="button secondary" (click)="store.load()">{{ 'app.retry' | transloco }}</button>
      }
      @case ('ready') {
        @if (store.items().length === 0) {
          <p class="empty" data-testid="alerts-empty">{{ 'casework.alerts.empty' | transloco }}</p>
        } @else {
          <ul class="alert-list" data-testid="alerts">
            @for (alert of store.items(); track alert.id) {
              <li class="card" [class.open]="!alert.acknowledgedAt" [attr.data-invitation]="alert.invitationId" data-testid="alert">
                <p class="question"><strong>{{ pick(alert.question, i18n.lang()) || alert.questionId }}</strong></p>
                <p class="small">
                  {{ 'casework.alerts.raised' | transloco }} {{ alert.raisedAt | dkDateTime: i18n.lang() }}
                  @if (alert.escalated) {
                    · <span class="escalated">{{ 'casework.alerts.escalated' | transloco }}</span>
                  }
                </p>
                @if (alert.acknowledgedAt) {
                  <p class="success small" data-testid="alert-acknowledged">
                    {{ 'casework.alerts.acknowledgedAt' | transloco }} {{ alert.acknowledgedAt | dkDateTime: i18n.lang() }}
                  </p>
                }
                <div class="actions">
                  @if (!alert.acknowledgedAt) {
                    <button type="button" class="button" [disabled]="busy() === alert.id" (click)="acknowledge(alert.id)" data-testid="acknowledge">
                      {{ 'casework.alerts.acknowledge' | transloco }}
                    </button>
                  }
                  <a class="button secondary" [routerLink]="['/invitations', alert.invitationId]" data-testid="alert-open">{{ 'casework.alerts.open' | transloco }}</a>
                </div>
              </li>
            }
          </ul>
        }
      }
      @default {
        <p class="muted" role="status">{{ 'casework.alerts.loading' | transloco }}</p>
      }
    }
  `,
  styles: `
    .alert-list { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
    .alert-list li.open { border-left: 6px solid #b00020; }
    .escalated { color: #b00020; font-weight: 600; }
  `,
})
export class AlertsPage {
  protected readonly store = inject(AlertStore);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  protected readonly pick = pick;
  protected readonly busy = signal<string | null>(null);
  protected readonly ackError = signal<ReturnType<typeof problemMessage> | null>(null);

  constructor() {
    this.store.showList();
    inject(DestroyRef).onDestroy(() => this.store.hideList());
  }

  protected acknowledge(id: string): void {
    this.busy.set(id);
    this.ackError.set(null);
    this.store.acknowledge(id).subscribe({
      next: () => this.busy.set(null),
      error: (error: unknown) => {
        this.busy.set(null);
        this.ackError.set(problemMessage(toProblem(error)));
      },
    });
  }
}
