import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { APP_CONFIG } from '../core/config';

export type Texts = { sv: string | null; en: string | null };

export type AnswerShown =
  | { kind: 'option'; options: { id: string; label: Texts; icon: string | null }[] }
  | { kind: 'options'; options: { id: string; label: Texts; icon: string | null }[] }
  | { kind: 'text'; text: string }
  | { kind: 'flag'; on: boolean }
  | { kind: 'declined' };

export interface QuestionAnswer {
  questionId: string;
  type: string | null;
  text: Texts;
  answer: AnswerShown | null;
  wantsToTalk: boolean;
  safety: boolean;
  trend: { occasion: number; submittedAt: string; answer: AnswerShown | null }[];
}

export interface Alert {
  id: string;
  invitationId: string;
  questionId: string;
  question: Texts;
  caseworker: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Who acknowledged, by name (null: unknown, shown as "a colleague"). */
  acknowledgedByName?: string | null;
  escalatedAt: string | null;
  escalated: boolean;
  /** The escalation ladder so far, oldest first. */
  steps?: AlertStep[];
}

export interface AlertStep {
  step: 'raised' | 'unit-lead' | 'duty';
  reachedAt: string;
  recipients: number;
  withoutContact: number;
}

export interface AlertList {
  items: Alert[];
  unacknowledged: number;
}

/** The caseworker's view of one child's response (responses service, ADR 0009). */
export interface ResponseCaseView {
  invitationId: string;
  occasion: number;
  status: 'not-started' | 'draft' | 'submitted';
  submittedAt: string | null;
  questionnaireVersionId: string;
  wantsToTalk: { questionId: string; area: string; text: Texts }[];
  alerts: Alert[];
  areas: { id: string; title: Texts; questions: QuestionAnswer[] }[];
}

export interface FeedbackTemplate {
  key: string;
  label: { sv: string; en: string };
  text: { sv: string; en: string };
}

export interface Feedback {
  id: string;
  invitationId: string;
  text: string;
  templateKey: string | null;
  givenBy: string;
  givenAt: string;
}

export interface FeedbackList {
  items: Feedback[];
  rating: string | null;
}

export type ExportFormat = 'pdf' | 'json';

/** Gateway calls of the caseworker's side: answers, alerts, export and feedback. */
@Injectable({ providedIn: 'root' })
export class CaseworkApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_CONFIG).gatewayUrl}/api/v1`;

  response(invitationId: string, mode: 'view' | 'conversation' = 'view'): Observable<ResponseCaseView> {
    return this.http.get<ResponseCaseView>(`${this.base}/invitations/${encodeURIComponent(invitationId)}/response`, { params: { mode } });
  }

  alerts(): Observable<AlertList> {
    return this.http.get<AlertList>(`${this.base}/alerts`);
  }

  /** Counts only, for the polled badge: reading it leaves no audit entry (the list does). */
  alertSummary(): Observable<{ unacknowledged: number; escalated: number }> {
    return this.http.get<{ unacknowledged: number; escalated: number }>(`${this.base}/alerts/summary`);
  }

  acknowledge(alertId: string): Observable<Alert> {
    return this.http.post<Alert>(`${this.base}/alerts/${encodeURIComponent(alertId)}/acknowledge`, {});
  }

  templates(): Observable<{ items: FeedbackTemplate[] }> {
    return this.http.get<{ items: FeedbackTemplate[] }>(`${this.base}/feedback-templates`);
  }

  feedback(invitationId: string): Observable<FeedbackList> {
    return this.http.get<FeedbackList>(`${this.base}/invitations/${encodeURIComponent(invitationId)}/feedback`);
  }

  giveFeedback(invitationId: string, body: { text: string; templateKey?: string }): Observable<Feedback> {
    return this.http.post<Feedback>(`${this.base}/invitations/${encodeURIComponent(invitationId)}/feedback`, body);
  }

  /** The export as a file (the bearer token is needed, so it cannot be a plain link). */
  export(invitationId: string, format: ExportFormat): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.base}/invitations/${encodeURIComponent(invitationId)}/response/export`, {
      params: { format },
      responseType: 'blob',
      observe: 'response',
    });
  }
}

/** Text in the UI language, falling back to the other one. */
export function pick(texts: Texts | { sv: string; en: string } | null | undefined, lang: string): string {
  if (!texts) return '';
  return (lang === 'en' ? texts.en ?? texts.sv : texts.sv ?? texts.en) ?? '';
}

/** File name from a content-disposition header, if any. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? fallback;
}
