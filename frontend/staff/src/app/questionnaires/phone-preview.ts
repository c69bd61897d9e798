import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, input, viewChild } from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';
import { TranslocoPipe } from '@jsverse/transloco';
import { APP_CONFIG } from '../core/config';
import { Locale, QuestionnaireContent } from './model';

/** The message the child app's `#/preview` renders (ADR 0009, "Staff editor preview"). */
export interface PreviewMessage {
  type: 'delaktig-preview';
  content: QuestionnaireContent;
  locale: Locale;
  questionId?: string;
}

/**
 * The child app in a phone-sized frame. Whenever the content, language or selected
 * question changes it posts them to the frame (target origin: the child app's only);
 * the child app renders exactly its own screens and saves nothing.
 */
@Component({
  selector: 'dk-phone-preview',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="phone-preview" aria-labelledby="preview-title">
      <h2 id="preview-title" class="small">{{ 'questionnaires.preview' | transloco }}</h2>
      @if (src(); as url) {
        <div class="phone">
          <iframe
            #frame
            [src]="url"
            width="375"
            height="667"
            data-testid="phone-preview"
            [title]="'questionnaires.previewFrameTitle' | transloco"
            (load)="post()"
          ></iframe>
        </div>
        <p class="muted small">{{ 'questionnaires.previewHint' | transloco }}</p>
      } @else {
        <p class="muted">{{ 'questionnaires.previewUnavailable' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .phone { width: 391px; max-width: 100%; padding: 8px; border: 2px solid #333; border-radius: 28px; background: #111; }
    iframe { display: block; width: 375px; max-width: 100%; height: 667px; border: 0; border-radius: 20px; background: #fff; }
  `,
})
export class PhonePreview {
  readonly content = input<QuestionnaireContent | null>(null);
  readonly locale = input.required<Locale>();
  readonly questionId = input<string | undefined>();

  private readonly frame = viewChild<ElementRef<HTMLIFrameElement>>('frame');
  private readonly base = inject(APP_CONFIG).childAppUrl;
  private readonly origin = this.base ? new URL(this.base).origin : null;
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly src = computed(() => (this.base ? this.sanitizer.bypassSecurityTrustResourceUrl(`${this.base}/#/preview`) : null));

  constructor() {
    effect(() => this.post());
    // The child app may say it is ready (after its own start-up); answer with the current state.
    const onMessage = (event: MessageEvent) => {
      if (event.origin === this.origin && (event.data as { type?: string } | null)?.type === 'delaktig-preview-ready') this.post();
    };
    window.addEventListener('message', onMessage);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('message', onMessage));
  }

  /** The message for the current state (exported for tests). */
  message(): PreviewMessage | null {
    const content = this.content();
    if (!content) return null;
    const questionId = this.questionId();
    return { type: 'delaktig-preview', content, locale: this.locale(), ...(questionId ? { questionId } : {}) };
  }

  post(): void {
    const msg = this.message();
    const win = this.frame()?.nativeElement.contentWindow;
    if (!msg || !win || !this.origin) return;
    win.postMessage(JSON.parse(JSON.stringify(msg)), this.origin);
  }
}
