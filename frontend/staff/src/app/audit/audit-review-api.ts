import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { APP_CONFIG } from '../core/config';

export type FlagKind = 'outside-own' | 'many-children' | 'off-hours' | 'after-closed';
export type ReviewStatus = 'open' | 'in-review' | 'justified' | 'reported';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['open', 'in-review', 'justified', 'reported'];

export interface ReviewEntry {
  id: string;
  seq: string;
  districtId: string;
  occurredAt: string;
  actor: string;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string;
  caseReference: string | null;
  invitation: { createdBy: string; createdByName?: string | null; unitId: string | null; closedAt: string | null; closedReason: string | null } | null;
  flags: { id: string; kind: FlagKind | 'sample'; status: ReviewStatus }[];
}

export interface FlagReview {
  status: ReviewStatus;
  comment: string;
  reviewedBy: string;
  reviewedByName?: string | null;
  reviewedAt: string;
}

export interface ReviewFlag {
  id: string;
  kind: FlagKind;
  districtId: string;
  actor: string;
  actorName: string | null;
  occurredAt: string;
  entryIds: string[];
  invitationIds: string[];
  caseReferences: string[];
  detail: Record<string, string | number | null>;
  review: FlagReview | null;
}

export interface FlagSettings {
  officeHours: { from: number; to: number };
  timeZone: string;
  manyChildren: number;
  manyChildrenMinutes: number;
}

/** The auditor's filter, as the gateway's query parameters take it. */
export interface ReviewFilter {
  districtId?: string;
  caseReference?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  child?: string;
  readsOnly?: boolean;
}

function params(f: ReviewFilter, extra: Record<string, string> = {}): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) {
    if (v === undefined || v === '' || v === false) continue;
    p = p.set(k, String(v));
  }
  return p;
}

/** The gateway's /api/v1/audit/review (auditors). */
@Injectable({ providedIn: 'root' })
export class AuditReviewApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_CONFIG).gatewayUrl}/api/v1/audit/review`;

  entries(f: ReviewFilter, beforeSeq?: string): Observable<{ items: ReviewEntry[]; nextBeforeSeq: string | null }> {
    return this.http.get<{ items: ReviewEntry[]; nextBeforeSeq: string | null }>(`${this.base}/entries`, { params: params(f, beforeSeq ? { beforeSeq } : {}) });
  }

  flags(f: ReviewFilter): Observable<{ items: ReviewFlag[]; settings: FlagSettings }> {
    return this.http.get<{ items: ReviewFlag[]; settings: FlagSettings }>(`${this.base}/flags`, { params: params(f) });
  }

  sample(f: ReviewFilter, size: number): Observable<{ items: ReviewEntry[] }> {
    return this.http.get<{ items: ReviewEntry[] }>(`${this.base}/sample`, { params: params(f, { size: String(size) }) });
  }

  review(flagId: string, status: ReviewStatus, comment: string): Observable<FlagReview & { flagId: string }> {
    return this.http.post<FlagReview & { flagId: string }>(`${this.base}/flags/${encodeURIComponent(flagId)}/reviews`, { status, comment });
  }

  export(f: ReviewFilter, format: 'csv' | 'pdf'): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.base}/export`, { params: params(f, { format }), responseType: 'blob', observe: 'response' });
  }
}
