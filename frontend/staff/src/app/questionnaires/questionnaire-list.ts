import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { problemMessage } from '../core/messages';
import { toProblem, type ProblemDetails } from '../core/problem';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { MessagePipe } from '../shared/message.pipe';
import { TemplateView } from './model';
import { QuestionnaireApi } from './questionnaire-api';

/** "Frågeformulär": the templates with their versions; the central office opens drafts to edit. */
@Component({
  selector: 'dk-questionnaire-list',
  imports: [TranslocoPipe, RouterLink, DateTimePipe, MessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'questionnaires.title' | transloco }}</h1>
    <p class="muted">{{ (canEdit() ? 'questionnaires.introCentral' : 'questionnaires.introReadOnly') | transloco }}</p>
    @switch (status()) {
      @case ('error') {
        <p class="error-text" role="alert">
          {{ 'questionnaires.loadError' | transloco }}
          @if (problem(); as p) {
            {{ message(p) | dkMessage: i18n.lang() }}
          }
        </p>
        <button type="button" class="button secondary" (click)="load()">{{ 'app.retry' | transloco }}</button>
      }
      @case ('ready') {
        @if (items().length === 0) {
          <p class="empty">{{ 'questionnaires.empty' | transloco }}</p>
        }
        @for (t of items(); track t.id) {
          <section class="card" [attr.aria-labelledby]="'tpl-' + t.key" [attr.data-testid]="'template-' + t.key">
            <h2 [id]="'tpl-' + t.key">{{ i18n.lang() === 'sv' ? t.name.sv : t.name.en }}</h2>
            <p class="muted">
              {{ 'questionnaires.ageBand' | transloco: { band: t.ageBand } }}
              @if (t.latestPublished; as lp) {
                · {{ 'questionnaires.inUse' | transloco: { version: lp.version } }}
              } @else {
                · {{ 'questionnaires.noneInUse' | transloco }}
              }
            </p>
            @if (canEdit()) {
              <a class="button" [routerLink]="['/questionnaires', t.key, 'edit']" [attr.data-testid]="'edit-' + t.key">
                {{ (hasDraft(t) ? 'questionnaires.continueDraft' : 'questionnaires.newDraft') | transloco }}
              </a>
            }
            <div class="table-scroll" role="region" tabindex="0" [attr.aria-label]="'questionnaires.versionsOf' | transloco: { name: t.key }">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{{ 'questionnaires.version' | transloco }}</th>
                    <th scope="col">{{ 'questionnaires.status' | transloco }}</th>
                    <th scope="col">{{ 'questionnaires.publishedAt' | transloco }}</th>
                    <th scope="col">{{ 'questionnaires.publishedBy' | transloco }}</th>
                    <th scope="col"><span class="visually-hidden">{{ 'questionnaires.open' | transloco }}</span></th>
                  </tr>
                </thead>
                <tbody>
                  @for (v of t.versions; track v.id) {
                    <tr>
                      <td>{{ v.version }}</td>
                      <td>
                        {{ (v.status === 'draft' ? 'questionnaires.statusDraft' : 'questionnaires.statusPublished') | transloco }}
                        @if (v.id === t.latestPublished?.id) {
                          <span class="badge">{{ 'questionnaires.current' | transloco }}</span>
                        }
                      </td>
                      <td>{{ v.publishedAt ? (v.publishedAt | dkDateTime: i18n.lang()) : '–' }}</td>
                      <td>{{ v.publishedBy === 'system' ? ('questionnaires.system' | transloco) : v.publishedBy ? ('questionnaires.centralOffice' | transloco) : '–' }}</td>
                      <td>
                        @if (v.status === 'draft') {
                          @if (canEdit()) {
                            <a [routerLink]="['/questionnaires', t.key, 'edit']">{{ 'questionnaires.edit' | transloco }}</a>
                          }
                        } @else {
                          <a [routerLink]="['/questionnaires', t.key, 'versions', v.version]">{{ 'questionnaires.view' | transloco }}</a>
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          </section>
        }
      }
      @default {
        <p class="muted" role="status">{{ 'questionnaires.loading' | transloco }}</p>
      }
    }
  `,
})
export class QuestionnaireList {
  private readonly api = inject(QuestionnaireApi);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly message = problemMessage;

  protected readonly items = signal<TemplateView[]>([]);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly canEdit = computed(() => (this.session.me()?.roles ?? []).includes('central-analyst'));

  constructor() {
    this.load();
  }

  protected hasDraft(t: TemplateView): boolean {
    return t.versions.some((v) => v.status === 'draft');
  }

  load(): void {
    this.status.set('loading');
    this.api.list().subscribe({
      next: (r) => {
        this.items.set(r.items);
        this.status.set('ready');
      },
      error: (e: unknown) => {
        this.problem.set(toProblem(e));
        this.status.set('error');
      },
    });
  }
}
