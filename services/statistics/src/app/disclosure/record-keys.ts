import { Inject, Injectable } from '@nestjs/common';
import { recordKey } from './cell-key';

export const CELL_KEY_SECRET = Symbol('CELL_KEY_SECRET');

/** Record keys of the cell-key method, from STATISTICS_CELL_KEY_SECRET (ADR 0011). */
@Injectable()
export class RecordKeys {
  constructor(@Inject(CELL_KEY_SECRET) private readonly secret: string) {}
  of(invitationId: string): number {
    return recordKey(this.secret, invitationId);
  }
}
