import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { participationPeriodsView, participationView } from '@delaktig/contracts';
import { z } from 'zod';
import { Access } from './access';
import type { AuthedRequest } from './auth.guard';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const problems = [400, 401, 403, 429, 503].map((status) => ApiResponse({ status, schema: problemSchema, description: 'Problem details' }));
const ProblemResponses = (): MethodDecorator => (target, key, desc) => {
  for (const d of problems) (d as MethodDecorator)(target, key, desc);
};
const ctx = (req: AuthedRequest) => ({ staff: req.staff, correlationId: req.correlationId ?? crypto.randomUUID() });

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('participation')
  @Access('caseworker', 'unit-lead', 'district-admin', 'central-analyst')
  @ApiOperation({ summary: "Participation indicator of the caller's district." })
  @ApiOkResponse({ schema: oas(participationView) })
  @ProblemResponses()
  async participation(@Req() req: AuthedRequest) {
    return (await this.services.call('statistics', 'GET', '/internal/v1/participation', ctx(req))).body;
  }

  @Get('participation/districts')
  @Access('central-analyst')
  @ApiOperation({ summary: 'Participation indicator of every district (central office).' })
  @ApiOkResponse({ schema: oas(z.object({ items: z.array(participationView) })) })
  @ProblemResponses()
  async participationByDistrict(@Req() req: AuthedRequest) {
    return (await this.services.call('statistics', 'GET', '/internal/v1/participation/districts', ctx(req))).body;
  }

  @Get('participation/periods')
  @Access('district-admin', 'central-analyst')
  @ApiOperation({
    summary:
      'Participation per month: invitations created, sent, failed, opened, submitted, expired, revoked, feedback given, involvement ratings. District admins: their own district; central office: any district or all together. Counts 1–4 read "<5".',
  })
  @ApiQuery({ name: 'districtId', required: false, description: 'Central office: one district (default: all together). District admins: only their own.' })
  @ApiQuery({ name: 'months', required: false, description: 'How many months back, 1–36 (default 12).' })
  @ApiOkResponse({ schema: oas(participationPeriodsView) })
  @ProblemResponses()
  async periods(@Req() req: AuthedRequest, @Query('districtId') districtId?: string, @Query('months') months?: string) {
    const query: Record<string, string> = {};
    if (districtId !== undefined) query['districtId'] = districtId;
    if (months !== undefined) query['months'] = months;
    return (await this.services.call('statistics', 'GET', '/internal/v1/participation/periods', { ...ctx(req), query })).body;
  }
}
