import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CorrelationId, CurrentIdentity, type Identity, Roles } from '@delaktig/service-kit';
import { StaffAdminService } from './staff-admin.service';

/** Internal HTTP of staff administration; the gateway forwards with the verified caller. */
@Controller('internal/v1/staff-admin')
@Roles('district-admin')
export class StaffAdminController {
  constructor(private readonly staff: StaffAdminService) {}

  @Get('staff')
  async list(@CurrentIdentity() who: Identity, @Query() query: Record<string, unknown>) {
    return { items: await this.staff.list(who, query) };
  }

  @Post('staff')
  @HttpCode(201)
  register(@CurrentIdentity() who: Identity, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.staff.register(who, body, correlationId);
  }

  @Post('staff/:id/deactivate')
  @HttpCode(200)
  deactivate(@CurrentIdentity() who: Identity, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.staff.deactivate(who, id, correlationId);
  }

  @Post('staff/:id/reactivate')
  @HttpCode(200)
  reactivate(@CurrentIdentity() who: Identity, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.staff.reactivate(who, id, correlationId);
  }

  @Put('staff/:id/contact')
  updateContact(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.staff.updateContact(who, id, body, correlationId);
  }

  @Get('districts')
  districts(@CurrentIdentity() who: Identity) {
    return this.staff.districts(who);
  }
}
