import { Controller, Get, Headers, Inject, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CENTRAL_OFFICE, DISTRICT_IDS, type DistrictId } from '@delaktig/contracts';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { CurrentIdentity, Identity, Roles } from '@delaktig/service-kit';
import { z } from 'zod';
import { AuditLog } from './audit-log';
import type { Prisma } from '../prisma';
import { CheckpointReader } from './checkpoints';
import { consistencyProof, inclusionProof, rootOf, verifyConsistency, verifyInclusion } from './merkle';
import { leafOf } from './verifier';
import { ReviewService } from './review/review.service';

const listQuery = z.object({
  districtId: z.enum(DISTRICT_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeSeq: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a sequence number')
    .optional(),
});

@Controller('internal/v1/audit')
export class AuditController {
  constructor(
    private readonly log: AuditLog,
    @Inject(CheckpointReader) private readonly checkpoints: CheckpointReader,
    private readonly review: ReviewService,
  ) {}

  /** Audit entries of the auditor's scope: their own district; the central auditor any district. */
  @Get('entries')
  @Roles('auditor')
  async entries(@Query() query: unknown, @CurrentIdentity() who: Identity, @Headers('x-correlation-id') correlationId?: string) {
    const q = parseOrThrow(listQuery, query);
    const districtId = scope(who, q.districtId);
    // The read of the log is itself in the log (ADR 0016), appended before the rows are read.
    const rows = await this.review.audited(
      who,
      { districtId },
      { action: 'audit.log-read', objectType: 'audit-log', objectId: JSON.stringify({ districtId, limit: q.limit, beforeSeq: q.beforeSeq }) },
      correlationId ?? randomUUID(),
      (tx) => this.log.list(districtId, q.limit, q.beforeSeq ? BigInt(q.beforeSeq) : undefined, tx as unknown as Pick<Prisma, 'auditEntry'>),
    );
    return {
      items: rows.map((r) => ({
        seq: r.seq.toString(),
        districtId: r.districtId,
        occurredAt: r.occurredAt.toISOString(),
        actor: r.actor,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        hash: r.hash,
      })),
    };
  }

  @Get('verify')
  @Roles('auditor')
  async verify(@Query() query: unknown, @CurrentIdentity() who: Identity) {
    const q = parseOrThrow(listQuery.pick({ districtId: true }), query);
    const districtId = scope(who, q.districtId);
    const logId = await this.log.logId();
    const report = await this.log.verify(districtId, await this.checkpoints.latestFor(logId, districtId));
    return { ...report, logId, otherLogCheckpoints: this.checkpoints.otherLogs(logId, districtId) };
  }

  /** RFC 9162 inclusion proof of one entry against the district's last published checkpoint. */
  @Get('proof')
  @Roles('auditor')
  async proof(@Query() query: unknown, @CurrentIdentity() who: Identity) {
    const q = parseOrThrow(z.object({ entryId: z.uuid() }), query);
    const [entry] = await this.log.entryWithSeal(q.entryId);
    // Another district's entry is reported as absent, so its existence does not leak.
    if (!entry || (who.districtId !== CENTRAL_OFFICE && entry.districtId !== who.districtId)) {
      throw new AppError('NOT_FOUND', 'Posten finns inte i din logg.');
    }
    const checkpoint = await this.checkpoints.latestFor(await this.log.logId(), entry.districtId);
    const { leaves, position } = await this.leaves(entry.districtId, checkpoint?.treeSize ?? 0, entry.id);
    if (!checkpoint || position < 0) {
      throw new AppError('CONFLICT', 'Posten ingår ännu inte i någon publicerad kontrollpunkt; försök igen om en stund.');
    }
    const proof = inclusionProof(position, leaves);
    const leaf = leaves[position];
    return {
      entryId: entry.id,
      districtId: entry.districtId,
      seq: entry.seq,
      leafIndex: position,
      sealedLeafIndex: entry.sealIndex === null ? null : Number(entry.sealIndex),
      leafHash: leaf.toString('hex'),
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      proof: proof.map((p) => p.toString('hex')),
      checkpoint,
      // The proof is built from the stored rows: it verifies only if they still match the checkpoint.
      verified: verifyInclusion(position, checkpoint.treeSize, proof, leaf, Buffer.from(checkpoint.rootHash, 'hex')) && rootOf(leaves).toString('hex') === checkpoint.rootHash,
    };
  }

  /**
   * RFC 9162 consistency proof from an earlier tree size (?fromSize, e.g. the checkpoint a
   * witness or an earlier review kept) to the district's last published checkpoint: the later
   * tree extends the earlier one, nothing before it was changed, removed or reordered.
   */
  @Get('consistency')
  @Roles('auditor')
  async consistency(@Query() query: unknown, @CurrentIdentity() who: Identity) {
    const q = parseOrThrow(z.object({ districtId: z.enum(DISTRICT_IDS).optional(), fromSize: z.coerce.number().int('must be a whole number').min(1, 'must be ≥ 1') }), query);
    const districtId = scope(who, q.districtId);
    const checkpoint = await this.checkpoints.latestFor(await this.log.logId(), districtId);
    if (!checkpoint) throw new AppError('CONFLICT', 'Loggen har ännu ingen publicerad kontrollpunkt; försök igen om en stund.');
    if (q.fromSize > checkpoint.treeSize) {
      throw AppError.validation([{ field: 'fromSize', reason: `must be at most the last published tree size (${checkpoint.treeSize})` }]);
    }
    const { leaves } = await this.leaves(districtId, checkpoint.treeSize);
    const proof = consistencyProof(q.fromSize, leaves);
    // The earlier tree head as this log published it, if it published one of that size.
    const fromRoot = await this.log.checkpointRoot(districtId, q.fromSize);
    const ownRoot = rootOf(leaves, 0, q.fromSize).toString('hex');
    return {
      districtId,
      fromSize: q.fromSize,
      fromRootHash: fromRoot ?? ownRoot,
      fromPublished: fromRoot !== null,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      proof: proof.map((p) => p.toString('hex')),
      checkpoint,
      // Built from the stored rows: it verifies only if they still match both tree heads.
      verified:
        rootOf(leaves).toString('hex') === checkpoint.rootHash &&
        (fromRoot === null || fromRoot === ownRoot) &&
        verifyConsistency(q.fromSize, checkpoint.treeSize, Buffer.from(fromRoot ?? ownRoot, 'hex'), Buffer.from(checkpoint.rootHash, 'hex'), proof),
    };
  }

  /** The district's first `size` leaves in log order, and the position of `entryId` among them (-1 if not). */
  private async leaves(districtId: string, size: number, entryId?: string): Promise<{ leaves: Buffer[]; position: number }> {
    const leaves: Buffer[] = [];
    let position = -1;
    for await (const page of this.log.entries(districtId)) {
      for (const e of page) {
        if (leaves.length === size) break;
        if (e.id === entryId) position = leaves.length;
        leaves.push(leafOf(e));
      }
      if (leaves.length === size) break;
    }
    return { leaves, position };
  }
}

function scope(who: Identity, requested: DistrictId | undefined): DistrictId {
  if (!requested || requested === who.districtId) return who.districtId;
  if (who.districtId === CENTRAL_OFFICE) return requested;
  throw new AppError('FORBIDDEN', 'You may read only your own district\'s audit log.');
}
