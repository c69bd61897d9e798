import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { CONFIG, CurrentIdentity, type Identity } from '@delaktig/service-kit';
import { z } from 'zod';
import { AlertLadderService } from './alert-ladder.service';

/**
 * The controllable clock of the escalation ladder, for tests only: exists only when
 * ALERT_LADDER_TEST_CLOCK is on, which production mode refuses at start-up. Not routed by the gateway.
 */
@Controller('internal/v1/alert-ladder')
export class AlertLadderController {
  constructor(
    private readonly ladder: AlertLadderService,
    @Inject(CONFIG) private readonly config: SurveyDeliveryConfig,
  ) {}

  private enabled() {
    if (!this.config.ALERT_LADDER_TEST_CLOCK || this.config.NODE_ENV === 'production') throw new AppError('NOT_FOUND', 'Not found.');
  }

  @Post('run')
  @HttpCode(200)
  async run(@CurrentIdentity() _who: Identity, @Body() body: unknown) {
    this.enabled();
    const { at } = parseOrThrow(z.object({ at: z.iso.datetime({ offset: true }) }), body ?? {});
    return { taken: await this.ladder.run(new Date(at)) };
  }

  @Get(':alertId')
  async state(@CurrentIdentity() _who: Identity, @Param('alertId') alertId: string) {
    this.enabled();
    if (!/^[0-9a-f-]{36}$/i.test(alertId)) throw AppError.validation([{ field: 'alertId', reason: 'must be a uuid' }]);
    return this.ladder.state(alertId);
  }
}
