import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { Message, problemMessage, reasonMessage } from '../core/messages';
import { toProblem } from '../core/problem';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { CaseworkApi, Feedback, FeedbackTemplate, pick } from './casework-api';

export const FEEDBACK_MAX = 2000;

/**
 * Feedback (återkoppling) to the child after the meeting: pick a template (optional), write
 * in own words, preview what the child will read, send. Earlier feedback and the child's
 * involvement rating are listed above the form.
 */
@Component({
  selector: 'dk-feedback-form',
  imports: [FormsModule, TranslocoPipe, MessagePipe, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="feedback-title" data-testid="feedback">
      <h2 id="feedback-title">{{ 'casework.feedback.title' | transloco }}</h2>
      <p class="muted">{{ 'casework.feedback.intro' | transloco }}</p>

      @if (given().length) {
        <h3>{{ 'casework.feedback.given' | transloco }}</h3>
        <ul class="given" data-testid="feedback-given">
          @for (f of given(); track f.id) {
            <li>
              <p class="small muted">{{ f.givenAt | dkDateTime: i18n.lang() }}</p>
              <p class="feedback-text">{{ f.text }}</p>
            </li>
          }
        </ul>
        <p data-testid="feedback-rating">
          {{ 'casework.feedback.rating' | transloco }}:
          <strong>{{ rating() === null ? ('casework.feedback.notRated' | transloco) : rating() === 'dont-know' ? ('casework.feedback.dontKnow' | transloco) : rating() + ' / 5' }}</strong>
        </p>
      }

      @if (sent()) {
        <p class="success" role="status" data-testid="feedback-sent">{{ 'casework.feedback.sent' | transloco }}</p>
        <button type="button" class="button secondary" (click)="writeMore()">{{ 'casework.feedback.writeMore' | transloco }}</button>
      } @else {
        <form (ngSubmit)="send()" novalidate>
          <div class="field">
            <label for="feedback-template">{{ 'casework.feedback.template' | transloco }}</label>
            <select id="feedback-template" name="template" [ngModel]="templateKey()" (ngModelChange)="chooseTemplate($event)" data-testid="feedback-template">
              <option value="">{{ 'casework.feedback.noTemplate' | transloco }}</option>
              @for (t of templates(); track t.key) {
                <option [value]="t.key">{{ pick(t.label, i18n.lang()) }}</option>
              }
            </select>
            <p class="hint">{{ 'casework.feedback.templateHint' | transloco }}</p>
          </div>
          <div class="field" [class.has-error]="error()">
            <label for="feedback-text">{{ 'casework.feedback.text' | transloco }}</label>
            <textarea
              id="feedback-text"
              name="text"
              rows="6"
              [maxlength]="max"
              [ngModel]="text()"
              (ngModelChange)="text.set($event)"
              [attr.aria-invalid]="error() ? true : null"
              aria-describedby="feedback-count feedback-error"
              data-testid="feedback-text"
            ></textarea>
            <p class="hint" id="feedback-count">{{ 'casework.feedback.count' | transloco: { n: text().length, max: max } }}</p>
            @if (error(); as e) {
              <p class="field-error" id="feedback-error" role="alert">{{ e | dkMessage: i18n.lang() }}</p>
            }
          </div>
          <div class="actions">
            <button type="button" class="button secondary" (click)="preview.set(!preview())" [attr.aria-expanded]="preview()" data-testid="feedback-preview-toggle">
              {{ (preview() ? 'casework.feedback.hidePreview' : 'casework.feedback.showPreview') | transloco }}
            </button>
            <button type="submit" class="button" [disabled]="sending()" data-testid="feedback-send">
              {{ (sending() ? 'casework.feedback.sending' : 'casework.feedback.send') | transloco }}
            </button>
          </div>
          @if (preview()) {
            <div class="preview" data-testid="feedback-preview" aria-live="polite">
              <p class="small muted">{{ 'casework.feedback.previewLabel' | transloco }}</p>
              <p class="feedback-text">{{ trimmed() || ('casework.feedback.previewEmpty' | transloco) }}</p>
            </div>
          }
        </form>
      }
    </section>
  `,
  styles: `
    .given { list-style: none; padding: 0; }
    .feedback-text { white-space: pre-wrap; font-size: 1.1rem; }
    .preview { margin-top: 1rem; padding: 1rem; border: 2px dashed #888; border-radius: 8px; background: #fafafa; }
    textarea { width: 100%; }
  `,
})
export class FeedbackForm {
  readonly invitationId = input.required<string>();

  private readonly api = inject(CaseworkApi);
  protected readonly i18n = inject(I18n);
  protected readonly pick = pick;
  protected readonly max = FEEDBACK_MAX;

  protected readonly templates = signal<FeedbackTemplate[]>([]);
  protected readonly given = signal<Feedback[]>([]);
  protected readonly rating = signal<string | null>(null);
  protected readonly templateKey = signal('');
  protected readonly text = signal('');
  protected readonly preview = signal(false);
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly trimmed = computed(() => this.text().trim());

  ngOnInit(): void {
    this.api.templates().subscribe({ next: ({ items }) => this.templates.set(items ?? []), error: () => this.templates.set([]) });
    this.loadGiven();
  }

  private loadGiven(): void {
    this.api.feedback(this.invitationId()).subscribe({
      next: ({ items, rating }) => {
        this.given.set(items ?? []);
        this.rating.set(rating ?? null);
      },
      error: () => undefined,
    });
  }

  protected chooseTemplate(key: string): void {
    this.templateKey.set(key);
    const template = this.templates().find((t) => t.key === key);
    if (!template) return;
    const start = pick(template.text, this.i18n.lang());
    // Keep what the caseworker already wrote after the template's opening words.
    const own = this.text().trim();
    this.text.set(own && !this.templates().some((t) => own === pick(t.text, this.i18n.lang()).trim()) ? `${start}${own}` : start);
  }

  protected send(): void {
    const text = this.trimmed();
    if (!text) return this.error.set({ key: 'casework.feedback.required' });
    if (text.length > this.max) return this.error.set({ key: 'errors.maxLength', params: { max: this.max } });
    this.error.set(null);
    this.sending.set(true);
    this.api.giveFeedback(this.invitationId(), { text, ...(this.templateKey() ? { templateKey: this.templateKey() } : {}) }).subscribe({
      next: (feedback) => {
        this.sending.set(false);
        this.sent.set(true);
        this.given.update((items) => [...items, feedback]);
        this.text.set('');
        this.templateKey.set('');
        this.preview.set(false);
      },
      error: (e: unknown) => {
        this.sending.set(false);
        const problem = toProblem(e);
        const field = problem.errors?.find((f) => f.field.endsWith('text'));
        this.error.set(field ? reasonMessage('text', field.reason) : problemMessage(problem));
      },
    });
  }

  protected writeMore(): void {
    this.sent.set(false);
  }
}
