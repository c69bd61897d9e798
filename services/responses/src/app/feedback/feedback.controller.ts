import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ChildIdentity, ChildRoute, CorrelationId, CurrentChild, CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import { FeedbackService } from './feedback.service';

/** Staff side of feedback (återkoppling): templates, give, list. */
@Controller('internal/v1')
export class FeedbackStaffController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get('feedback-templates')
  @Roles('caseworker', 'unit-lead')
  templates() {
    return this.feedback.templates();
  }

  @Post('invitations/:id/feedback')
  @HttpCode(201)
  @Roles('caseworker', 'unit-lead')
  give(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.feedback.give(who, id, body ?? {}, { correlationId });
  }

  @Get('invitations/:id/feedback')
  @Roles('caseworker', 'unit-lead')
  list(@CurrentIdentity() who: Identity, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.feedback.listForStaff(who, id, { correlationId });
  }
}

/**
 * The child's side (ADR 0009), reached through the gateway's `/api/v1/child/feedback…`
 * with a gateway-signed child identity; also under `internal/v1/child/feedback`.
 */
@Controller(['child/feedback', 'internal/v1/child/feedback'])
@ChildRoute()
export class FeedbackChildController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get()
  get(@CurrentChild() child: ChildIdentity) {
    return this.feedback.forChild(child);
  }

  @Post('rating')
  @HttpCode(201)
  rate(@CurrentChild() child: ChildIdentity, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.feedback.rate(child, body ?? {}, { correlationId });
  }
}
