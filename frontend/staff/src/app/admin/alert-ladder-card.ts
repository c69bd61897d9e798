import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AlertLadder, DistrictSettingsApi } from '../core/district-settings';
import { Message, problemMessage } from '../core/messages';
import { fieldErrors, toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';

type Field = keyof AlertLadder;

/**
 * "Trygghetslarm – eskalering": the district admin sets when an unacknowledged safety alert
 * goes further (N minutes: the unit leads again; M minutes, outside office hours: the duty
 * contacts), the office hours, the district's closed days besides public holidays, and the
 * duty phone and e-mail. Server errors are shown at their field.
 */
@Component({
  selector: 'dk-alert-ladder-card',
  imports: [TranslocoPipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="alert-ladder-title" [attr.aria-busy]="saving()" data-testid="alert-ladder">
      <h2 id="alert-ladder-title">{{ 'admin.ladder.title' | transloco }}</h2>
      <p class="muted">{{ 'admin.ladder.intro' | transloco }}</p>
      @if (form(); as f) {
        <form (submit)="save($event)" novalidate>
          <div class="grid">
            <div class="field">
              <label for="ladder-n">{{ 'admin.ladder.unitLeadMinutes' | transloco }}</label>
              <input id="ladder-n" type="number" min="1" inputmode="numeric" [value]="f.unitLeadMinutes" (input)="setNumber('unitLeadMinutes', $event)" [attr.aria-invalid]="!!errors()['unitLeadMinutes']" aria-describedby="ladder-n-error" data-testid="ladder-n" />
              <p class="error-text small" id="ladder-n-error">{{ errors()['unitLeadMinutes'] }}</p>
            </div>
            <div class="field">
              <label for="ladder-m">{{ 'admin.ladder.dutyMinutes' | transloco }}</label>
              <input id="ladder-m" type="number" min="2" inputmode="numeric" [value]="f.dutyMinutes" (input)="setNumber('dutyMinutes', $event)" [attr.aria-invalid]="!!errors()['dutyMinutes']" aria-describedby="ladder-m-error" data-testid="ladder-m" />
              <p class="error-text small" id="ladder-m-error">{{ errors()['dutyMinutes'] }}</p>
            </div>
            <div class="field">
              <label for="ladder-start">{{ 'admin.ladder.officeStart' | transloco }}</label>
              <input id="ladder-start" type="time" [value]="f.officeStart" (input)="setText('officeStart', $event)" aria-describedby="ladder-start-error" />
              <p class="error-text small" id="ladder-start-error">{{ errors()['officeStart'] }}</p>
            </div>
            <div class="field">
              <label for="ladder-end">{{ 'admin.ladder.officeEnd' | transloco }}</label>
              <input id="ladder-end" type="time" [value]="f.officeEnd" (input)="setText('officeEnd', $event)" aria-describedby="ladder-end-error" />
              <p class="error-text small" id="ladder-end-error">{{ errors()['officeEnd'] }}</p>
            </div>
            <div class="field">
              <label for="ladder-phone">{{ 'admin.ladder.dutyPhone' | transloco }}</label>
              <input id="ladder-phone" type="tel" autocomplete="off" [value]="f.dutyPhone ?? ''" (input)="setText('dutyPhone', $event)" aria-describedby="ladder-phone-error" data-testid="ladder-phone" />
              <p class="error-text small" id="ladder-phone-error">{{ errors()['dutyPhone'] }}</p>
            </div>
            <div class="field">
              <label for="ladder-email">{{ 'admin.ladder.dutyEmail' | transloco }}</label>
              <input id="ladder-email" type="email" autocomplete="off" [value]="f.dutyEmail ?? ''" (input)="setText('dutyEmail', $event)" aria-describedby="ladder-email-error" />
              <p class="error-text small" id="ladder-email-error">{{ errors()['dutyEmail'] }}</p>
            </div>
          </div>
          <fieldset class="field">
            <legend>{{ 'admin.ladder.closedDates' | transloco }}</legend>
            <p class="hint">{{ 'admin.ladder.closedDatesHint' | transloco }}</p>
            <ul class="dates" data-testid="ladder-dates">
              @for (d of f.closedDates; track d) {
                <li>
                  {{ d }}
                  <button type="button" class="button secondary small" (click)="removeDate(d)">
                    {{ 'admin.ladder.remove' | transloco }} <span class="visually-hidden">{{ d }}</span>
                  </button>
                </li>
              } @empty {
                <li class="muted">{{ 'admin.ladder.noClosedDates' | transloco }}</li>
              }
            </ul>
            <label for="ladder-date" class="visually-hidden">{{ 'admin.ladder.addDate' | transloco }}</label>
            <input id="ladder-date" type="date" #date />
            <button type="button" class="button secondary" (click)="addDate(date.value); date.value = ''">{{ 'admin.ladder.addDate' | transloco }}</button>
            <p class="error-text small">{{ errors()['closedDates'] }}</p>
          </fieldset>
          <button type="submit" class="button" [disabled]="saving()" data-testid="ladder-save">{{ 'admin.ladder.save' | transloco }}</button>
          <p role="status" class="small muted" data-testid="ladder-status">
            @if (saving()) {
              {{ 'admin.settings.saving' | transloco }}
            } @else if (problem(); as p) {
              <span class="error-text">{{ 'admin.settings.saveFailed' | transloco }} {{ p | dkMessage: i18n.lang() }}</span>
            } @else if (saved()) {
              {{ 'admin.settings.saved' | transloco }}
            }
          </p>
        </form>
      } @else {
        <p class="muted" role="status">{{ 'admin.settings.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
    .dates { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
  `,
})
export class AlertLadderCard {
  private readonly api = inject(DistrictSettingsApi);
  protected readonly i18n = inject(I18n);
  protected readonly form = signal<AlertLadder | null>(null);
  protected readonly errors = signal<Partial<Record<Field, string>>>({});
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly problem = signal<Message | null>(null);

  constructor() {
    // The settings card loads the district's settings; the form starts from what is saved.
    effect(() => {
      const ladder = this.api.current()?.alertLadder;
      if (ladder && !this.form()) this.form.set({ ...ladder, closedDates: [...ladder.closedDates] });
    });
  }

  protected setNumber(field: 'unitLeadMinutes' | 'dutyMinutes', e: Event): void {
    this.patch({ [field]: Number((e.target as HTMLInputElement).value) });
  }

  protected setText(field: 'officeStart' | 'officeEnd' | 'dutyPhone' | 'dutyEmail', e: Event): void {
    const value = (e.target as HTMLInputElement).value.trim();
    this.patch({ [field]: field === 'dutyPhone' || field === 'dutyEmail' ? value || null : value });
  }

  protected addDate(date: string): void {
    const f = this.form();
    if (!f || !/^\d{4}-\d{2}-\d{2}$/.test(date) || f.closedDates.includes(date)) return;
    this.patch({ closedDates: [...f.closedDates, date].sort() });
  }

  protected removeDate(date: string): void {
    this.patch({ closedDates: (this.form()?.closedDates ?? []).filter((d) => d !== date) });
  }

  protected save(e: Event): void {
    e.preventDefault();
    const f = this.form();
    if (!f) return;
    this.saving.set(true);
    this.saved.set(false);
    this.problem.set(null);
    this.errors.set({});
    this.api.updateLadder(f).subscribe({
      next: (s) => {
        this.saving.set(false);
        this.saved.set(true);
        if (s.alertLadder) this.form.set({ ...s.alertLadder, closedDates: [...s.alertLadder.closedDates] });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const problem = toProblem(err);
        const byField = fieldErrors(problem);
        this.errors.set(Object.fromEntries(Object.entries(byField).map(([k, v]) => [k, v.join(' ')])));
        this.problem.set(problemMessage(problem));
      },
    });
  }

  private patch(change: Partial<AlertLadder>): void {
    const f = this.form();
    if (f) this.form.set({ ...f, ...change });
    this.saved.set(false);
  }
}
