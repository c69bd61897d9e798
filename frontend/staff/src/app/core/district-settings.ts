import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Observable, tap } from 'rxjs';
import { APP_CONFIG } from './config';

/** What the caller's district has turned on (`/api/v1/district/settings`). */
export interface DistrictSettings {
  districtId: string;
  /** Young people (12–18) can open their invitation with their own BankID when the caseworker gives their personal identity number. */
  childBankId: boolean;
  /** Escalation of unacknowledged safety alerts (ADR 0018). */
  alertLadder?: AlertLadder;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** When an unacknowledged safety alert goes further, and to whom (the district admin decides). */
export interface AlertLadder {
  /** N: minutes until the unit leads are reminded. */
  unitLeadMinutes: number;
  /** M: minutes until the duty contacts are told (outside office hours only). */
  dutyMinutes: number;
  officeStart: string;
  officeEnd: string;
  closedDates: string[];
  dutyPhone: string | null;
  dutyEmail: string | null;
}

/** The district's settings, read once per page and shared by the invitation form and the admin page. */
@Injectable({ providedIn: 'root' })
export class DistrictSettingsApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${inject(APP_CONFIG).gatewayUrl}/api/v1/district/settings`;
  /** Null until loaded (or when it could not be read: then nothing optional is offered). */
  readonly current = signal<DistrictSettings | null>(null);

  load(): Observable<DistrictSettings> {
    return this.http.get<DistrictSettings>(this.url).pipe(tap((s) => this.current.set(s)));
  }

  update(childBankId: boolean): Observable<DistrictSettings> {
    return this.http.put<DistrictSettings>(this.url, { childBankId }).pipe(tap((s) => this.current.set(s)));
  }

  updateLadder(alertLadder: AlertLadder): Observable<DistrictSettings> {
    return this.http.put<DistrictSettings>(this.url, { alertLadder }).pipe(tap((s) => this.current.set(s)));
  }
}
