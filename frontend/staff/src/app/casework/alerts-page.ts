import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, effect, ElementRef, inject, Injector, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { AlertStore } from './alert-store';
import { pick } from './casework-api';

/**
 * Safety alerts: open ones first, each with the question, when, the escalation ladder's
 * steps so far, who acknowledged, and an acknowledge button. The link in an alert's SMS or
 * e-mail (/larm?alert=<id>) opens this page with that alert selected and its button focused.
 */
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
              <li
                class="card"
                [class.open]="!alert.acknowledgedAt"
                [class.selected]="alert.id === selected()"
                [attr.aria-current]="alert.id === selected() ? 'true' : null"
                [attr.data-alert]="alert.id"
                [attr.data-invitation]="alert.invitationId"
                data-testid="alert"
              >
                <p class="question"><strong>{{ pick(alert.question, i18n.lang()) || alert.questionId }}</strong></p>
                <p class="small">
                  {{ 'casework.alerts.raised' | transloco }} {{ alert.raisedAt | dkDateTime: i18n.lang() }}
                  @if (alert.escalated) {
                    · <span class="escalated">{{ 'casework.alerts.escalated' | transloco }}</span>
                  }
                </p>
                @if (alert.steps?.length) {
                  <ol class="steps small" data-testid="alert-steps" [attr.aria-label]="'casework.alerts.stepsLabel' | transloco">
                    @for (step of alert.steps; track step.step) {
                      <li>
                        {{ 'casework.alerts.step.' + step.step | transloco }} {{ step.reachedAt | dkDateTime: i18n.lang() }}
                        @if (step.withoutContact > 0) {
                          · <span class="warning">{{ 'casework.alerts.withoutContact' | transloco: { count: step.withoutContact } }}</span>
                        }
                      </li>
                    }
                  </ol>
                }
                @if (alert.acknowledgedAt) {
                  <p class="success small" data-testid="alert-acknowledged">
                    {{ 'casework.alerts.acknowledgedAt' | transloco }} {{ alert.acknowledgedAt | dkDateTime: i18n.lang() }}
                    {{ 'casework.alerts.by' | transloco: { name: alert.acknowledgedByName || ('casework.alerts.colleague' | transloco) } }}
                  </p>
                }
                <div class="actions">
                  @if (!alert.acknowledgedAt) {
                    <button type="button" class="button" [disabled]="busy() === alert.id" (click)="acknowledge(alert.id)" data-testid="acknowledge" [attr.data-selected]="alert.id === selected() || null">
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
    .alert-list li.selected { outline: 3px solid #1a4d8f; outline-offset: 2px; }
    .steps { margin: 0.25rem 0; padding-left: 1.25rem; }
    .warning { color: #8a4b00; }
  `,
})
export class AlertsPage {
  protected readonly store = inject(AlertStore);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  protected readonly pick = pick;
  protected readonly busy = signal<string | null>(null);
  protected readonly ackError = signal<ReturnType<typeof problemMessage> | null>(null);

  /** The alert the link named (?alert=<id>), if any. */
  protected readonly selected = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((q) => q.get('alert'))), { initialValue: null });
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private focused: string | null = null;

  constructor() {
    this.store.showList();
    inject(DestroyRef).onDestroy(() => this.store.hideList());
    // Once the named alert is on the page: scroll to it and focus its button (or the alert), once per id.
    effect(() => {
      const id = this.selected();
      if (!id || this.focused === id || this.store.status() !== 'ready' || !this.store.items().some((a) => a.id === id)) return;
      this.focused = id;
      afterNextRender(
        () => {
          const card = Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>('[data-alert]')).find((el) => el.dataset['alert'] === id);
          const target = card?.querySelector<HTMLElement>('[data-testid=acknowledge]') ?? card;
          if (target && !target.hasAttribute('tabindex') && target === card) target.setAttribute('tabindex', '-1');
          card?.scrollIntoView?.({ block: 'center' });
          target?.focus();
        },
        { injector: this.injector },
      );
    });
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
