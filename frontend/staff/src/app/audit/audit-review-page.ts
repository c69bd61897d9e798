import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { filenameFrom } from '../casework/casework-api';
import { DISTRICTS } from '../core/districts';
import { Session } from '../core/session';
import { I18n } from '../i18n/i18n';
import { DateTimePipe } from '../shared/date-time.pipe';
import { AuditReviewApi, FlagSettings, REVIEW_STATUSES, ReviewEntry, ReviewFilter, ReviewFlag, ReviewStatus } from './audit-review-api';

type View = 'entries' | 'flags' | 'sample';
type Load = 'idle' | 'loading' | 'ready' | 'error';
const ACTIONS = ['response.*', 'response.view', 'response.conversation', 'response.export-pdf', 'response.export-json', 'invitation.created', 'invitation.revoked', 'retention.erased', 'staff.sign-in', 'audit.log-read', 'audit.exported', 'audit.flag-reviewed'];

/**
 * Route `/logg`: the auditor's log review (logguppföljning). Filter by person, child (case
 * reference), action, period and district; "who has read this child's answers" from any
 * entry; flags of unusual reads with their review; a random sample; export as CSV or PDF.
 * The gateway records every one of these reads in the log itself.
 */
@Component({
  selector: 'dk-audit-review-page',
  imports: [TranslocoPipe, FormsModule, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .review-filters { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: flex-end; }
    .review-filters .field { margin: 0; }
    .segmented { display: flex; gap: var(--space-2); margin-block: var(--space-4); flex-wrap: wrap; }
    .flag { display: inline-block; margin: 0 var(--space-1) var(--space-1) 0; padding: 0 var(--space-2); border-radius: 999px; background: #fff4e5; border: 1px solid #b25e00; color: #6b3800; font-size: 0.8125rem; white-space: nowrap; }
    .flag[data-status='justified'] { background: #eaf5ea; border-color: #2e7d32; color: #1b4d1e; }
    .flag[data-status='reported'] { background: #fdecea; border-color: #b3261e; color: #7a1712; }
    .flag-card { border: 1px solid var(--color-border); border-radius: 8px; padding: var(--space-3); margin-block-end: var(--space-3); }
    .flag-card h3 { margin: 0 0 var(--space-2); font-size: 1rem; }
    .review-form { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: flex-end; margin-block-start: var(--space-2); }
    .review-form textarea { min-width: 18rem; }
    .table td.wrap { white-space: normal; }
    .who-id { display: block; font-size: 0.75rem; color: var(--color-muted); font-family: ui-monospace, Menlo, Consolas, monospace; }
  `,
  template: `
    <h1 tabindex="-1">{{ 'auditReview.title' | transloco }}</h1>
    <p class="muted">{{ 'auditReview.intro' | transloco }}</p>

    <form class="card" (submit)="$event.preventDefault(); search()" data-testid="review-filters" [attr.aria-label]="'auditReview.filters' | transloco">
      <div class="review-filters">
        @if (isCentral()) {
          <div class="field">
            <label for="rv-district">{{ 'auditReview.district' | transloco }}</label>
            <select id="rv-district" name="district" [(ngModel)]="districtId">
              <option value="">{{ 'auditReview.ownDistrict' | transloco }}</option>
              <option value="all">{{ 'auditReview.allDistricts' | transloco }}</option>
              @for (d of districts; track d.id) {
                <option [value]="d.id">{{ d.name }}</option>
              }
            </select>
          </div>
        }
        <div class="field">
          <label for="rv-case">{{ 'auditReview.caseReference' | transloco }}</label>
          <input id="rv-case" name="caseReference" [(ngModel)]="caseReference" maxlength="64" autocomplete="off" data-testid="review-case" />
        </div>
        <div class="field">
          <label for="rv-actor">{{ 'auditReview.person' | transloco }}</label>
          <input id="rv-actor" name="actor" [(ngModel)]="actor" maxlength="100" autocomplete="off" />
        </div>
        <div class="field">
          <label for="rv-action">{{ 'auditReview.action' | transloco }}</label>
          <select id="rv-action" name="action" [(ngModel)]="action" data-testid="review-action">
            <option value="">{{ 'auditReview.anyAction' | transloco }}</option>
            @for (a of actions; track a) {
              <option [value]="a">{{ 'auditReview.actions.' + a | transloco }}</option>
            }
          </select>
        </div>
        <div class="field">
          <label for="rv-from">{{ 'auditReview.from' | transloco }}</label>
          <input id="rv-from" name="from" type="date" [(ngModel)]="from" />
        </div>
        <div class="field">
          <label for="rv-to">{{ 'auditReview.to' | transloco }}</label>
          <input id="rv-to" name="to" type="date" [(ngModel)]="to" />
        </div>
        <div class="actions">
          <button type="submit" class="button" data-testid="review-search">{{ 'auditReview.search' | transloco }}</button>
          <button type="button" class="button secondary" (click)="clear()">{{ 'auditReview.clear' | transloco }}</button>
        </div>
      </div>
      @if (child()) {
        <p role="status" data-testid="review-child-filter">{{ 'auditReview.childFilter' | transloco }}</p>
      }
    </form>

    <div class="segmented" role="group" [attr.aria-label]="'auditReview.views' | transloco">
      @for (v of views; track v) {
        <button type="button" class="button secondary" [attr.aria-pressed]="view() === v" (click)="show(v)" [attr.data-testid]="'review-view-' + v">
          {{ 'auditReview.' + v | transloco }}
        </button>
      }
    </div>

    <section class="card" aria-labelledby="rv-export-title">
      <h2 id="rv-export-title">{{ 'auditReview.export' | transloco }}</h2>
      <p class="muted">{{ 'auditReview.exportNote' | transloco }}</p>
      <div class="actions">
        <button type="button" class="button secondary" (click)="export('csv')" [attr.aria-disabled]="exporting() !== null" data-testid="review-export-csv">
          {{ (exporting() === 'csv' ? 'auditReview.exporting' : 'auditReview.exportCsv') | transloco }}
        </button>
        <button type="button" class="button secondary" (click)="export('pdf')" [attr.aria-disabled]="exporting() !== null" data-testid="review-export-pdf">
          {{ (exporting() === 'pdf' ? 'auditReview.exporting' : 'auditReview.exportPdf') | transloco }}
        </button>
      </div>
      @if (exportError()) {
        <p class="error-text" role="alert">{{ 'auditReview.exportError' | transloco }}</p>
      }
    </section>

    @switch (view()) {
      @case ('entries') {
        <section aria-labelledby="rv-entries-title" data-testid="review-entries">
          <h2 id="rv-entries-title">{{ (child() && readsOnly() ? 'auditReview.whoReadTitle' : 'auditReview.entries') | transloco }}</h2>
          @if (child() && readsOnly() && state() === 'ready') {
            <p role="status" data-testid="review-who-read-count">{{ 'auditReview.whoReadCount' | transloco: { n: entries().length } }}</p>
          }
          @switch (state()) {
            @case ('loading') { <p class="muted" role="status">{{ 'auditReview.loading' | transloco }}</p> }
            @case ('error') {
              <p class="error-text" role="alert">{{ 'auditReview.error' | transloco }}</p>
              <button type="button" class="button secondary" (click)="search()">{{ 'app.retry' | transloco }}</button>
            }
            @default {
              @if (!entries().length) {
                <p class="muted" data-testid="review-empty">{{ 'auditReview.empty' | transloco }}</p>
              } @else {
                <div class="table-scroll">
                  <table class="table">
                    <thead>
                      <tr>
                        <th scope="col">{{ 'auditReview.time' | transloco }}</th>
                        <th scope="col">{{ 'auditReview.who' | transloco }}</th>
                        <th scope="col">{{ 'auditReview.what' | transloco }}</th>
                        <th scope="col">{{ 'auditReview.about' | transloco }}</th>
                        <th scope="col">{{ 'auditReview.flagCol' | transloco }}</th>
                        <th scope="col"><span class="visually-hidden">{{ 'auditReview.views' | transloco }}</span></th>
                      </tr>
                    </thead>
                    <tbody>
                      @for (e of entries(); track e.id) {
                        <tr data-testid="review-entry">
                          <td><time [attr.datetime]="e.occurredAt">{{ e.occurredAt | dkDateTime: i18n.lang() }}</time></td>
                          <td data-testid="review-entry-who">{{ e.actorName ?? e.actor }}<span class="who-id">{{ e.actor }}</span></td>
                          <td data-testid="review-entry-action">{{ actionLabel(e.action) | transloco }}</td>
                          <td class="wrap">
                            @if (e.caseReference) {
                              <span data-testid="review-entry-case">{{ 'auditReview.caseRef' | transloco: { ref: e.caseReference } }}</span>
                            } @else if (e.objectType === 'invitation') {
                              {{ 'auditReview.invitation' | transloco: { id: e.objectId.slice(0, 8) } }}
                            } @else {
                              <span class="who-id">{{ e.objectType }}</span>
                            }
                          </td>
                          <td class="wrap">
                            @for (f of e.flags; track f.id) {
                              <span class="flag" [attr.data-status]="f.status" data-testid="review-entry-flag">{{ 'auditReview.kinds.' + f.kind | transloco }} · {{ 'auditReview.statuses.' + f.status | transloco }}</span>
                            }
                          </td>
                          <td>
                            <div class="row-actions">
                              @if (e.objectType === 'invitation') {
                                <button type="button" class="button small secondary" (click)="whoRead(e)" data-testid="review-who-read">{{ 'auditReview.whoRead' | transloco }}</button>
                              }
                              @if (e.actor !== 'child' && e.actor !== 'system') {
                                <button type="button" class="button small secondary" (click)="byPerson(e.actor)">{{ 'auditReview.personActions' | transloco }}</button>
                              }
                            </div>
                          </td>
                        </tr>
                      }
                    </tbody>
                  </table>
                </div>
                @if (nextBeforeSeq()) {
                  <button type="button" class="button secondary" (click)="more()">{{ 'auditReview.more' | transloco }}</button>
                }
              }
            }
          }
        </section>
      }
      @case ('flags') {
        <section aria-labelledby="rv-flags-title" data-testid="review-flags">
          <h2 id="rv-flags-title">{{ 'auditReview.flags' | transloco }}</h2>
          @if (settings(); as s) {
            <p class="muted">{{ 'auditReview.settings' | transloco: { from: s.officeHours.from, to: s.officeHours.to, tz: s.timeZone, n: s.manyChildren, min: s.manyChildrenMinutes } }}</p>
          }
          @switch (state()) {
            @case ('loading') { <p class="muted" role="status">{{ 'auditReview.loading' | transloco }}</p> }
            @case ('error') {
              <p class="error-text" role="alert">{{ 'auditReview.error' | transloco }}</p>
              <button type="button" class="button secondary" (click)="search()">{{ 'app.retry' | transloco }}</button>
            }
            @default {
              @if (!flags().length) {
                <p class="muted" data-testid="review-empty">{{ 'auditReview.noFlags' | transloco }}</p>
              }
              @for (f of flags(); track f.id) {
                <article class="flag-card" data-testid="review-flag" [attr.aria-labelledby]="'flag-' + f.id">
                  <h3 [id]="'flag-' + f.id">{{ 'auditReview.kinds.' + f.kind | transloco }}</h3>
                  <p>
                    <time [attr.datetime]="f.occurredAt">{{ f.occurredAt | dkDateTime: i18n.lang() }}</time> ·
                    {{ f.actorName ?? f.actor }}
                    @for (r of f.caseReferences; track r) { · {{ 'auditReview.caseRef' | transloco: { ref: r } }} }
                  </p>
                  <p class="muted">{{ flagDetail(f) | transloco: flagDetailParams(f) }}</p>
                  @if (f.review) {
                    <p class="muted" data-testid="review-flag-last">{{ 'auditReview.reviewedBy' | transloco: { name: f.review.reviewedByName ?? f.review.reviewedBy, at: (f.review.reviewedAt | dkDateTime: i18n.lang()) } }}</p>
                  }
                  <div class="review-form">
                    <div class="field">
                      <label [for]="'st-' + f.id">{{ 'auditReview.status' | transloco }}</label>
                      <select [id]="'st-' + f.id" [ngModel]="draft(f.id, f.review).status" (ngModelChange)="setDraft(f.id, { status: $event })" data-testid="review-flag-status">
                        @for (s of statuses; track s) {
                          <option [value]="s">{{ 'auditReview.statuses.' + s | transloco }}</option>
                        }
                      </select>
                    </div>
                    <div class="field">
                      <label [for]="'cm-' + f.id">{{ 'auditReview.comment' | transloco }}</label>
                      <textarea [id]="'cm-' + f.id" rows="2" maxlength="2000" [ngModel]="draft(f.id, f.review).comment" (ngModelChange)="setDraft(f.id, { comment: $event })" data-testid="review-flag-comment"></textarea>
                    </div>
                    <button type="button" class="button" (click)="save(f.id)" [attr.aria-disabled]="saving() === f.id" data-testid="review-flag-save">
                      {{ (saving() === f.id ? 'auditReview.saving' : 'auditReview.save') | transloco }}
                    </button>
                  </div>
                  @if (savedId() === f.id) { <p role="status" data-testid="review-flag-saved">{{ 'auditReview.saved' | transloco }}</p> }
                  @if (saveErrorId() === f.id) { <p class="error-text" role="alert">{{ 'auditReview.saveError' | transloco }}</p> }
                </article>
              }
            }
          }
        </section>
      }
      @case ('sample') {
        <section aria-labelledby="rv-sample-title" data-testid="review-sample">
          <h2 id="rv-sample-title">{{ 'auditReview.sample' | transloco }}</h2>
          <p class="muted">{{ 'auditReview.sampleIntro' | transloco }}</p>
          <div class="review-form">
            <div class="field">
              <label for="rv-size">{{ 'auditReview.sampleSize' | transloco }}</label>
              <input id="rv-size" type="number" min="1" max="200" [(ngModel)]="sampleSize" />
            </div>
            <button type="button" class="button" (click)="drawSample()" data-testid="review-draw-sample">{{ 'auditReview.drawSample' | transloco }}</button>
          </div>
          @switch (state()) {
            @case ('loading') { <p class="muted" role="status">{{ 'auditReview.loading' | transloco }}</p> }
            @case ('error') { <p class="error-text" role="alert">{{ 'auditReview.error' | transloco }}</p> }
            @case ('ready') {
              @if (!sampled().length) { <p class="muted">{{ 'auditReview.sampleEmpty' | transloco }}</p> }
              @for (e of sampled(); track e.id) {
                <article class="flag-card" data-testid="review-sampled">
                  <p>
                    <time [attr.datetime]="e.occurredAt">{{ e.occurredAt | dkDateTime: i18n.lang() }}</time> · {{ e.actorName ?? e.actor }} · {{ actionLabel(e.action) | transloco }}
                    @if (e.caseReference) { · {{ 'auditReview.caseRef' | transloco: { ref: e.caseReference } }} }
                  </p>
                  <div class="review-form">
                    <div class="field">
                      <label [for]="'st-' + e.id">{{ 'auditReview.status' | transloco }}</label>
                      <select [id]="'st-' + e.id" [ngModel]="draft('sample:' + e.id, null).status" (ngModelChange)="setDraft('sample:' + e.id, { status: $event })">
                        @for (s of statuses; track s) { <option [value]="s">{{ 'auditReview.statuses.' + s | transloco }}</option> }
                      </select>
                    </div>
                    <div class="field">
                      <label [for]="'cm-' + e.id">{{ 'auditReview.comment' | transloco }}</label>
                      <textarea [id]="'cm-' + e.id" rows="2" maxlength="2000" [ngModel]="draft('sample:' + e.id, null).comment" (ngModelChange)="setDraft('sample:' + e.id, { comment: $event })"></textarea>
                    </div>
                    <button type="button" class="button" (click)="save('sample:' + e.id)">{{ 'auditReview.save' | transloco }}</button>
                  </div>
                  @if (savedId() === 'sample:' + e.id) { <p role="status">{{ 'auditReview.saved' | transloco }}</p> }
                  @if (saveErrorId() === 'sample:' + e.id) { <p class="error-text" role="alert">{{ 'auditReview.saveError' | transloco }}</p> }
                </article>
              }
            }
          }
        </section>
      }
    }
  `,
})
export class AuditReviewPage {
  private readonly api = inject(AuditReviewApi);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);
  protected readonly districts = DISTRICTS;
  protected readonly actions = ACTIONS;
  protected readonly statuses = REVIEW_STATUSES;
  protected readonly views: View[] = ['entries', 'flags', 'sample'];
  protected readonly isCentral = computed(() => this.session.me()?.districtId === 'central');

  // Filter fields (template-bound).
  protected districtId = '';
  protected caseReference = '';
  protected actor = '';
  protected action = '';
  protected from = '';
  protected to = '';
  protected sampleSize = 20;
  protected readonly child = signal<string | null>(null);
  protected readonly readsOnly = signal(false);

  protected readonly view = signal<View>('entries');
  protected readonly state = signal<Load>('idle');
  protected readonly entries = signal<ReviewEntry[]>([]);
  protected readonly nextBeforeSeq = signal<string | null>(null);
  protected readonly flags = signal<ReviewFlag[]>([]);
  protected readonly settings = signal<FlagSettings | null>(null);
  protected readonly sampled = signal<ReviewEntry[]>([]);
  protected readonly exporting = signal<'csv' | 'pdf' | null>(null);
  protected readonly exportError = signal(false);
  protected readonly saving = signal<string | null>(null);
  protected readonly savedId = signal<string | null>(null);
  protected readonly saveErrorId = signal<string | null>(null);
  private readonly drafts = signal<Record<string, { status: ReviewStatus; comment: string }>>({});

  constructor() {
    this.search();
  }

  private filter(): ReviewFilter {
    return {
      districtId: this.districtId || undefined,
      caseReference: this.caseReference.trim() || undefined,
      actor: this.actor.trim() || undefined,
      action: this.action || undefined,
      from: this.from || undefined,
      to: this.to || undefined,
      child: this.child() ?? undefined,
      readsOnly: this.readsOnly() || undefined,
    };
  }

  protected show(v: View): void {
    this.view.set(v);
    if (v === 'sample') this.state.set('idle');
    else this.search();
  }

  protected search(): void {
    const v = this.view();
    if (v === 'sample') return this.drawSample();
    this.state.set('loading');
    if (v === 'flags') {
      this.api.flags(this.filter()).subscribe({
        next: (r) => {
          this.flags.set(r.items);
          this.settings.set(r.settings);
          this.state.set('ready');
        },
        error: () => this.state.set('error'),
      });
      return;
    }
    this.api.entries(this.filter()).subscribe({
      next: (r) => {
        this.entries.set(r.items);
        this.nextBeforeSeq.set(r.nextBeforeSeq);
        this.state.set('ready');
      },
      error: () => this.state.set('error'),
    });
  }

  protected more(): void {
    const before = this.nextBeforeSeq();
    if (!before) return;
    this.api.entries(this.filter(), before).subscribe({
      next: (r) => {
        this.entries.update((e) => [...e, ...r.items]);
        this.nextBeforeSeq.set(r.nextBeforeSeq);
      },
      error: () => this.state.set('error'),
    });
  }

  protected clear(): void {
    this.caseReference = this.actor = this.action = this.from = this.to = '';
    this.child.set(null);
    this.readsOnly.set(false);
    this.search();
  }

  /** One click: every read of this child's answers (all occasions), with person, time and action. */
  protected whoRead(e: ReviewEntry): void {
    this.caseReference = this.actor = this.action = '';
    this.child.set(e.objectId);
    this.readsOnly.set(true);
    this.view.set('entries');
    this.search();
  }

  protected byPerson(actor: string): void {
    this.actor = actor;
    this.child.set(null);
    this.readsOnly.set(false);
    this.search();
  }

  protected drawSample(): void {
    this.state.set('loading');
    const size = Math.min(200, Math.max(1, Math.round(Number(this.sampleSize) || 20)));
    this.api.sample(this.filter(), size).subscribe({
      next: (r) => {
        this.sampled.set(r.items);
        this.state.set('ready');
      },
      error: () => this.state.set('error'),
    });
  }

  protected actionLabel(action: string): string {
    return ACTIONS.includes(action) ? `auditReview.actions.${action}` : action;
  }

  protected flagDetail(f: ReviewFlag): string {
    return `auditReview.flagDetail.${f.kind}`;
  }

  protected flagDetailParams(f: ReviewFlag): Record<string, unknown> {
    const d = f.detail;
    const lang = this.i18n.lang();
    const at = typeof d['closedAt'] === 'string' ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d['closedAt'])) : '';
    return {
      name: d['createdBy'] ?? '',
      n: d['children'] ?? '',
      min: d['minutes'] ?? '',
      time: d['localTime'] ?? '',
      at,
      reason: d['closedReason'] === 'revoked' ? (lang === 'en' ? 'was revoked' : 'återkallades') : lang === 'en' ? 'expired' : 'gick ut',
    };
  }

  protected draft(id: string, review: { status: ReviewStatus; comment: string } | null): { status: ReviewStatus; comment: string } {
    return this.drafts()[id] ?? { status: review?.status ?? 'open', comment: review?.comment ?? '' };
  }

  protected setDraft(id: string, change: Partial<{ status: ReviewStatus; comment: string }>): void {
    const flag = this.flags().find((f) => f.id === id);
    this.drafts.update((d) => ({ ...d, [id]: { ...this.draft(id, flag?.review ?? null), ...change } }));
  }

  protected save(id: string): void {
    if (this.saving()) return;
    const flag = this.flags().find((f) => f.id === id);
    const d = this.draft(id, flag?.review ?? null);
    this.saving.set(id);
    this.savedId.set(null);
    this.saveErrorId.set(null);
    this.api.review(id, d.status, d.comment).subscribe({
      next: (r) => {
        this.saving.set(null);
        this.savedId.set(id);
        this.flags.update((list) => list.map((f) => (f.id === id ? { ...f, review: { ...r, reviewedByName: this.session.me()?.name ?? null } } : f)));
      },
      error: () => {
        this.saving.set(null);
        this.saveErrorId.set(id);
      },
    });
  }

  protected export(format: 'csv' | 'pdf'): void {
    if (this.exporting()) return;
    this.exporting.set(format);
    this.exportError.set(false);
    this.api.export(this.filter(), format).subscribe({
      next: (res) => {
        this.exporting.set(null);
        if (res.body) this.download(res.body, filenameFrom(res.headers.get('content-disposition'), `delaktig-logguppfoljning.${format}`));
      },
      error: () => {
        this.exporting.set(null);
        this.exportError.set(true);
      },
    });
  }

  private download(blob: Blob, filename: string): void {
    const view = this.document.defaultView;
    if (!view?.URL?.createObjectURL) return;
    const url = view.URL.createObjectURL(blob);
    const a = this.document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    this.document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => view.URL.revokeObjectURL(url), 60_000);
  }
}
