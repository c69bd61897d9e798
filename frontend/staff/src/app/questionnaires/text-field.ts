import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Issue, LocalizedText, Locale, RTL_LOCALES, issuesAt } from './model';

let nextId = 0;

/**
 * One text of the questionnaire in the selected language: the text, its read-aloud audio
 * key, the Swedish original as a reference while translating, a machine-draft notice, and
 * the server's issues for this path.
 */
@Component({
  selector: 'dk-text-field',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field" [class.has-error]="fieldIssues().length > 0">
      <label [for]="uid + '-text'">{{ label() }} <span class="muted small">({{ 'questionnaires.locale.' + locale() | transloco }})</span></label>
      @if (locale() !== 'sv' && value()?.sv?.text) {
        <p class="muted small" [id]="uid + '-ref'" lang="sv">{{ 'questionnaires.swedishReference' | transloco }}: {{ value()?.sv?.text }}</p>
      }
      @if (multiline()) {
        <textarea
          [id]="uid + '-text'"
          rows="3"
          [attr.data-path]="path()"
          [attr.lang]="locale()"
          [attr.dir]="rtl() ? 'rtl' : 'ltr'"
          [value]="entry()?.text ?? ''"
          [readOnly]="readOnly()"
          [attr.aria-invalid]="fieldIssues().length > 0"
          [attr.aria-describedby]="describedBy()"
          (input)="textChange.emit($any($event.target).value)"
        ></textarea>
      } @else {
        <input
          type="text"
          [id]="uid + '-text'"
          [attr.data-path]="path()"
          [attr.lang]="locale()"
          [attr.dir]="rtl() ? 'rtl' : 'ltr'"
          [value]="entry()?.text ?? ''"
          [readOnly]="readOnly()"
          [attr.aria-invalid]="fieldIssues().length > 0"
          [attr.aria-describedby]="describedBy()"
          (input)="textChange.emit($any($event.target).value)"
        />
      }
      @if (entry()?.machineDraft) {
        <p class="notice small" [id]="uid + '-draft'">{{ 'questionnaires.machineDraftNotice' | transloco }}</p>
      }
      @if (withAudio() && entry()) {
        <label class="small" [for]="uid + '-audio'">{{ 'questionnaires.audioKey' | transloco }}</label>
        <input
          type="text"
          class="small-input"
          [id]="uid + '-audio'"
          [value]="entry()?.audio ?? ''"
          [readOnly]="readOnly()"
          placeholder="audio/sv/home-safe"
          (change)="audioChange.emit($any($event.target).value)"
        />
      }
      @if (fieldIssues().length) {
        <ul class="error-text small" [id]="uid + '-issues'">
          @for (i of fieldIssues(); track i.path + i.message) {
            <li>{{ i.message }}</li>
          }
        </ul>
      }
    </div>
  `,
})
export class TextField {
  readonly label = input.required<string>();
  readonly path = input.required<string>();
  readonly value = input<LocalizedText | undefined>();
  readonly locale = input.required<Locale>();
  readonly issues = input<readonly Issue[]>([]);
  readonly readOnly = input(false);
  readonly multiline = input(false);
  readonly withAudio = input(true);
  readonly textChange = output<string>();
  readonly audioChange = output<string>();

  protected readonly uid = `dk-text-${nextId++}`;
  protected readonly entry = computed(() => this.value()?.[this.locale()]);
  protected readonly rtl = computed(() => RTL_LOCALES.includes(this.locale()));
  /** Issues of this text in the selected language, or of the text as a whole. */
  protected readonly fieldIssues = computed(() =>
    issuesAt(this.issues(), this.path()).filter((i) => {
      const rest = i.path.slice(this.path().length + 1).split('.')[0];
      return !rest || rest === this.locale() || !/^[a-z]{2}$/.test(rest);
    }),
  );
  protected readonly describedBy = computed(() => {
    const ids = [];
    if (this.locale() !== 'sv' && this.value()?.sv?.text) ids.push(`${this.uid}-ref`);
    if (this.entry()?.machineDraft) ids.push(`${this.uid}-draft`);
    if (this.fieldIssues().length) ids.push(`${this.uid}-issues`);
    return ids.join(' ') || null;
  });
}
