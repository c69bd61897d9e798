import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Session } from '../core/session';
import { AlertStore } from './alert-store';

/** Header link to the safety alerts with the number not yet acknowledged. */
@Component({
  selector: 'dk-alert-badge',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    a { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 600; }
    .badge { min-width: 1.6rem; padding: 0.1rem 0.45rem; border-radius: 999px; background: #b00020; color: #fff; text-align: center; }
    .badge.zero { background: #5a5a5a; }
  `,
  template: `
    @if (session.canCreateInvitations()) {
    <a routerLink="/larm" data-testid="alert-badge">
      <!-- The visible words are the accessible name (WCAG 2.5.3); the hidden part says what the number means. -->
      {{ 'casework.alerts.badge' | transloco }}
      <span class="badge" [class.zero]="store.unacknowledged() === 0" data-testid="alert-count">{{ store.unacknowledged() }}</span>
      <span class="visually-hidden">{{ 'casework.alerts.badgeSuffix' | transloco }}</span>
    </a>
    }
  `,
})
export class AlertBadge {
  protected readonly store = inject(AlertStore);

  protected readonly session = inject(Session);

  constructor() {
    // Only caseworkers and unit leads receive alerts; start polling once the roles are known.
    effect(() => {
      if (this.session.canCreateInvitations()) this.store.start();
      else this.store.stop();
    });
    inject(DestroyRef).onDestroy(() => this.store.stop());
  }
}
