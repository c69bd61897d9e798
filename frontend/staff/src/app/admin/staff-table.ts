import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Message, problemMessage } from '../core/messages';
import { fieldErrors, toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { StaffAdminApi, StaffMember } from './staff-admin.api';

/**
 * Staff with their status and work contact (where safety alerts reach them; "Ändra
 * kontakt" edits it in place), and "Avsluta" / "Återaktivera" behind a confirmation that names
 * the person and what happens (sessions end, BankID sign-in refused). Keyboard: the
 * confirmation takes focus; Avbryt returns it to the row's button.
 */
@Component({
  selector: 'dk-staff-table',
  imports: [TranslocoPipe, DateTimePipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll" role="region" tabindex="0" [attr.aria-label]="label()">
      <table class="table" data-testid="staff">
        <thead>
          <tr>
            <th scope="col">{{ 'admin.list.name' | transloco }}</th>
            <th scope="col">{{ 'admin.list.username' | transloco }}</th>
            <th scope="col">{{ 'admin.list.personalNumber' | transloco }}</th>
            <th scope="col">{{ 'admin.list.role' | transloco }}</th>
            @if (showUnit()) {
              <th scope="col">{{ 'admin.list.unit' | transloco }}</th>
            }
            <th scope="col">{{ 'admin.list.status' | transloco }}</th>
            <th scope="col">{{ 'admin.list.contact' | transloco }}</th>
            <th scope="col"><span class="visually-hidden">{{ 'admin.list.actions' | transloco }}</span></th>
          </tr>
        </thead>
        <tbody>
          @for (s of items(); track s.id) {
            <tr [attr.data-status]="s.status">
              <td>{{ displayName(s) }}</td>
              <td>{{ s.username }}</td>
              <td>{{ s.personalNumberMasked }}</td>
              <td>{{ 'admin.roles.' + s.role | transloco }}</td>
              @if (showUnit()) {
                <td>{{ s.unit ?? '–' }}</td>
              }
              <td>
                @if (s.status === 'active') {
                  {{ 'admin.status.active' | transloco }}
                } @else {
                  {{ 'admin.status.deactivated' | transloco }}
                  @if (s.deactivatedAt) {
                    <span class="muted small">({{ s.deactivatedAt | dkDateTime: i18n.lang() }})</span>
                  }
                }
              </td>
              <td data-testid="staff-contact">
                @if (editing()?.id === s.id) {
                  <form class="contact-form" (submit)="saveContact($event, s, email.value, mobile.value)" novalidate [attr.aria-label]="'admin.contact.edit' | transloco">
                    <label [for]="'email-' + s.id">{{ 'admin.contact.email' | transloco }}</label>
                    <input #email [id]="'email-' + s.id" type="email" [value]="s.email ?? ''" [attr.aria-invalid]="!!contactErrors()['email']" data-testid="contact-email" />
                    @if (contactErrors()['email']; as e) {
                      <p class="error-text small">{{ e }}</p>
                    }
                    <label [for]="'mobile-' + s.id">{{ 'admin.contact.mobile' | transloco }}</label>
                    <input #mobile [id]="'mobile-' + s.id" type="tel" [value]="s.workMobile ?? ''" [attr.aria-invalid]="!!contactErrors()['workMobile']" data-testid="contact-mobile" />
                    @if (contactErrors()['workMobile']; as e) {
                      <p class="error-text small" data-testid="contact-mobile-error">{{ e }}</p>
                    }
                    <button type="submit" class="button" [disabled]="busy()" data-testid="contact-save">{{ 'admin.contact.save' | transloco }}</button>
                    <button type="button" class="button secondary" [disabled]="busy()" (click)="stopEditing(s)">{{ 'admin.confirm.cancel' | transloco }}</button>
                  </form>
                } @else {
                  <span class="small">{{ s.email ?? '–' }}</span><br />
                  @if (s.workMobile) {
                    <span class="small">{{ s.workMobile }}</span>
                  } @else {
                    <span class="small warning" data-testid="no-mobile">{{ 'admin.contact.noMobile' | transloco }}</span>
                  }
                  <br />
                  <button type="button" class="link-button small" [id]="'contact-' + s.id" (click)="startEditing(s)" data-testid="contact-edit">
                    {{ 'admin.contact.edit' | transloco }} <span class="visually-hidden">{{ displayName(s) }}</span>
                  </button>
                }
              </td>
              <td>
                @if (confirming()?.id === s.id) {
                  <div class="confirm" role="group" [attr.aria-labelledby]="'confirm-' + s.id">
                    <p [id]="'confirm-' + s.id" tabindex="-1">
                      {{ (s.status === 'active' ? 'admin.confirm.deactivate' : 'admin.confirm.reactivate') | transloco: { name: displayName(s) } }}
                    </p>
                    <button type="button" class="button" [disabled]="busy()" (click)="run(s)">
                      {{ (s.status === 'active' ? 'admin.confirm.yesDeactivate' : 'admin.confirm.yesReactivate') | transloco }}
                    </button>
                    <button type="button" class="button secondary" [disabled]="busy()" (click)="cancel(s)">{{ 'admin.confirm.cancel' | transloco }}</button>
                    @if (error(); as e) {
                      <p class="error-text" role="alert">{{ e | dkMessage: i18n.lang() }}</p>
                    }
                  </div>
                } @else if (!isSelf(s)) {
                  <button type="button" class="button secondary" [id]="'action-' + s.id" (click)="ask(s)">
                    {{ (s.status === 'active' ? 'admin.actions.deactivate' : 'admin.actions.reactivate') | transloco }}
                    <span class="visually-hidden">{{ displayName(s) }}</span>
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class StaffTable {
  readonly items = input.required<StaffMember[]>();
  readonly label = input('');
  readonly showUnit = input(true);
  /** Username of the signed-in admin: no button to deactivate oneself. */
  readonly selfUsername = input<string | null>(null);
  readonly changed = output<StaffMember>();

  private readonly api = inject(StaffAdminApi);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);
  protected readonly confirming = signal<StaffMember | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly editing = signal<StaffMember | null>(null);
  protected readonly contactErrors = signal<Record<string, string>>({});

  protected displayName(s: StaffMember): string {
    const name = [s.givenName, s.familyName].filter(Boolean).join(' ');
    return name || s.username;
  }

  protected isSelf(s: StaffMember): boolean {
    return !!this.selfUsername() && s.username === this.selfUsername();
  }

  protected ask(s: StaffMember): void {
    this.error.set(null);
    this.confirming.set(s);
    this.focus(`confirm-${s.id}`);
  }

  protected cancel(s: StaffMember): void {
    this.confirming.set(null);
    this.focus(`action-${s.id}`);
  }

  protected run(s: StaffMember): void {
    this.busy.set(true);
    this.error.set(null);
    const call = s.status === 'active' ? this.api.deactivate(s.id) : this.api.reactivate(s.id);
    call.subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.confirming.set(null);
        this.changed.emit(updated);
        this.focus(`action-${s.id}`);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(problemMessage(toProblem(e)));
      },
    });
  }

  protected startEditing(s: StaffMember): void {
    this.contactErrors.set({});
    this.editing.set(s);
    this.focus(`email-${s.id}`);
  }

  protected stopEditing(s: StaffMember): void {
    this.editing.set(null);
    this.focus(`contact-${s.id}`);
  }

  /** Work e-mail and mobile: where safety alerts reach the person. */
  protected saveContact(e: Event, s: StaffMember, email: string, mobile: string): void {
    e.preventDefault();
    this.busy.set(true);
    this.contactErrors.set({});
    this.api.updateContact(s.id, { email: email.trim(), workMobile: mobile.trim() || null }).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.editing.set(null);
        this.changed.emit(updated);
        this.focus(`contact-${s.id}`);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const problem = toProblem(err);
        const byField = Object.fromEntries(Object.entries(fieldErrors(problem)).map(([k, v]) => [k, v.join(' ')]));
        if (!byField['email'] && !byField['workMobile']) byField['workMobile'] = problem.detail ?? problem.title ?? String(problem.status);
        this.contactErrors.set(byField);
      },
    });
  }

  private focus(id: string): void {
    setTimeout(() => (this.document.getElementById(id) as HTMLElement | null)?.focus());
  }
}
