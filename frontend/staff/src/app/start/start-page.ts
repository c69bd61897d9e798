import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Session } from '../core/session';
import { InvitationForm } from './invitation-form';
import { InvitationList } from './invitation-list';
import { InvitationStore } from './invitation-store';
import { AuditCard } from './audit-card';
import { ParticipationCard } from './participation-card';

/** Route `/`: the district's count (the audit log's state for auditors), and for caseworkers and unit leads the invitation form and list. */
@Component({
  selector: 'dk-start-page',
  imports: [TranslocoPipe, ParticipationCard, AuditCard, InvitationForm, InvitationList],
  providers: [InvitationStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'start.title' | transloco }}</h1>
    <div class="start-grid">
      @if (session.canSeeParticipation()) {
        <dk-participation-card [districtName]="session.me()?.districtName" />
      }
      @if (session.isAuditor()) {
        <dk-audit-card [districtName]="session.me()?.districtName" />
      }
      @if (session.canCreateInvitations()) {
        <dk-invitation-form />
      } @else if (session.status() === 'ready' && !session.isAuditor()) {
        <p class="card muted" data-testid="read-only-note">{{ 'start.readOnlyNote' | transloco }}</p>
      }
    </div>
    @if (session.canCreateInvitations()) {
      <dk-invitation-list />
    }
  `,
  styles: `
    .start-grid {
      display: grid;
      gap: var(--space-5);
      align-items: start;
      margin-block-end: var(--space-5);
    }
    @media (min-width: 60rem) {
      .start-grid {
        grid-template-columns: minmax(16rem, 1fr) minmax(0, 2fr);
      }
    }
  `,
})
export class StartPage {
  protected readonly session = inject(Session);
  private readonly store = inject(InvitationStore);

  constructor() {
    effect(() => {
      if (this.session.canCreateInvitations()) untracked(() => this.store.load());
    });
  }
}
