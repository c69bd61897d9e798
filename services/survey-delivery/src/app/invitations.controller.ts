import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CorrelationId, CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import { InvitationsService } from './invitations.service';

@Controller('internal/v1/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** Called by the gateway with the caseworker's body plus `id` and `linkToken` (ADR 0009). */
  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'unit-lead')
  create(@Body() body: unknown, @CurrentIdentity() who: Identity, @CorrelationId() correlationId: string) {
    return this.invitations.create(body, who, correlationId);
  }

  @Get()
  @Roles('caseworker', 'unit-lead')
  async list(@CurrentIdentity() who: Identity, @Query() query: Record<string, unknown>, @CorrelationId() correlationId: string) {
    return { items: await this.invitations.list(who, query, correlationId) };
  }

  @Get(':id')
  @Roles('caseworker', 'unit-lead')
  detail(@CurrentIdentity() who: Identity, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.invitations.detail(who, id, correlationId);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Roles('caseworker', 'unit-lead')
  resend(@CurrentIdentity() who: Identity, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.invitations.resend(who, id, correlationId);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('caseworker', 'unit-lead')
  extend(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.invitations.extend(who, id, body, correlationId);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('caseworker', 'unit-lead')
  revoke(@CurrentIdentity() who: Identity, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.invitations.revoke(who, id, correlationId);
  }
}
