import { Injectable, computed, inject, signal } from '@angular/core';
import { GatewayApi, Me, Role } from './api';
import { ProblemDetails, toProblem } from './problem';

const CAN_CREATE_INVITATIONS: readonly Role[] = ['caseworker', 'unit-lead'];
/** Who may read the district's participation count (the gateway refuses everyone else). */
const CAN_SEE_PARTICIPATION: readonly Role[] = ['caseworker', 'unit-lead', 'district-admin', 'central-analyst'];

/** Who is signed in, as the gateway sees it (`GET /api/v1/me`). */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(GatewayApi);

  readonly me = signal<Me | null>(null);
  readonly status = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  readonly problem = signal<ProblemDetails | null>(null);

  readonly canCreateInvitations = computed(() =>
    (this.me()?.roles ?? []).some((role) => (CAN_CREATE_INVITATIONS as readonly string[]).includes(role)),
  );

  readonly canSeeParticipation = computed(() =>
    (this.me()?.roles ?? []).some((role) => (CAN_SEE_PARTICIPATION as readonly string[]).includes(role)),
  );
  readonly isAuditor = computed(() => (this.me()?.roles ?? []).includes('auditor'));

  load(): void {
    this.status.set('loading');
    this.api.me().subscribe({
      next: (me) => {
        this.me.set(me);
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
