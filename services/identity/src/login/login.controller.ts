import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { IdentityConfig } from '@delaktig/config';
import { Public } from '@delaktig/service-kit';
import { createLogger } from '@delaktig/telemetry';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { OidcService } from '../oidc/oidc.service';
import { interactionPath } from '../oidc/provider';
import { IDENTITY_CONFIG } from '../tokens';
import { BankIdLoginService, type LoginView } from './bankid-login.service';
import { clientIp } from './client-ip';
import { expiredPage, loginPage } from './page';

/** The login interaction of the OpenID Connect provider: BankID (animated QR or autostart). */
@Public()
@Controller('oidc/interaction/:uid')
export class LoginController {
  private readonly log = createLogger('identity').child({ component: 'login' });
  private readonly formTargets: string;

  constructor(
    private readonly oidc: OidcService,
    private readonly login: BankIdLoginService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    const origins = new Set(config.KEYCLOAK_BROKER_REDIRECT_URIS.map((u) => new URL(u).origin));
    this.formTargets = [...origins].join(' ');
  }

  @Get()
  async page(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.details(uid, req, res))) return this.expired(res);
    const view = await this.login.view(uid);
    const token = view.state === 'pending' ? await this.login.autoStartToken(uid) : null;
    const returnUrl = new URL(interactionPath(uid), `${req.protocol}://${req.get('host') ?? 'localhost'}`).toString();
    const autostartUrl = token ? this.login.autostartUrl(token, returnUrl) : null;
    this.html(res, 200, (nonce) =>
      loginPage({ uid, nonce, view, autostartUrl, autostartNewTab: autostartUrl?.startsWith('http') ?? false }),
    );
  }

  @Post('start')
  async start(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.details(uid, req, res))) return this.expired(res);
    const view = await this.login.start(uid, clientIp(req));
    this.reply(uid, req, res, view);
  }

  @Get('status')
  async status(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.details(uid, req, res))) {
      res.status(410).setHeader('Cache-Control', 'no-store').json({ state: 'expired' });
      return;
    }
    const view = await this.login.view(uid, (staffId) =>
      this.oidc.provider.interactionResult(req, res, { login: { accountId: staffId } }, { mergeWithLastSubmission: false }),
    );
    res.status(200).setHeader('Cache-Control', 'no-store').json(view);
  }

  @Post('cancel')
  async cancel(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.details(uid, req, res))) return this.expired(res);
    await this.login.cancel(uid);
    this.reply(uid, req, res, await this.login.view(uid));
  }

  /** Ends the sign-in without a login: Keycloak gets access_denied. */
  @Post('abort')
  async abort(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.details(uid, req, res))) return this.expired(res);
    await this.login.cancel(uid);
    await this.oidc.provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The BankID sign-in was not completed.' },
      { mergeWithLastSubmission: false },
    );
  }

  /** The interaction behind the cookie, if it is this one and still running. */
  private async details(uid: string, req: Request, res: Response): Promise<boolean> {
    try {
      const details = await this.oidc.provider.interactionDetails(req, res);
      return details.uid === uid;
    } catch (err) {
      this.log.info({ err: (err as Error).name }, 'login interaction not found');
      return false;
    }
  }

  private reply(uid: string, req: Request, res: Response, view: LoginView): void {
    if ((req.get('accept') ?? '').includes('application/json')) {
      res.status(200).setHeader('Cache-Control', 'no-store').json(view);
    } else {
      res.redirect(303, interactionPath(uid));
    }
  }

  private expired(res: Response): void {
    this.html(res, 410, () => expiredPage());
  }

  private html(res: Response, status: number, render: (nonce: string) => string): void {
    const nonce = randomBytes(16).toString('base64');
    res
      .status(status)
      .setHeader('Cache-Control', 'no-store')
      .setHeader(
        'Content-Security-Policy',
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; ` +
          `form-action 'self' ${this.formTargets}; frame-ancestors 'none'; base-uri 'none'`,
      )
      .type('html')
      .send(render(nonce));
  }
}
