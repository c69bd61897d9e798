import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { map } from 'rxjs';
import { problemMessage } from '../core/messages';
import { I18n } from '../i18n/i18n';
import { MessagePipe } from '../shared/message.pipe';
import { AnswerPipe } from './answer.pipe';
import { pick } from './casework-api';
import { ResponseStore } from './response-store';

/**
 * The screen the caseworker shares with the child during the meeting: one area at a time
 * in large text, next/previous (buttons or arrow keys), and nothing else — it covers the
 * whole window, so no header, alert count or other child's data is visible. Escape ends it.
 */
@Component({
  selector: 'dk-conversation-page',
  imports: [TranslocoPipe, AnswerPipe, MessagePipe],
  providers: [ResponseStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <div class="conversation" role="region" [attr.aria-label]="'casework.conversation.title' | transloco" data-testid="conversation">
      @switch (store.status()) {
        @case ('error') {
          <p class="error-text" role="alert">
            {{ 'casework.answers.error' | transloco }}
            @if (store.problem(); as problem) {
              {{ message(problem) | dkMessage: i18n.lang() }}
            }
          </p>
        }
        @case ('ready') {
          @if (area(); as a) {
            <p class="progress" data-testid="conversation-progress">{{ 'casework.conversation.progress' | transloco: { n: index() + 1, total: total() } }}</p>
            <h1 #heading tabindex="-1" data-testid="conversation-area">{{ pick(a.title, i18n.lang()) || a.id }}</h1>
            <ul class="items">
              @for (q of a.questions; track q.questionId) {
                <li data-testid="conversation-question">
                  <p class="q">{{ pick(q.text, i18n.lang()) || q.questionId }}</p>
                  <p class="a">{{ q.answer | dkAnswer: i18n.lang() }}</p>
                  @if (q.wantsToTalk) {
                    <p class="talk">{{ 'casework.conversation.wantsToTalk' | transloco }}</p>
                  }
                </li>
              }
            </ul>
          } @else {
            <p class="a">{{ 'casework.answers.notSubmittedLong' | transloco }}</p>
          }
        }
        @default {
          <p class="muted" role="status">{{ 'casework.answers.loading' | transloco }}</p>
        }
      }
      <nav class="nav" [attr.aria-label]="'casework.conversation.navigation' | transloco">
        <button type="button" class="button secondary big" (click)="previous()" [disabled]="index() === 0" data-testid="conversation-previous">
          ← {{ 'casework.conversation.previous' | transloco }}
        </button>
        <button type="button" class="button secondary big" (click)="close()" data-testid="conversation-close">{{ 'casework.conversation.close' | transloco }}</button>
        <button type="button" class="button big" (click)="next()" [disabled]="index() >= total() - 1" data-testid="conversation-next">
          {{ 'casework.conversation.next' | transloco }} →
        </button>
      </nav>
    </div>
  `,
  styles: `
    .conversation { position: fixed; inset: 0; z-index: 1000; overflow: auto; background: #fff; color: #111; padding: 2rem clamp(1rem, 5vw, 4rem) 7rem; font-size: 1.5rem; line-height: 1.5; }
    h1 { font-size: 2.6rem; margin: 0 0 1.5rem; }
    .progress { font-size: 1.1rem; color: #444; margin: 0 0 0.5rem; }
    .items { list-style: none; padding: 0; margin: 0; display: grid; gap: 1.5rem; }
    .q { margin: 0; font-weight: 600; }
    .a { margin: 0.25rem 0 0; font-size: 1.9rem; }
    .talk { margin: 0.25rem 0 0; color: #1d5fa8; font-weight: 600; }
    .nav { position: fixed; left: 0; right: 0; bottom: 0; display: flex; justify-content: space-between; gap: 1rem; padding: 1rem clamp(1rem, 5vw, 4rem); background: #fff; border-top: 1px solid #ddd; }
    .big { font-size: 1.3rem; padding: 0.75rem 1.5rem; }
  `,
})
export class ConversationPage {
  protected readonly store = inject(ResponseStore);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;
  protected readonly pick = pick;
  private readonly router = inject(Router);
  private readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get('id') ?? '')), { initialValue: '' });
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  protected readonly index = signal(0);
  private readonly areas = computed(() => (this.store.view()?.status === 'submitted' ? (this.store.view()?.areas ?? []) : []));
  protected readonly total = computed(() => this.areas().length);
  protected readonly area = computed(() => this.areas()[this.index()] ?? null);

  constructor() {
    // Move focus to the area heading whenever the area changes, so screen readers follow.
    effect(() => {
      this.index();
      this.heading()?.nativeElement.focus();
    });
  }

  ngOnInit(): void {
    this.store.load(this.id(), 'conversation');
  }

  protected next(): void {
    if (this.index() < this.total() - 1) this.index.update((i) => i + 1);
  }

  protected previous(): void {
    if (this.index() > 0) this.index.update((i) => i - 1);
  }

  protected close(): void {
    void this.router.navigate(['/invitations', this.id()]);
  }

  protected onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    if (event.key === 'ArrowRight') this.next();
    else if (event.key === 'ArrowLeft') this.previous();
    else if (event.key === 'Escape') this.close();
  }
}
