import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { APP_CONFIG } from '../core/config';

interface AuditVerify {
  districtId: string;
  entries: number;
  intact: boolean;
  brokenAtSeq: string | null;
}

/** The auditor's start: whether their district's audit log is intact, and how many entries it has. */
@Component({
  selector: 'dk-audit-card',
  imports: [TranslocoPipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="audit-card-title" data-testid="audit-card">
      <h2 id="audit-card-title">{{ 'auditCard.title' | transloco: { district: districtName() ?? '' } }}</h2>
      @switch (status()) {
        @case ('ready') {
          @let v = verify()!;
          <p class="count" data-testid="audit-entries">{{ 'auditCard.entries' | transloco: { n: v.entries } }}</p>
          @if (v.intact) {
            <p data-testid="audit-intact">{{ 'auditCard.intact' | transloco }}</p>
          } @else {
            <p class="error-text" role="alert" data-testid="audit-broken">{{ 'auditCard.broken' | transloco: { seq: v.brokenAtSeq ?? '?' } }}</p>
          }
        }
        @case ('error') {
          <p class="error-text" role="alert">{{ 'auditCard.error' | transloco }}</p>
          <button type="button" class="button secondary" (click)="load()">{{ 'app.retry' | transloco }}</button>
        }
        @default {
          <p class="muted" role="status">{{ 'auditCard.loading' | transloco }}</p>
        }
      }
      <p><a class="button secondary" routerLink="/logg" data-testid="audit-review-link">{{ 'auditReview.open' | transloco }}</a></p>
    </section>
  `,
})
export class AuditCard {
  private readonly http = inject(HttpClient);
  private readonly url = `${inject(APP_CONFIG).gatewayUrl}/api/v1/audit/verify`;
  readonly districtName = input<string | undefined>();
  protected readonly verify = signal<AuditVerify | null>(null);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');

  constructor() {
    this.load();
  }

  load(): void {
    this.status.set('loading');
    this.http.get<AuditVerify>(this.url).subscribe({
      next: (v) => {
        this.verify.set(v);
        this.status.set('ready');
      },
      error: () => this.status.set('error'),
    });
  }
}
