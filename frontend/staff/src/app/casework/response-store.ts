import { Injectable, inject, signal } from '@angular/core';
import { ProblemDetails, toProblem } from '../core/problem';
import { CaseworkApi, ResponseCaseView } from './casework-api';

/** One child's response as the caseworker reads it (answers page or conversation view). */
@Injectable()
export class ResponseStore {
  private readonly api = inject(CaseworkApi);
  readonly view = signal<ResponseCaseView | null>(null);
  readonly status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  readonly problem = signal<ProblemDetails | null>(null);

  load(invitationId: string, mode: 'view' | 'conversation'): void {
    this.status.set('loading');
    this.api.response(invitationId, mode).subscribe({
      next: (view) => {
        this.view.set(view);
        this.problem.set(null);
        this.status.set('ready');
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.status.set('error');
      },
    });
  }
}
