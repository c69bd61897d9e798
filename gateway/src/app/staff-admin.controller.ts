import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { districtAdminOverview, districtSettingsView, registerStaffRequest, staffListView, staffView, updateDistrictSettingsRequest, updateStaffContactRequest } from '@delaktig/contracts';
import { Access, ALL_STAFF } from './access';
import { NoChildData } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const problem = (status: number, description: string) => ApiResponse({ status, schema: problemSchema, description });
const common = [
  problem(400, 'Invalid request; `errors` names each field and the reason'),
  problem(401, 'Not signed in, or the token is invalid or expired'),
  problem(403, 'Not a district admin, or outside their scope'),
  problem(429, 'Too many requests'),
  problem(503, 'Keycloak or the identity service is not answering; nothing was changed'),
];
const Problems = (): MethodDecorator => (target, key, desc) => {
  for (const d of common) d(target, key, desc);
};
const StaffId = () => ApiParam({ name: 'id', description: 'Registry id of the staff member (uuid).', schema: { type: 'string', format: 'uuid' } });

function ctx(req: AuthedRequest) {
  return { staff: req.staff, correlationId: req.correlationId ?? crypto.randomUUID() };
}

/**
 * Staff administration (issue 3). A district admin manages the caseworkers and unit leads
 * of their own district; the central office's district admin manages every district's
 * admins. The identity service enforces the scope from the verified caller; staff of
 * another district are answered 404.
 */
@ApiTags('staff-admin')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class StaffAdminController {
  constructor(private readonly services: ServiceClient) {}

  @Get('staff')
  @Access('district-admin')
  @ApiOperation({
    summary: "Staff the caller manages: a district admin sees their district's caseworkers and unit leads; the central admin every district admin (filter with districtId).",
  })
  @ApiQuery({ name: 'districtId', required: false, description: 'Central admin only: one district.' })
  @ApiOkResponse({ schema: oas(staffListView) })
  @Problems()
  @NoChildData('staff members and district settings, not children')
  async list(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    return (await this.services.call('identity', 'GET', '/internal/v1/staff-admin/staff', { ...ctx(req), query })).body;
  }

  @Post('staff')
  @HttpCode(201)
  @Access('district-admin')
  @ApiOperation({
    summary:
      'Register a staff member: the registry entry (personal number only hashed and masked) and the Keycloak user (district group, realm role, no password) are created together, or neither.',
  })
  @ApiBody({ schema: oas(registerStaffRequest) })
  @ApiResponse({ status: 201, schema: oas(staffView) })
  @problem(409, 'The personal identity number, username or e-mail is already registered')
  @Problems()
  @NoChildData('staff members and district settings, not children')
  async register(@Req() req: AuthedRequest, @Body() body: unknown) {
    return (await this.services.call('identity', 'POST', '/internal/v1/staff-admin/staff', { ...ctx(req), body: body ?? {} })).body;
  }

  @Post('staff/:id/deactivate')
  @HttpCode(200)
  @Access('district-admin')
  @ApiOperation({ summary: 'Deactivate: the Keycloak user is disabled, their sessions end at once, and BankID sign-in is refused.' })
  @StaffId()
  @ApiOkResponse({ schema: oas(staffView) })
  @problem(404, 'No such staff member in the caller’s scope')
  @problem(409, 'An admin cannot deactivate themselves')
  @Problems()
  @NoChildData('staff members and district settings, not children')
  async deactivate(@Req() req: AuthedRequest, @Param('id') id: string) {
    return (await this.services.call('identity', 'POST', `/internal/v1/staff-admin/staff/${encodeURIComponent(id)}/deactivate`, ctx(req))).body;
  }

  @Post('staff/:id/reactivate')
  @HttpCode(200)
  @Access('district-admin')
  @ApiOperation({ summary: 'Reactivate a deactivated staff member (Keycloak user enabled, BankID sign-in allowed again).' })
  @StaffId()
  @ApiOkResponse({ schema: oas(staffView) })
  @problem(404, 'No such staff member in the caller’s scope')
  @Problems()
  @NoChildData('staff members and district settings, not children')
  async reactivate(@Req() req: AuthedRequest, @Param('id') id: string) {
    return (await this.services.call('identity', 'POST', `/internal/v1/staff-admin/staff/${encodeURIComponent(id)}/reactivate`, ctx(req))).body;
  }

  @Put('staff/:id/contact')
  @Access('district-admin')
  @ApiOperation({
    summary:
      "Change a staff member's work contact (e-mail, mobile): where safety alerts are sent by e-mail and SMS. Audited (StaffContactChanged, field names only).",
  })
  @StaffId()
  @ApiBody({ schema: oas(updateStaffContactRequest) })
  @ApiOkResponse({ schema: oas(staffView) })
  @problem(404, 'No such staff member in the caller’s scope')
  @Problems()
  @NoChildData('staff members and district settings, not children')
  async updateContact(@Req() req: AuthedRequest, @Param('id') id: string, @Body() body: unknown) {
    return (await this.services.call('identity', 'PUT', `/internal/v1/staff-admin/staff/${encodeURIComponent(id)}/contact`, { ...ctx(req), body: body ?? {} })).body;
  }

  @Get('districts')
  @Access('district-admin')
  @ApiOperation({ summary: 'Central admin only: every district with its admins.' })
  @ApiOkResponse({ schema: oas(districtAdminOverview) })
  @Problems()
  @NoChildData('staff members and district settings, not children')
  async districts(@Req() req: AuthedRequest) {
    return (await this.services.call('identity', 'GET', '/internal/v1/staff-admin/districts', ctx(req))).body;
  }
}

/** A district's own settings (e.g. BankID for young people): every staff member reads them, the district admin changes them. */
@ApiTags('staff-admin')
@ApiBearerAuth()
@Controller('api/v1/district/settings')
export class DistrictSettingsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Access(...ALL_STAFF)
  @ApiOperation({ summary: "The caller's district's settings." })
  @ApiOkResponse({ schema: oas(districtSettingsView) })
  @problem(401, 'Not signed in, or the token is invalid or expired')
  @problem(429, 'Too many requests')
  @NoChildData('staff members and district settings, not children')
  async get(@Req() req: AuthedRequest) {
    return (await this.services.call('identity', 'GET', '/internal/v1/district-settings', ctx(req))).body;
  }

  @Put()
  @Access('district-admin')
  @ApiOperation({
    summary:
      "Change the caller's district's settings (district admin). childBankId: young people (12–18) whose caseworker gives their personal identity number can open their invitation with their own BankID; alertLadder: when unacknowledged safety alerts go to the unit leads again and to the duty contacts (socialjouren) outside office hours. Audited (DistrictSettingsChanged).",
  })
  @ApiBody({ schema: oas(updateDistrictSettingsRequest) })
  @ApiOkResponse({ schema: oas(districtSettingsView) })
  @Problems()
  @NoChildData('staff members and district settings, not children')
  async update(@Req() req: AuthedRequest, @Body() body: unknown) {
    return (await this.services.call('identity', 'PUT', '/internal/v1/district-settings', { ...ctx(req), body: body ?? {} })).body;
  }
}
