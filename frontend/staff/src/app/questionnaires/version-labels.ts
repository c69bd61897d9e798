import { Injectable, inject, signal } from '@angular/core';
import { QuestionnaireApi } from './questionnaire-api';

/**
 * "Which version did this invitation use?": maps a questionnaire version id to its number,
 * from the questionnaire list every staff role may read. Loaded once, on first use.
 */
@Injectable({ providedIn: 'root' })
export class VersionLabels {
  private readonly api = inject(QuestionnaireApi);
  private readonly byId = signal<ReadonlyMap<string, { version: number; ageBand: string }>>(new Map());
  private requested = false;

  /** The version number of a version id, or null while unknown (not loaded yet, or no version). */
  version(versionId: string | null | undefined): number | null {
    if (!this.requested) this.load();
    return versionId ? (this.byId().get(versionId)?.version ?? null) : null;
  }

  load(): void {
    this.requested = true;
    this.api.list().subscribe({
      next: ({ items }) => this.byId.set(new Map(items.flatMap((t) => t.versions.map((v) => [v.id, { version: v.version, ageBand: t.ageBand }] as const)))),
      error: () => {
        this.requested = false; // try again on the next read
      },
    });
  }
}
