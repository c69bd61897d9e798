import { Controller, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { SurveyDeliveryConfig } from '@delaktig/config';
import { AppError } from '@delaktig/errors';
import { CONFIG, Public } from '@delaktig/service-kit';
import type { Request } from 'express';
import { AlertLadderService } from '../alerts/alert-ladder.service';
import { DeliveryWorker } from './delivery.worker';
import { signatureMatches } from './secrets';

async function readForm(req: Request): Promise<URLSearchParams> {
  if (req.body && typeof req.body === 'object' && Object.keys(req.body).length) return new URLSearchParams(req.body as Record<string, string>);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new AppError('PAYLOAD_TOO_LARGE');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Delivery reports from the SMS provider (46elks posts form fields id, status, delivered to
 * the `whendelivered` URL we gave it). The URL carries an HMAC of the delivery id, so only
 * a provider we sent that message to can report on it.
 */
@Controller('callbacks/sms')
export class SmsCallbackController {
  constructor(
    @Inject(CONFIG) private readonly config: SurveyDeliveryConfig,
    private readonly worker: DeliveryWorker,
    private readonly alerts: AlertLadderService,
  ) {}

  @Post(':deliveryId')
  @HttpCode(204)
  @Public()
  async report(@Param('deliveryId') deliveryId: string, @Query('sig') sig: string, @Req() req: Request): Promise<void> {
    if (!/^[0-9a-f-]{36}$/.test(deliveryId) || !signatureMatches(this.config.SMS_CALLBACK_SECRET, deliveryId, sig)) {
      throw new AppError('NOT_FOUND', 'No such message.');
    }
    const form = await readForm(req);
    const id = form.get('id') ?? '';
    const status = form.get('status') ?? '';
    if (!id || !['delivered', 'failed'].includes(status)) {
      throw AppError.validation([{ field: !id ? 'id' : 'status', reason: !id ? 'is required' : 'must be delivered or failed' }]);
    }
    // Invitation messages and safety-alert notifications share the callback; an unknown id changes nothing.
    if (!(await this.worker.report(deliveryId, id, status))) await this.alerts.report(deliveryId, id, status);
  }
}
