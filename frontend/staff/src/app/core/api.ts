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

export interface CreateInvitationRequest {
  caseReference: string;
  birthYear: number;
  ageBand: AgeBand;
}

export interface Invitation extends CreateInvitationRequest {
  id: string;
  districtId: string;
  createdAt: string;
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

  invitations(): Observable<InvitationList> {
    return this.http.get<InvitationList>(`${this.base}/invitations`);
  }

  createInvitation(body: CreateInvitationRequest): Observable<Invitation> {
    return this.http.post<Invitation>(`${this.base}/invitations`, body);
  }
}
