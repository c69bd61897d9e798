import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@delaktig/contracts';
import { EventBatch, processOnce } from '@delaktig/messaging';
import { ChildIdentity, ChildRoute, CorrelationId, CurrentChild, CurrentIdentity, Identity, Public, Roles } from '@delaktig/service-kit';
import { Inject } from '@nestjs/common';
import type { Prisma } from '../prisma';
import { clientIp } from '../login/client-ip';
import { CHILD_ACCESS_PRISMA, ChildAccessService } from './child-access.service';
import { ChildBankIdService } from './child-bankid.service';

/** Internal HTTP of child access (ADR 0009); the gateway is the only caller. */
@Controller('child-access')
export class ChildAccessController {
  constructor(
    private readonly access: ChildAccessService,
    private readonly bankid: ChildBankIdService,
  ) {}

  /** Step 1 of creating an invitation (gateway, with the caseworker's identity): `{linkToken, code}`, shown once. */
  @Post('credentials')
  @HttpCode(201)
  @Roles('caseworker', 'unit-lead')
  @Header('Cache-Control', 'no-store')
  credentials(@Body() body: unknown, @CurrentIdentity() who: Identity) {
    return this.access.issueCredentials(body, who);
  }

  /** The child's link token and code → a child session (no caller identity: the child has none yet). */
  @Post('sessions')
  @HttpCode(201)
  @Public()
  @Header('Cache-Control', 'no-store')
  open(@Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.access.openSession(body, correlationId);
  }

  /** How a link can be opened (the code; BankID for 12–18 where turned on). */
  @Post('methods')
  @HttpCode(200)
  @Public()
  @Header('Cache-Control', 'no-store')
  methods(@Body() body: unknown) {
    return this.access.methods(body);
  }

  /** A young person starts BankID for their link; the gateway passes their IP address in `x-delaktig-end-user-ip`. */
  @Post('bankid')
  @HttpCode(201)
  @Public()
  @Header('Cache-Control', 'no-store')
  startBankId(@Body() body: unknown, @Headers('x-delaktig-end-user-ip') endUserIp: string | undefined) {
    return this.bankid.start(body, clientIp({ ip: endUserIp }));
  }

  @Post('bankid/collect')
  @HttpCode(200)
  @Public()
  @Header('Cache-Control', 'no-store')
  collectBankId(@Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.bankid.collect(body, correlationId);
  }

  @Post('bankid/cancel')
  @HttpCode(200)
  @Public()
  @Header('Cache-Control', 'no-store')
  cancelBankId(@Body() body: unknown) {
    return this.bankid.cancel(body);
  }

  /** A fresh session token for the child of a still valid session. */
  @Post('sessions/refresh')
  @HttpCode(200)
  @ChildRoute()
  @Header('Cache-Control', 'no-store')
  refresh(@CurrentChild() child: ChildIdentity) {
    return this.access.refresh(child);
  }

  /** Public keys of the child session tokens (the gateway verifies with them). */
  @Get('jwks')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  jwks() {
    return this.access.jwks();
  }

  @Post(':invitationId/unlock')
  @HttpCode(200)
  @Roles('caseworker', 'unit-lead')
  unlock(@Param('invitationId') invitationId: string, @CurrentIdentity() who: Identity, @CorrelationId() correlationId: string) {
    return this.access.unlock(invitationId, who, correlationId);
  }
}

/** Keeps each child access in step with its invitation (survey-delivery) and response (responses). */
@Controller()
export class ChildAccessConsumer {
  constructor(
    @Inject(CHILD_ACCESS_PRISMA) private readonly prisma: Prisma,
    private readonly access: ChildAccessService,
  ) {}

  @EventPattern(TOPICS.invitation)
  async onInvitationEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'identity.child-access', batch.events, (tx, fresh) => this.access.applyEvents(tx, fresh));
  }

  @EventPattern(TOPICS.response)
  async onResponseEvents(@Payload() batch: EventBatch): Promise<void> {
    await processOnce(this.prisma, 'identity.child-access', batch.events, (tx, fresh) => this.access.applyEvents(tx, fresh));
  }
}
