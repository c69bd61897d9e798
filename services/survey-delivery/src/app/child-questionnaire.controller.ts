import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { AgeBand, ChildQuestionnaireView } from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import { ChildIdentity, ChildRoute, CurrentChild, PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';

/**
 * The questionnaire a child answers (ADR 0009): exactly the published version named in the
 * child's session (signed by identity, verified by the gateway), nothing else — a child
 * cannot ask for another version or template.
 */
@Controller('child/questionnaire')
@ChildRoute()
export class ChildQuestionnaireController {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  @Get()
  @Header('Cache-Control', 'private, max-age=300')
  async get(@CurrentChild() child: ChildIdentity): Promise<ChildQuestionnaireView> {
    const row = await this.prisma.questionnaireVersion.findUnique({
      where: { id: child.questionnaireVersionId },
      include: { template: { select: { ageBand: true } } },
    });
    if (!row || row.status !== 'published' || row.template.ageBand !== child.ageBand) {
      throw new AppError('NOT_FOUND', 'Frågorna finns inte just nu. Prata med din handläggare. — The questions are not available. Talk to your caseworker.');
    }
    return { versionId: row.id, ageBand: row.template.ageBand as AgeBand, content: row.content as ChildQuestionnaireView['content'] };
  }
}
