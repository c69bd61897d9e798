import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemMessage } from '../core/messages';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { Session } from '../core/session';
import { InvitationStore } from './invitation-store';

/** The caller's invitations (a unit lead: the unit's), newest first. */
@Component({
  selector: 'dk-invitation-list',
  imports: [TranslocoPipe, DateTimePipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="invitation-list-title">
      <h2 id="invitation-list-title">{{ (isUnitLead() ? 'list.titleUnit' : 'list.title') | transloco }}</h2>
      @switch (store.status()) {
        @case ('error') {
          <p class="error-text" role="alert">
            {{ 'list.error' | transloco }}
            @if (store.problem(); as problem) {
              {{ message(problem) | dkMessage: i18n.lang() }}
            }
          </p>
          <button type="button" class="button secondary" (click)="store.load()">{{ 'app.retry' | transloco }}</button>
        }
        @case ('ready') {
          @if (store.items().length === 0) {
            <p class="empty" data-testid="invitations-empty">{{ 'list.empty' | transloco }}</p>
          } @else {
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="invitation-list-title">
              <table class="table" data-testid="invitations">
                <thead>
                  <tr>
                    <th scope="col">{{ 'list.caseReference' | transloco }}</th>
                    <th scope="col">{{ 'list.birthYear' | transloco }}</th>
                    <th scope="col">{{ 'list.ageBand' | transloco }}</th>
                    <th scope="col">{{ 'list.createdAt' | transloco }}</th>
                    <th scope="col">{{ 'list.id' | transloco }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (invitation of store.items(); track invitation.id) {
                    <tr>
                      <td>{{ invitation.caseReference }}</td>
                      <td>{{ invitation.birthYear }}</td>
                      <td>{{ (invitation.ageBand === '6-11' ? 'form.ageBand611' : 'form.ageBand1218') | transloco }}</td>
                      <td>{{ invitation.createdAt | dkDateTime: i18n.lang() }}</td>
                      <td class="id">{{ invitation.id }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
        }
        @default {
          <p class="muted" role="status">{{ 'list.loading' | transloco }}</p>
        }
      }
    </section>
  `,
})
export class InvitationList {
  protected readonly store = inject(InvitationStore);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  private readonly session = inject(Session);
  protected readonly isUnitLead = computed(() => (this.session.me()?.roles ?? []).includes('unit-lead'));
}
