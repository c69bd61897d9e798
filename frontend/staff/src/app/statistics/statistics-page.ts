import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AnswersView } from './answers-view';
import { ParticipationView } from './participation-view';

/** "Statistik": how children answered (Svar) and how many took part (Delaktighet), as tabs. */
@Component({
  selector: 'dk-statistics-page',
  imports: [TranslocoPipe, AnswersView, ParticipationView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'statistics.pageTitle' | transloco }}</h1>
    <div class="tabs" role="tablist" [attr.aria-label]="'statistics.pageTitle' | transloco">
      @for (t of tabs; track t) {
        <button
          type="button"
          role="tab"
          class="tab"
          [id]="'tab-' + t"
          [attr.data-testid]="'stat-tab-' + t"
          [attr.aria-selected]="tab() === t"
          [attr.aria-controls]="'panel-' + t"
          [attr.tabindex]="tab() === t ? 0 : -1"
          (click)="tab.set(t)"
          (keydown)="onKey($event)"
        >
          {{ 'statistics.tab.' + t | transloco }}
        </button>
      }
    </div>
    <div role="tabpanel" [id]="'panel-' + tab()" [attr.aria-labelledby]="'tab-' + tab()" tabindex="0">
      @if (tab() === 'answers') {
        <dk-answers-view />
      } @else {
        <dk-participation-view />
      }
    </div>
  `,
  styles: `
    .tabs { display: flex; gap: var(--space-1); border-block-end: 2px solid #c8d0d9; margin-block-end: var(--space-3); }
    .tab { font: inherit; font-weight: 600; padding: var(--space-2) var(--space-4); border: 0; background: none; border-block-end: 4px solid transparent; cursor: pointer; min-height: 2.75rem; color: inherit; }
    .tab[aria-selected='true'] { border-block-end-color: #1b5e9f; color: #1b5e9f; }
    .tab:focus-visible { outline: 3px solid #1b5e9f; outline-offset: 2px; }
  `,
})
export class StatisticsPage {
  protected readonly tabs = ['answers', 'participation'] as const;
  readonly tab = signal<'answers' | 'participation'>('answers');

  /** Arrow keys move between the tabs (WAI-ARIA tabs pattern). */
  onKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = this.tab() === 'answers' ? 'participation' : 'answers';
    this.tab.set(next);
    (document.getElementById(`tab-${next}`) as HTMLElement | null)?.focus();
    e.preventDefault();
  }
}
