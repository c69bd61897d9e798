import { Injectable, inject, signal } from '@angular/core';
import { Observable, tap } from 'rxjs';
import { CreateInvitationRequest, GatewayApi, Invitation } from '../core/api';
import { ProblemDetails, toProblem } from '../core/problem';

/** The district's invitations, shared by the form, the list and the statistics card. */
@Injectable()
export class InvitationStore {
  private readonly api = inject(GatewayApi);

  readonly items = signal<Invitation[]>([]);
  readonly status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  readonly problem = signal<ProblemDetails | null>(null);
  /** Bumped after every successful create, so dependants can refresh. */
  readonly createdCount = signal(0);

  load(): void {
    if (this.status() !== 'ready') this.status.set('loading');
    this.api.invitations().subscribe({
      next: ({ items }) => {
        this.items.set(items ?? []);
        this.problem.set(null);
        this.status.set('ready');
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.status.set('error');
      },
    });
  }

  create(request: CreateInvitationRequest): Observable<Invitation> {
    return this.api.createInvitation(request).pipe(
      tap((invitation) => {
        this.items.update((items) => [invitation, ...items.filter((item) => item.id !== invitation.id)]);
        this.createdCount.update((n) => n + 1);
        this.load();
      }),
    );
  }
}
