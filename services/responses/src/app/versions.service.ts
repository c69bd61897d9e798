import { Inject, Injectable } from '@nestjs/common';
import type { QuestionnaireContent } from '@delaktig/contracts';
import { PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { compileVersion, type CompiledVersion } from './answers.validator';

/**
 * Published questionnaire versions, compiled once and kept in memory (they are immutable),
 * so validating a submission costs no database round trip. A version not yet received is
 * not cached: the next request looks again.
 */
@Injectable()
export class VersionsService {
  private readonly cache = new Map<string, CompiledVersion>();
  private readonly loading = new Map<string, Promise<CompiledVersion | null>>();

  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  async get(id: string): Promise<CompiledVersion | null> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  private async load(id: string): Promise<CompiledVersion | null> {
    const row = await this.prisma.questionnaireVersion.findUnique({ where: { id }, select: { content: true } });
    if (!row) return null;
    const compiled = compileVersion(id, row.content as unknown as QuestionnaireContent);
    this.cache.set(id, compiled);
    return compiled;
  }
}
