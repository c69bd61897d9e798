import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { APP_CONFIG } from './config';

export type Role = 'caseworker' | 'unit-lead' | 'district-admin' | 'central-analyst' | 'auditor';

export interface Me {
  subject: string;
  name: string | null;
  districtId: string;
  districtName: string;
  unit: string | null;
  roles: string[];
}

export interface ParticipationStatistics {
  districtId: string;
  invitationsCreated: number;
  lastEventAt: string | null;
}

export type AgeBand = '6-11' | '12-18';

export type Gender = 'girl' | 'boy' | 'other' | 'not-stated';
export type Channel = 'sms' | 'email';
export type ChildLanguage = 'sv' | 'en' | 'ar' | 'so' | 'fa' | 'ti' | 'fi';
export type InvitationStatus = 'created' | 'sent' | 'delivery-failed' | 'opened' | 'started' | 'submitted' | 'expired' | 'revoked';
export const INVITATION_STATUSES: readonly InvitationStatus[] = ['created', 'sent', 'delivery-failed', 'opened', 'started', 'submitted', 'expired', 'revoked'];
export const CHILD_LANGUAGES: readonly ChildLanguage[] = ['sv', 'en', 'ar', 'so', 'fa', 'ti', 'fi'];
export const GENDERS: readonly Gender[] = ['girl', 'boy', 'other', 'not-stated'];

export interface CreateInvitationRequest {
  caseReference: string;
  birthYear: number;
  ageBand: AgeBand;
  gender?: Gender;
  language?: ChildLanguage;
  channel?: Channel;
  phone?: string;
  email?: string;
  discreet?: boolean;
  expiresAt?: string;
  meetingDate?: string;
  /** 12–18, where the district allows it: the young person can then also open it with their own BankID. */
  childPersonalNumber?: string;
}

export interface Invitation {
  id: string;
  caseReference: string;
  birthYear: number;
  ageBand: AgeBand;
  districtId: string;
  createdAt: string;
  /** The published questionnaire version the child answers. */
  questionnaireVersionId?: string | null;
  status?: InvitationStatus;
  gender?: Gender;
  language?: ChildLanguage;
  channel?: Channel | null;
  contactHint?: string | null;
  discreet?: boolean;
  expiresAt?: string | null;
  meetingDate?: string | null;
  occasion?: number;
  /** Set while five wrong codes keep the child out; the caseworker can unlock. */
  lockedAt?: string | null;
  /** The young person can also open it with their own BankID. */
  childBankId?: boolean;
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** The child's one-time code, shown once. */
  code: string;
  /** The young person can also open the invitation with their own BankID. */
  childBankId?: boolean;
}

export interface InvitationFilters {
  status?: string;
  q?: string;
}

export interface InvitationList {
  items: Invitation[];
}

/** Typed calls to the gateway's `/api/v1`. Errors are `HttpErrorResponse`; see `toProblem`. */
@Injectable({ providedIn: 'root' })
export class GatewayApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_CONFIG).gatewayUrl}/api/v1`;

  me(): Observable<Me> {
    return this.http.get<Me>(`${this.base}/me`);
  }

  participation(): Observable<ParticipationStatistics> {
    return this.http.get<ParticipationStatistics>(`${this.base}/statistics/participation`);
  }

  invitations(filters: InvitationFilters = {}): Observable<InvitationList> {
    const params: Record<string, string> = {};
    if (filters.status) params['status'] = filters.status;
    if (filters.q?.trim()) params['q'] = filters.q.trim();
    return this.http.get<InvitationList>(`${this.base}/invitations`, { params });
  }

  createInvitation(body: CreateInvitationRequest): Observable<CreatedInvitation> {
    return this.http.post<CreatedInvitation>(`${this.base}/invitations`, body);
  }

  invitationAction(id: string, action: 'resend' | 'revoke' | 'unlock'): Observable<unknown> {
    return this.http.post(`${this.base}/invitations/${encodeURIComponent(id)}/${action}`, {});
  }

  extendInvitation(id: string, expiresAt: string): Observable<Invitation> {
    return this.http.post<Invitation>(`${this.base}/invitations/${encodeURIComponent(id)}/extend`, { expiresAt });
  }
}
