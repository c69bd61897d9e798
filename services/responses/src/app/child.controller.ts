import { Body, Controller, Get, Headers, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ChildIdentity, ChildRoute, CorrelationId, CurrentChild } from '@delaktig/service-kit';
import type { Response } from 'express';
import { ChildResponsesService } from './child-responses.service';

/**
 * The child's routes (ADR 0009), reached through the gateway's `/api/v1/child/response…`
 * with a gateway-signed child identity. Also served under `internal/v1/child` like the
 * other services' internal paths.
 */
@Controller(['child/response', 'internal/v1/child/response'])
@ChildRoute()
export class ChildController {
  constructor(private readonly responses: ChildResponsesService) {}

  @Get()
  get(@CurrentChild() child: ChildIdentity) {
    return this.responses.get(child);
  }

  @Put('draft')
  @HttpCode(200)
  saveDraft(@CurrentChild() child: ChildIdentity, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.responses.saveDraft(child, body ?? {}, { correlationId });
  }

  @Post('submit')
  async submit(
    @CurrentChild() child: ChildIdentity,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.responses.submit(child, key, body ?? {}, { correlationId });
    res.status(result.status);
    return result.body;
  }
}
