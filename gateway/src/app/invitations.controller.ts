import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  createdInvitationView,
  createInvitationRequest,
  extendInvitationRequest,
  INVITATION_STATUSES,
  invitationListView,
  invitationView,
  type InvitationView,
} from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Access } from './access';
import { AuditedChange, AuditedRead } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const problem = (status: number, description: string) => ApiResponse({ status, schema: problemSchema, description });
const ProblemResponses = (): MethodDecorator => (target, key, desc) => {
  for (const s of [400, 401, 403, 429, 503]) problem(s, 'Problem details')(target, key, desc);
};
const IdParam = () => ApiParam({ name: 'id', description: 'Invitation id (uuid).', schema: { type: 'string', format: 'uuid' } });

/** What identity answers to `POST /child-access/credentials` (ADR 0009). */
const credentials = z.object({ linkToken: z.string().min(16), code: z.string().min(4), childBankId: z.boolean().default(false) });

function ctx(req: AuthedRequest) {
  return { staff: req.staff, correlationId: req.correlationId ?? randomUUID() };
}
const id = (v: string) => {
  if (!z.uuid().safeParse(v).success) throw new AppError('NOT_FOUND', 'No such invitation.');
  return encodeURIComponent(v);
};

/**
 * Invitations (ADR 0009). Creating one is orchestrated here: identity issues the child's
 * link token and code (stored hashed, inert until InvitationCreated), then survey-delivery
 * writes the invitation and its message. A failure between the two leaves only inert
 * credentials that identity purges; the code is returned once, to the caseworker.
 */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @Access('caseworker', 'unit-lead')
  @ApiOperation({
    summary:
      "Create an invitation for a child in one of the caller's cases and send the link by SMS or e-mail. The answer carries the child's one-time code: show it once, give it to the child in person or by phone.",
  })
  @ApiBody({ schema: oas(createInvitationRequest()) })
  @ApiResponse({ status: 201, schema: oas(createdInvitationView) })
  @problem(409, 'No questionnaire is published for the age band')
  @ProblemResponses()
  @AuditedChange('invitation.created')
  async create(@Req() req: AuthedRequest, @Body() body: unknown) {
    const c = ctx(req);
    // Refuse bad input before anything is issued (survey-delivery checks again, with its own limits).
    const input = parseOrThrow(createInvitationRequest(), body ?? {});
    const invitationId = randomUUID();
    // The young person's personal identity number goes to identity only (kept there as a keyed hash).
    const forDelivery = { ...(body as Record<string, unknown>) };
    delete forDelivery['childPersonalNumber'];
    const pin = input.childPersonalNumber ? { childPersonalNumber: input.childPersonalNumber, birthYear: input.birthYear } : {};
    const issued = await this.services.call<unknown>('identity', 'POST', '/child-access/credentials', { ...c, body: { invitationId, ...pin } });
    const cred = credentials.safeParse(issued.body);
    if (!cred.success) throw new AppError('UPSTREAM_UNAVAILABLE', 'Child access could not be prepared. Try again shortly.');
    const created = await this.services.call<InvitationView>('survey-delivery', 'POST', '/internal/v1/invitations', {
      ...c,
      body: { ...forDelivery, id: invitationId, linkToken: cred.data.linkToken, childBankId: cred.data.childBankId },
    });
    return { invitation: created.body, code: cred.data.code, childBankId: cred.data.childBankId };
  }

  @Get()
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: "The caller's invitations (a unit lead: the unit's), newest first; filter by status and case reference." })
  @ApiQuery({ name: 'status', required: false, description: `Comma-separated: ${INVITATION_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the case reference.' })
  @ApiOkResponse({ schema: oas(invitationListView) })
  @ProblemResponses()
  @AuditedRead('invitation.listed')
  async list(@Req() req: AuthedRequest, @Query() query: Record<string, unknown>) {
    const { status, q, limit } = query;
    return (await this.services.call('survey-delivery', 'GET', '/internal/v1/invitations', { ...ctx(req), query: { status, q, limit } })).body;
  }

  @Get(':id')
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: 'One invitation with its messages and their delivery state.' })
  @IdParam()
  @ApiOkResponse({ schema: oas(invitationView) })
  @problem(404, 'No such invitation (or not yours)')
  @ProblemResponses()
  @AuditedRead('invitation.read')
  async detail(@Req() req: AuthedRequest, @Param('id') invitationId: string) {
    return (await this.services.call('survey-delivery', 'GET', `/internal/v1/invitations/${id(invitationId)}`, ctx(req))).body;
  }

  @Post(':id/resend')
  @HttpCode(200)
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: 'Send the link again by the same channel (the code stays the same).' })
  @IdParam()
  @ApiOkResponse({ schema: oas(invitationView) })
  @problem(404, 'No such invitation (or not yours)')
  @problem(409, 'Submitted, expired or revoked, or a message is already on its way')
  @ProblemResponses()
  @AuditedChange('invitation.sent', 'invitation.read')
  async resend(@Req() req: AuthedRequest, @Param('id') invitationId: string) {
    return (await this.services.call('survey-delivery', 'POST', `/internal/v1/invitations/${id(invitationId)}/resend`, ctx(req))).body;
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: 'Move the expiry (in the future, at most 90 days from now).' })
  @IdParam()
  @ApiBody({ schema: oas(extendInvitationRequest()) })
  @ApiOkResponse({ schema: oas(invitationView) })
  @problem(404, 'No such invitation (or not yours)')
  @problem(409, 'Submitted, expired or revoked')
  @ProblemResponses()
  @AuditedChange('invitation.extended', 'invitation.read')
  async extend(@Req() req: AuthedRequest, @Param('id') invitationId: string, @Body() body: unknown) {
    return (await this.services.call('survey-delivery', 'POST', `/internal/v1/invitations/${id(invitationId)}/extend`, { ...ctx(req), body: body ?? {} })).body;
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Access('caseworker', 'unit-lead')
  @ApiOperation({ summary: 'Revoke: the link and the code stop working at once; contact details are erased.' })
  @IdParam()
  @ApiOkResponse({ schema: oas(invitationView) })
  @problem(404, 'No such invitation (or not yours)')
  @problem(409, 'Submitted or expired')
  @ProblemResponses()
  @AuditedChange('invitation.revoked', 'invitation.read')
  async revoke(@Req() req: AuthedRequest, @Param('id') invitationId: string) {
    return (await this.services.call('survey-delivery', 'POST', `/internal/v1/invitations/${id(invitationId)}/revoke`, ctx(req))).body;
  }
}
