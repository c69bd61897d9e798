import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { Observable } from 'rxjs';
import { GatewayApi, Invitation, INVITATION_STATUSES } from '../core/api';
import { Message, problemMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { VersionLabels } from '../questionnaires/version-labels';
import { InvitationStore } from './invitation-store';

type Action = 'resend' | 'extend' | 'revoke' | 'unlock';
const ENDED = ['submitted', 'expired', 'revoked'];

/** The caller's invitations (a unit lead: the unit's), newest first, with filters and actions. */
@Component({
  selector: 'dk-invitation-list',
  imports: [TranslocoPipe, DateTimePipe, MessagePipe, FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="invitation-list-title">
      <h2 id="invitation-list-title">{{ (isUnitLead() ? 'list.titleUnit' : 'list.title') | transloco }}</h2>
      <form class="filters" role="search" (ngSubmit)="applyFilters()" [attr.aria-label]="'invite.filters' | transloco">
        <label for="filter-status">{{ 'invite.filterStatus' | transloco }}</label>
        <select id="filter-status" name="status" [(ngModel)]="statusFilter">
          <option value="">{{ 'invite.filterAll' | transloco }}</option>
          @for (s of statuses; track s) {
            <option [value]="s">{{ 'invite.status.' + s | transloco }}</option>
          }
        </select>
        <label for="filter-q">{{ 'invite.filterQ' | transloco }}</label>
        <input id="filter-q" name="q" type="search" maxlength="40" autocomplete="off" [(ngModel)]="q" />
        <button type="submit" class="button secondary">{{ 'invite.filterApply' | transloco }}</button>
      </form>
      <div aria-live="polite" class="status-region">
        @if (notice(); as n) {
          <p [class.error-text]="n.error" data-testid="invitation-action-notice">{{ n.message | dkMessage: i18n.lang() }}</p>
        }
      </div>
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
                    <th scope="col">{{ 'invite.columns.status' | transloco }}</th>
                    <th scope="col">{{ 'list.ageBand' | transloco }}</th>
                    <th scope="col">{{ 'invite.columns.channel' | transloco }}</th>
                    <th scope="col">{{ 'questionnaires.versionColumn' | transloco }}</th>
                    <th scope="col">{{ 'list.createdAt' | transloco }}</th>
                    <th scope="col">{{ 'invite.columns.expiresAt' | transloco }}</th>
                    <th scope="col">{{ 'invite.columns.actions' | transloco }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (invitation of store.items(); track invitation.id) {
                    <tr [attr.data-invitation-id]="invitation.id">
                      <td>{{ invitation.caseReference }}</td>
                      <td>
                        <span class="chip" [attr.data-status]="invitation.status ?? 'created'">{{ 'invite.status.' + (invitation.status ?? 'created') | transloco }}</span>
                        @if (invitation.lockedAt && !ended(invitation)) {
                          <span class="chip" data-status="locked" data-testid="invitation-locked" [attr.title]="'invite.lockedHint' | transloco">{{ 'invite.locked' | transloco }}</span>
                        }
                        @if (invitation.childBankId && !ended(invitation)) {
                          <span class="chip" data-status="bankid" data-testid="invitation-bankid" [attr.title]="'invite.bankIdHint' | transloco">{{ 'invite.bankId' | transloco }}</span>
                        }
                      </td>
                      <td>{{ (invitation.ageBand === '6-11' ? 'form.ageBand611' : 'form.ageBand1218') | transloco }}</td>
                      <td>
                        @if (invitation.channel) {
                          {{ 'invite.channels.' + invitation.channel | transloco }}
                          @if (invitation.contactHint) {
                            <span class="muted small">{{ invitation.contactHint }}</span>
                          }
                        }
                      </td>
                      <td data-testid="invitation-version">{{ versions.version(invitation.questionnaireVersionId) ?? '–' }}</td>
                      <td>{{ invitation.createdAt | dkDateTime: i18n.lang() }}</td>
                      <td>
                        @if (invitation.expiresAt) {
                          {{ invitation.expiresAt | dkDateTime: i18n.lang() }}
                        }
                      </td>
                      <td class="row-actions">
                        @if (!ended(invitation)) {
                          <button type="button" class="button secondary small" [disabled]="busy() === invitation.id" (click)="act(invitation, 'resend')">{{ 'invite.actions.resend' | transloco }}</button>
                          <button type="button" class="button secondary small" [disabled]="busy() === invitation.id" (click)="act(invitation, 'extend')">{{ 'invite.actions.extend' | transloco }}</button>
                          @if (invitation.lockedAt) {
                            <button type="button" class="button secondary small" [disabled]="busy() === invitation.id" (click)="act(invitation, 'unlock')">{{ 'invite.actions.unlock' | transloco }}</button>
                          }
                          <button type="button" class="button danger small" [disabled]="busy() === invitation.id" (click)="act(invitation, 'revoke')">{{ 'invite.actions.revoke' | transloco }}</button>
                        }
                      </td>
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
  /** Which questionnaire version each invitation used. */
  protected readonly versions = inject(VersionLabels);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(GatewayApi);
  private readonly document = inject(DOCUMENT);
  private readonly transloco = inject(TranslocoService);
  protected readonly message = problemMessage;
  private readonly session = inject(Session);
  protected readonly isUnitLead = computed(() => (this.session.me()?.roles ?? []).includes('unit-lead'));
  protected readonly statuses = INVITATION_STATUSES;
  protected statusFilter = '';
  protected q = '';
  protected readonly busy = signal<string | null>(null);
  protected readonly notice = signal<{ message: Message; error: boolean } | null>(null);

  protected ended(i: Invitation): boolean {
    return ENDED.includes(i.status ?? 'created');
  }

  protected applyFilters(): void {
    this.store.load({ status: this.statusFilter || undefined, q: this.q || undefined });
  }

  protected act(invitation: Invitation, action: Action): void {
    const ref = invitation.caseReference;
    if (action === 'revoke') {
      const question = this.transloco.translate('invite.actions.confirmRevoke', { ref });
      if (!this.document.defaultView?.confirm(question)) return;
    }
    const call: Observable<unknown> =
      action === 'extend'
        ? this.api.extendInvitation(invitation.id, new Date(Math.max(Date.now(), Date.parse(invitation.expiresAt ?? '') || 0) + 14 * 86_400_000).toISOString())
        : this.api.invitationAction(invitation.id, action);
    this.busy.set(invitation.id);
    call.subscribe({
      next: () => {
        this.busy.set(null);
        this.notice.set({ message: { text: this.transloco.translate('invite.actions.done', { ref, action: this.transloco.translate(`invite.actions.${action}`) }) }, error: false });
        // Unlocked at once in identity; the list's copy follows by event, so don't wait for it.
        if (action === 'unlock') this.store.patch(invitation.id, { lockedAt: null });
        else this.store.load();
      },
      error: (e: unknown) => {
        this.busy.set(null);
        const problem = toProblem(e);
        this.notice.set({ message: { text: this.transloco.translate('invite.actions.failed', { reason: problem.detail ?? problem.title }) }, error: true });
      },
    });
  }
}
