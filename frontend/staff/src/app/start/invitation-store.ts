import { Injectable, inject, signal } from '@angular/core';
import { Observable, tap } from 'rxjs';
import { CreatedInvitation, CreateInvitationRequest, GatewayApi, Invitation, InvitationFilters } from '../core/api';
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

  /** Filters of the list (status, part of the case reference). */
  readonly filters = signal<InvitationFilters>({});

  load(filters?: InvitationFilters): void {
    if (filters) this.filters.set(filters);
    if (this.status() !== 'ready') this.status.set('loading');
    this.api.invitations(this.filters()).subscribe({
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

  /** Changes one listed invitation in place (e.g. unlocked: identity has it, the list's copy follows by event). */
  patch(id: string, changes: Partial<Invitation>): void {
    this.items.update((items) => items.map((item) => (item.id === id ? { ...item, ...changes } : item)));
  }

  create(request: CreateInvitationRequest): Observable<CreatedInvitation> {
    return this.api.createInvitation(request).pipe(
      tap(({ invitation }) => {
        this.items.update((items) => [invitation, ...items.filter((item) => item.id !== invitation.id)]);
        this.createdCount.update((n) => n + 1);
        this.load();
      }),
    );
  }
}
