import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  childAccessUnlockView,
  childBankIdOrderRequest,
  childBankIdStartRequest,
  childBankIdView,
  childSignInMethodsRequest,
  childSignInMethodsView,
  childDraftRequest,
  childDraftView,
  childFeedbackView,
  childQuestionnaireView,
  childRatingRequest,
  childResponseView,
  childSessionRequest,
  childSessionView,
  childSubmitRequest,
  childSubmitView,
} from '@delaktig/contracts';
import type { Response } from 'express';
import { Access, PublicRoute } from './access';
import { AuditedChange, ChildOwnData } from './child-data';
import type { AuthedRequest } from './auth.guard';
import { ChildAccess, ChildSessionRateLimit, type ChildRequest } from './child-session.guard';
import { oas, problemSchema } from './openapi';
import { ServiceClient } from './service-client';

const problem = (status: number, description: string) => ApiResponse({ status, schema: problemSchema, description });
const applyAll =
  (...decorators: MethodDecorator[]): MethodDecorator =>
  (target, key, desc) => {
    for (const d of decorators) d(target, key, desc);
  };
/** Problems every child route can answer. */
const ChildProblems = () =>
  applyAll(
    problem(401, 'No child session, or it has expired or is not valid (a staff token is refused here)') as MethodDecorator,
    problem(429, 'Too many requests') as MethodDecorator,
    problem(503, 'A service is not answering') as MethodDecorator,
  );

function childCtx(req: ChildRequest) {
  return { child: req.child, correlationId: req.correlationId ?? crypto.randomUUID() };
}

/**
 * The child app's API (ADR 0009): opening a session with the link token and code, then
 * only what belongs to that one invitation. Every route except `POST session` needs a child
 * session token; staff tokens are refused here, and child tokens on every staff route.
 */
@ApiTags('child')
@Controller('api/v1/child')
export class ChildController {
  constructor(private readonly services: ServiceClient) {}

  @Post('session')
  @HttpCode(201)
  @PublicRoute()
  @ChildSessionRateLimit()
  @ApiOperation({
    summary:
      'Open a child session with the link token and the code. Five wrong codes lock the invitation until the caseworker unlocks it. Rate limited per IP (CHILD_SESSION_RATE_LIMIT_PER_MINUTE).',
  })
  @ApiBody({ schema: oas(childSessionRequest) })
  @ApiResponse({ status: 201, schema: oas(childSessionView) })
  @problem(400, 'token or code missing')
  @problem(401, '`child-access-wrong-code`, with `attemptsLeft`')
  @problem(404, '`child-access-not-found`: no such link')
  @problem(410, '`child-access-expired` or `child-access-revoked`')
  @problem(423, '`child-access-locked`: five wrong codes; the caseworker can unlock')
  @problem(429, 'Too many attempts from this address (Retry-After says when to try again)')
  @ChildOwnData()
  async openSession(@Req() req: AuthedRequest, @Body() body: unknown) {
    return (await this.services.call('identity', 'POST', '/child-access/sessions', { correlationId: req.correlationId ?? crypto.randomUUID(), body: body ?? {} })).body;
  }

  @Post('session/methods')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({ summary: 'How this link can be opened: always with the code; with BankID for a young person (12–18) whose caseworker gave their personal identity number, where the district has turned it on.' })
  @ApiBody({ schema: oas(childSignInMethodsRequest) })
  @ApiOkResponse({ schema: oas(childSignInMethodsView) })
  @problem(400, 'token missing')
  @problem(429, 'Too many requests')
  @ChildOwnData()
  async methods(@Req() req: AuthedRequest, @Body() body: unknown) {
    return (await this.services.call('identity', 'POST', '/child-access/methods', { correlationId: req.correlationId ?? crypto.randomUUID(), body: body ?? {} })).body;
  }

  @Post('session/bankid')
  @HttpCode(201)
  @PublicRoute()
  @ChildSessionRateLimit()
  @ApiOperation({
    summary:
      "Start BankID for the link (12–18, where turned on): the answer has the QR code and the link that opens BankID on this device; then poll `session/bankid/collect` every second or two. Counts against the per-IP limit of session attempts.",
  })
  @ApiBody({ schema: oas(childBankIdStartRequest) })
  @ApiResponse({ status: 201, schema: oas(childBankIdView) })
  @problem(400, 'token missing')
  @problem(404, '`child-access-not-found`: no such link')
  @problem(409, '`child-bankid-unavailable`: BankID is not possible for this invitation; use the code')
  @problem(410, '`child-access-expired` or `child-access-revoked`')
  @problem(423, '`child-access-locked`')
  @problem(429, 'Too many attempts from this address (Retry-After says when to try again)')
  @ChildOwnData()
  async startBankId(@Req() req: AuthedRequest, @Body() body: unknown) {
    return (
      await this.services.call('identity', 'POST', '/child-access/bankid', {
        correlationId: req.correlationId ?? crypto.randomUUID(),
        body: body ?? {},
        // BankID requires the end user's IP address (the gateway trusts only its own proxies for it).
        headers: { 'x-delaktig-end-user-ip': req.ip ?? '' },
      })
    ).body;
  }

  @Post('session/bankid/collect')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({
    summary: "The BankID sign-in's state. When BankID identifies the young person of the invitation, the answer carries the child session (once); somebody else's BankID gives `failed` with hintCode `wrongPerson`.",
  })
  @ApiBody({ schema: oas(childBankIdOrderRequest) })
  @ApiOkResponse({ schema: oas(childBankIdView) })
  @problem(400, 'orderId missing or not a uuid')
  @problem(404, '`child-bankid-order-not-found`: ended or expired; start again')
  @problem(410, '`child-access-expired` or `child-access-revoked`')
  @problem(423, '`child-access-locked`')
  @problem(429, 'Too many requests')
  @ChildOwnData()
  async collectBankId(@Req() req: AuthedRequest, @Body() body: unknown) {
    return (await this.services.call('identity', 'POST', '/child-access/bankid/collect', { correlationId: req.correlationId ?? crypto.randomUUID(), body: body ?? {} })).body;
  }

  @Post('session/bankid/cancel')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({ summary: 'Cancel the BankID sign-in ("Avbryt").' })
  @ApiBody({ schema: oas(childBankIdOrderRequest) })
  @ApiOkResponse({ schema: oas(childBankIdView) })
  @problem(400, 'orderId missing or not a uuid')
  @problem(404, '`child-bankid-order-not-found`')
  @problem(429, 'Too many requests')
  @ChildOwnData()
  async cancelBankId(@Req() req: AuthedRequest, @Body() body: unknown) {
    return (await this.services.call('identity', 'POST', '/child-access/bankid/cancel', { correlationId: req.correlationId ?? crypto.randomUUID(), body: body ?? {} })).body;
  }

  @Post('session/refresh')
  @HttpCode(200)
  @ChildAccess()
  @ApiOperation({ summary: 'A fresh session token (same invitation) while the current one is still valid.' })
  @ApiOkResponse({ schema: oas(childSessionView) })
  @problem(410, 'The invitation expired or was revoked')
  @problem(423, 'The invitation was locked')
  @ChildProblems()
  @ChildOwnData()
  async refresh(@Req() req: ChildRequest) {
    return (await this.services.call('identity', 'POST', '/child-access/sessions/refresh', childCtx(req))).body;
  }

  @Get('questionnaire')
  @ChildAccess()
  @ApiOperation({ summary: "The questionnaire of the session's invitation (its exact published version)." })
  @ApiOkResponse({ schema: oas(childQuestionnaireView) })
  @problem(404, 'The version is not available')
  @ChildProblems()
  @ChildOwnData()
  async questionnaire(@Req() req: ChildRequest) {
    return (await this.services.call('survey-delivery', 'GET', '/child/questionnaire', childCtx(req))).body;
  }

  @Get('response')
  @ChildAccess()
  @ApiOperation({ summary: "The child's own answers so far (draft) or as submitted." })
  @ApiOkResponse({ schema: oas(childResponseView) })
  @ChildProblems()
  @ChildOwnData()
  async response(@Req() req: ChildRequest) {
    return (await this.services.call('responses', 'GET', '/child/response', childCtx(req))).body;
  }

  @Put('response/draft')
  @HttpCode(200)
  @ChildAccess()
  @ApiOperation({ summary: 'Save the answers so far and where the child is; answers are validated as they are saved.' })
  @ApiBody({ schema: oas(childDraftRequest) })
  @ApiOkResponse({ schema: oas(childDraftView) })
  @problem(400, 'An answer does not fit its question (names the field)')
  @problem(409, '`response-already-submitted`')
  @problem(410, 'The invitation expired or was revoked')
  @ChildProblems()
  @ChildOwnData()
  async saveDraft(@Req() req: ChildRequest, @Body() body: unknown) {
    return (await this.services.call('responses', 'PUT', '/child/response/draft', { ...childCtx(req), body: body ?? {} })).body;
  }

  @Post('response/submit')
  @ChildAccess()
  @ApiOperation({ summary: 'Submit the answers. The same Idempotency-Key again gives the same result (200); another key after submission gives 409.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Random id of this submission attempt (reuse it when retrying).' })
  @ApiBody({ schema: oas(childSubmitRequest) })
  @ApiResponse({ status: 201, schema: oas(childSubmitView), description: 'Submitted' })
  @ApiResponse({ status: 200, schema: oas(childSubmitView), description: 'Already submitted with this Idempotency-Key' })
  @problem(400, 'An answer does not fit its question, or Idempotency-Key is missing')
  @problem(409, '`response-already-submitted`')
  @problem(410, 'The invitation expired or was revoked')
  @ChildProblems()
  @ChildOwnData()
  async submit(
    @Req() req: ChildRequest,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const headers: Record<string, string> = typeof idempotencyKey === 'string' ? { 'idempotency-key': idempotencyKey } : {};
    const result = await this.services.call('responses', 'POST', '/child/response/submit', { ...childCtx(req), body: body ?? {}, headers });
    res.status(result.status);
    return result.body;
  }

  @Get('feedback')
  @ChildAccess()
  @ApiOperation({ summary: "The caseworker's feedback (återkoppling) to the child, and the child's rating if given." })
  @ApiOkResponse({ schema: oas(childFeedbackView) })
  @ChildProblems()
  @ChildOwnData()
  async feedback(@Req() req: ChildRequest) {
    return (await this.services.call('responses', 'GET', '/child/feedback', childCtx(req))).body;
  }

  @Post('feedback/rating')
  @HttpCode(201)
  @ChildAccess()
  @ApiOperation({ summary: 'How involved the child felt (1–5 or dont-know), after reading the feedback.' })
  @ApiBody({ schema: oas(childRatingRequest) })
  @ApiResponse({ status: 201, description: 'Rated' })
  @problem(400, 'rating is not one of 1–5 or dont-know')
  @ChildProblems()
  @ChildOwnData()
  async rate(@Req() req: ChildRequest, @Body() body: unknown) {
    return (await this.services.call('responses', 'POST', '/child/feedback/rating', { ...childCtx(req), body: body ?? {} })).body;
  }
}

/** Staff side of child access: unlocking an invitation locked by five wrong codes. */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller('api/v1/invitations')
export class ChildAccessStaffController {
  constructor(private readonly services: ServiceClient) {}

  @Post(':id/unlock')
  @HttpCode(200)
  @Access('caseworker', 'unit-lead')
  @ApiOperation({
    summary: 'Unlock an invitation after five wrong codes: the caseworker who created it, or the unit lead of its unit (same district). The child gets five new tries.',
  })
  @ApiParam({ name: 'id', description: 'Invitation id (uuid).' })
  @ApiOkResponse({ schema: oas(childAccessUnlockView) })
  @problem(401, 'Not signed in')
  @problem(403, 'Not your invitation (nor your unit’s)')
  @problem(404, 'No such invitation in your district')
  @problem(429, 'Too many requests')
  @AuditedChange('child-access.unlocked')
  async unlock(@Req() req: AuthedRequest, @Param('id') id: string) {
    return (
      await this.services.call('identity', 'POST', `/child-access/${encodeURIComponent(id)}/unlock`, {
        staff: req.staff,
        correlationId: req.correlationId ?? crypto.randomUUID(),
      })
    ).body;
  }
}
