import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CorrelationId, CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import { InvitationsService } from './invitations.service';

@Controller('internal/v1/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'unit-lead')
  create(@Body() body: unknown, @CurrentIdentity() who: Identity, @CorrelationId() correlationId: string) {
    return this.invitations.create(body, who, correlationId);
  }

  @Get()
  @Roles('caseworker', 'unit-lead')
  async list(@CurrentIdentity() who: Identity) {
    return { items: await this.invitations.list(who) };
  }
}
