import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { APP_CONFIG } from '../core/config';
import { QuestionnaireContent, TemplateView, VersionView } from './model';

/** The gateway's questionnaire routes (`/api/v1/questionnaires`). */
@Injectable({ providedIn: 'root' })
export class QuestionnaireApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_CONFIG).gatewayUrl}/api/v1/questionnaires`;

  list(): Observable<{ items: TemplateView[] }> {
    return this.http.get<{ items: TemplateView[] }>(this.base);
  }

  version(key: string, version: number | 'latest'): Observable<VersionView> {
    return this.http.get<VersionView>(`${this.base}/${encodeURIComponent(key)}/versions/${version}`);
  }

  saveDraft(key: string, content: QuestionnaireContent): Observable<VersionView> {
    return this.http.put<VersionView>(`${this.base}/${encodeURIComponent(key)}/draft`, content);
  }

  publish(key: string): Observable<VersionView> {
    return this.http.post<VersionView>(`${this.base}/${encodeURIComponent(key)}/publish`, {});
  }
}
