import { Inject, Injectable } from '@nestjs/common';
import type { DistrictId } from '@delaktig/contracts';
import type { SqlExecutor } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma';
import { chainHash, ChainedFields, GENESIS_HASH } from './chain';

export type NewEntry = Omit<ChainedFields, 'id'>;

/** The tamper-evident audit log: one hash chain per district, append-only. */
@Injectable()
export class AuditLog {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** Appends entries inside the caller's transaction; the district's chain head is locked meanwhile. */
  async append(tx: SqlExecutor, entries: NewEntry[]): Promise<void> {
    const byDistrict = new Map<string, NewEntry[]>();
    for (const e of entries) byDistrict.set(e.districtId, [...(byDistrict.get(e.districtId) ?? []), e]);
    for (const [districtId, list] of [...byDistrict.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      await tx.$executeRawUnsafe(
        `INSERT INTO audit_chain_head (district_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`,
        districtId,
        GENESIS_HASH,
      );
      const [head] = await tx.$queryRawUnsafe<{ last_hash: string }[]>(
        `SELECT last_hash FROM audit_chain_head WHERE district_id = $1 FOR UPDATE`,
        districtId,
      );
      let prev = head?.last_hash ?? GENESIS_HASH;
      const rows = list.map((e) => {
        const fields: ChainedFields = { ...e, id: randomUUID() };
        const hash = chainHash(prev, fields);
        const row = { ...fields, prevHash: prev, hash };
        prev = hash;
        return row;
      });
      const inserted = await tx.$queryRawUnsafe<{ seq: string }[]>(
        `INSERT INTO audit_entry (id, event_id, district_id, occurred_at, actor, action, object_type, object_id, correlation_id, prev_hash, hash)
         SELECT id, event_id, district_id, occurred_at, actor, action, object_type, object_id, correlation_id, prev_hash, hash
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
           WITH ORDINALITY AS t(id, event_id, district_id, occurred_at, actor, action, object_type, object_id, correlation_id, prev_hash, hash, ord)
         ORDER BY ord
         RETURNING seq::text`,
        rows.map((r) => r.id),
        rows.map((r) => r.eventId),
        rows.map((r) => r.districtId),
        rows.map((r) => r.occurredAt),
        rows.map((r) => r.actor),
        rows.map((r) => r.action),
        rows.map((r) => r.objectType),
        rows.map((r) => r.objectId),
        rows.map((r) => r.correlationId),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
      );
      const lastSeq = inserted.map((r) => BigInt(r.seq)).reduce((a, b) => (a > b ? a : b), 0n);
      await tx.$executeRawUnsafe(
        `UPDATE audit_chain_head SET last_seq = $2::bigint, last_hash = $3 WHERE district_id = $1`,
        districtId,
        lastSeq.toString(),
        prev,
      );
    }
  }

  async list(districtId: DistrictId, limit: number, beforeSeq?: bigint) {
    return this.prisma.auditEntry.findMany({
      where: { districtId, ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}) },
      orderBy: { seq: 'desc' },
      take: limit,
    });
  }

  /** Recomputes a district's chain from the start; reports the first entry that does not fit. */
  async verify(districtId: DistrictId): Promise<{ entries: number; intact: boolean; brokenAtSeq: string | null }> {
    let prev = GENESIS_HASH;
    let entries = 0;
    let cursor: bigint | undefined;
    for (;;) {
      const page = await this.prisma.auditEntry.findMany({
        where: { districtId, ...(cursor !== undefined ? { seq: { gt: cursor } } : {}) },
        orderBy: { seq: 'asc' },
        take: 5000,
      });
      if (page.length === 0) break;
      for (const e of page) {
        const expected = chainHash(prev, {
          id: e.id,
          eventId: e.eventId,
          districtId: e.districtId,
          occurredAt: e.occurredAt.toISOString(),
          actor: e.actor,
          action: e.action,
          objectType: e.objectType,
          objectId: e.objectId,
          correlationId: e.correlationId,
        });
        if (e.prevHash !== prev || e.hash !== expected) return { entries, intact: false, brokenAtSeq: e.seq.toString() };
        prev = e.hash;
        entries++;
        cursor = e.seq;
      }
    }
    const head = await this.prisma.auditChainHead.findUnique({ where: { districtId } });
    if (head && head.lastHash !== prev) return { entries, intact: false, brokenAtSeq: head.lastSeq.toString() };
    return { entries, intact: true, brokenAtSeq: null };
  }
}
