import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CorrelationId, CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import type { Response } from 'express';
import { ExportService } from './export.service';

@Controller('internal/v1')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  /** `exporterName` is set by the gateway from the verified token; it is printed, never stored. */
  @Get('invitations/:id/response/export')
  @Roles('caseworker', 'unit-lead')
  async export(
    @CurrentIdentity() who: Identity,
    @Param('id') id: string,
    @Query('format') format: unknown,
    @Query('exporterName') exporterName: unknown,
    @CorrelationId() correlationId: string,
    @Res() res: Response,
  ) {
    const out = await this.exports.export(who, id, format, exporterName, { correlationId });
    res
      .status(200)
      .setHeader('content-type', out.contentType)
      .setHeader('content-disposition', `attachment; filename="${out.filename}"`)
      .setHeader('cache-control', 'no-store')
      .end(out.body);
  }
}
