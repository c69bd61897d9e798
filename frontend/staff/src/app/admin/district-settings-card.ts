import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { DistrictSettingsApi } from '../core/district-settings';
import { Message, problemMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { DateTimePipe } from '../shared/date-time.pipe';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';

/** "Inställningar": what the district admin turns on for their district (BankID for young people). */
@Component({
  selector: 'dk-district-settings-card',
  imports: [TranslocoPipe, MessagePipe, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="district-settings-title" [attr.aria-busy]="status() === 'loading' || saving()">
      <h2 id="district-settings-title">{{ 'admin.settings.title' | transloco }}</h2>
      @switch (status()) {
        @case ('error') {
          <p class="error-text" role="alert">{{ 'admin.settings.error' | transloco }} {{ problem() | dkMessage: i18n.lang() }}</p>
          <button type="button" class="button secondary" (click)="load()">{{ 'app.retry' | transloco }}</button>
        }
        @case ('ready') {
          @let s = api.current();
          <div class="field">
            <label class="checkbox" for="child-bankid">
              <input
                id="child-bankid"
                type="checkbox"
                data-testid="child-bankid-setting"
                [checked]="s?.childBankId ?? false"
                [disabled]="saving()"
                aria-describedby="child-bankid-hint"
                (change)="toggle($event)"
              />
              {{ 'admin.settings.childBankId' | transloco }}
            </label>
            <p class="hint" id="child-bankid-hint">{{ 'admin.settings.childBankIdHint' | transloco }}</p>
          </div>
          <p role="status" class="small muted" data-testid="district-settings-status">
            @if (saving()) {
              {{ 'admin.settings.saving' | transloco }}
            } @else if (saveProblem(); as p) {
              <span class="error-text">{{ 'admin.settings.saveFailed' | transloco }} {{ p | dkMessage: i18n.lang() }}</span>
            } @else if (saved()) {
              {{ 'admin.settings.saved' | transloco }}
            } @else if (s?.updatedAt) {
              {{ 'admin.settings.changedAt' | transloco: { at: (s?.updatedAt | dkDateTime: i18n.lang()) } }}
            }
          </p>
        }
        @default {
          <p class="muted" role="status">{{ 'admin.settings.loading' | transloco }}</p>
        }
      }
    </section>
  `,
})
export class DistrictSettingsCard implements OnInit {
  protected readonly api = inject(DistrictSettingsApi);
  protected readonly i18n = inject(I18n);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly problem = signal<Message | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly saveProblem = signal<Message | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.status.set('loading');
    this.api.load().subscribe({
      next: () => this.status.set('ready'),
      error: (e: unknown) => {
        this.problem.set(problemMessage(toProblem(e)));
        this.status.set('error');
      },
    });
  }

  protected toggle(e: Event): void {
    const input = e.target as HTMLInputElement;
    this.saving.set(true);
    this.saved.set(false);
    this.saveProblem.set(null);
    this.api.update(input.checked).subscribe({
      next: () => {
        this.saving.set(false);
        this.saved.set(true);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        // The box shows what is really saved.
        input.checked = this.api.current()?.childBankId ?? false;
        this.saveProblem.set(problemMessage(toProblem(err)));
      },
    });
  }
}
