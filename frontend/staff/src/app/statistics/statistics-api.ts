import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { APP_CONFIG } from '../core/config';

/**
 * The statistics API as the staff UI reads it. Mirrors `answerStatisticsView`,
 * `participationTableView` and `participationPeriodsView` of libs/contracts (the UI does not
 * bundle the contracts library); statistics-api.spec.ts keeps the keys in step.
 */
export type Cell = number | '<5';
export type Label = { sv: string; en: string };

export const AREAS = ['home', 'school', 'leisure', 'health', 'social-services', 'about-answering'] as const;
export const GENDERS = ['girl', 'boy', 'other', 'not-stated'] as const;
export const SPLITS = ['none', 'gender', 'ageBand', 'district', 'period', 'occasion', 'paired'] as const;
export type SplitChoice = (typeof SPLITS)[number];
export const COUNT_KEYS = [
  'created',
  'sent',
  'deliveryFailed',
  'opened',
  'submitted',
  'answeredBeforeMeeting',
  'expired',
  'revoked',
  'feedbackGiven',
  'rated',
  'alertRaised',
  'alertAcknowledged',
  'alertAcknowledgedInTime',
] as const;
export const RATING_KEYS = ['1', '2', '3', '4', '5', 'dont-know'] as const;
export type Counts = Record<(typeof COUNT_KEYS)[number], Cell>;
export type Ratings = Record<(typeof RATING_KEYS)[number], Cell>;

export interface AnswerCells {
  respondents: Cell;
  options: Record<string, Cell>;
  declined: Cell;
  wantsToTalk: Cell;
}
export interface AnswerQuestion {
  questionId: string;
  area: string;
  type: string;
  text: Label;
  options: { optionId: string; label: Label }[];
  cells: Record<string, AnswerCells>;
}
export interface AnswerStatistics {
  scope: { level: 'unit' | 'district' | 'city'; districtIds: string[]; unitId: string | null };
  from: string;
  to: string;
  ageBand: '6-11' | '12-18';
  area: string | null;
  gender: string | null;
  occasion: 'first' | 'follow-up' | null;
  paired: boolean;
  split: string;
  groups: { key: string; label: Label }[];
  responses: Record<string, Cell>;
  questions: AnswerQuestion[];
  protection: { method: 'cell-key'; threshold: number; maxDeviation: number };
}
export interface ParticipationTable {
  months: number;
  unitId: string | null;
  rows: { districtId: string; counts: Counts; ratings: Ratings }[];
  total: { counts: Counts; ratings: Ratings };
}
export interface ParticipationPeriods {
  districtId: string | null;
  months: number;
  periods: { period: string; counts: Counts; ratings: Ratings }[];
  total: { counts: Counts; ratings: Ratings };
}

/** What the answers view asks for. */
export interface AnswerFilters {
  months: number;
  ageBand: '6-11' | '12-18';
  area: string;
  gender: string;
  occasion: string;
  district: string;
  split: SplitChoice;
}

/** Months as the server counts them (Europe/Stockholm), `months` back including this one. */
export function periodOf(months: number, now = new Date()): { from: string; to: string } {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const y = Number(parts.find((p) => p.type === 'year')?.value);
  const m = Number(parts.find((p) => p.type === 'month')?.value);
  const index = y * 12 + (m - 1);
  const at = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return { from: at(index - months + 1), to: at(index) };
}

export function answerParams(f: AnswerFilters, now = new Date()): HttpParams {
  const { from, to } = periodOf(f.months, now);
  let p = new HttpParams().set('from', from).set('to', to).set('ageBand', f.ageBand);
  if (f.area) p = p.set('area', f.area);
  if (f.gender) p = p.set('gender', f.gender);
  if (f.occasion && f.split !== 'paired') p = p.set('occasion', f.occasion);
  if (f.district) p = p.set('districtIds', f.district);
  if (f.split === 'paired') p = p.set('paired', 'true').set('split', 'occasion');
  else if (f.split !== 'none') p = p.set('split', f.split);
  return p;
}

/** A share in per cent of two published counts, or null when either is protected or the base is 0. */
export function share(n: Cell | undefined, of: Cell | undefined): number | null {
  if (typeof n !== 'number' || typeof of !== 'number' || of <= 0) return null;
  return Math.round((1000 * n) / of) / 10;
}

@Injectable({ providedIn: 'root' })
export class StatisticsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(APP_CONFIG).gatewayUrl}/api/v1/statistics`;

  answers(f: AnswerFilters): Observable<AnswerStatistics> {
    return this.http.get<AnswerStatistics>(`${this.base}/answers`, { params: answerParams(f) });
  }

  /** The same numbers as a file; the server audits the export. */
  export(f: AnswerFilters, format: 'csv' | 'xlsx'): Observable<Blob> {
    return this.http.get(`${this.base}/answers/export`, { params: answerParams(f).set('format', format), responseType: 'blob' });
  }

  participationTable(months: number): Observable<ParticipationTable> {
    return this.http.get<ParticipationTable>(`${this.base}/participation/table`, { params: new HttpParams().set('months', String(months)) });
  }

  participationPeriods(months: number, districtId: string): Observable<ParticipationPeriods> {
    let params = new HttpParams().set('months', String(months));
    if (districtId) params = params.set('districtId', districtId);
    return this.http.get<ParticipationPeriods>(`${this.base}/participation/periods`, { params });
  }
}
