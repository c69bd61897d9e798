import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { APP_CONFIG } from '../core/config';

export type ManagedRole = 'caseworker' | 'unit-lead' | 'district-admin';

/** A staff member as the admin API shows them: the personal number only masked. */
export interface StaffMember {
  id: string;
  username: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  /** Work mobile (+467…): where safety alerts are sent by SMS. */
  workMobile?: string | null;
  personalNumberMasked: string;
  districtId: string;
  districtName: string;
  unit: string | null;
  role: string;
  status: 'active' | 'deactivated';
  createdAt: string;
  deactivatedAt: string | null;
}

export interface RegisterStaff {
  givenName: string;
  familyName: string;
  email: string;
  personalNumber: string;
  role: ManagedRole;
  unit?: string | null;
  districtId?: string;
}

export interface DistrictOverview {
  districtId: string;
  name: string;
  activeAdmins: number;
  admins: StaffMember[];
}

/** `/api/v1/admin/*` of the gateway (district admins; the districts overview for the central admin). */
@Injectable({ providedIn: 'root' })
export class StaffAdminApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_CONFIG).gatewayUrl}/api/v1/admin`;

  list(): Observable<{ items: StaffMember[] }> {
    return this.http.get<{ items: StaffMember[] }>(`${this.base}/staff`);
  }

  register(body: RegisterStaff): Observable<StaffMember> {
    return this.http.post<StaffMember>(`${this.base}/staff`, body);
  }

  deactivate(id: string): Observable<StaffMember> {
    return this.http.post<StaffMember>(`${this.base}/staff/${encodeURIComponent(id)}/deactivate`, {});
  }

  /** Work e-mail and mobile, where safety alerts are sent ("" or null removes the mobile). */
  updateContact(id: string, body: { email?: string; workMobile?: string | null }): Observable<StaffMember> {
    return this.http.put<StaffMember>(`${this.base}/staff/${encodeURIComponent(id)}/contact`, body);
  }

  reactivate(id: string): Observable<StaffMember> {
    return this.http.post<StaffMember>(`${this.base}/staff/${encodeURIComponent(id)}/reactivate`, {});
  }

  districts(): Observable<{ items: DistrictOverview[] }> {
    return this.http.get<{ items: DistrictOverview[] }>(`${this.base}/districts`);
  }
}

/**
 * A quick check in the browser (format, date, check digit) so that typos are caught before
 * sending; the identity service checks again. Accepts YYYYMMDDNNNN, YYYYMMDD-NNNN,
 * YYMMDD-NNNN and coordination numbers (day + 60).
 */
export function personalNumberProblem(input: string): 'format' | 'date' | 'checksum' | null {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{3})(\d)$/.exec(input.trim());
  if (!m) return 'format';
  const [, , yy, mm, dd, serial, check] = m as unknown as string[];
  const month = Number(mm);
  const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > 31) return 'date';
  const nine = `${yy}${mm}${dd}${serial}`;
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(check) ? null : 'checksum';
}
