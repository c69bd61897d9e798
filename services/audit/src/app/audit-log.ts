import { Inject, Injectable } from '@nestjs/common';
import type { DistrictId } from '@delaktig/contracts';
import type { SqlExecutor } from '@delaktig/messaging';
import { PRISMA } from '@delaktig/service-kit';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma';
import { chainHash, ChainedFields, GENESIS_HASH } from './chain';
import { AuditKeys, sealMessage, signWith } from './keys';
import { Checkpoint, entryPages, leafOf, StoredEntry, verifyDistrict, VerifyReport } from './verifier';

export const AUDIT_KEYS = Symbol('AUDIT_KEYS');

export type NewEntry = Omit<ChainedFields, 'id'>;

/** The tamper-evident audit log: one hash chain per district, append-only. */
@Injectable()
export class AuditLog {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AUDIT_KEYS) private readonly keys: AuditKeys,
  ) {}

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
      const [head] = await tx.$queryRawUnsafe<{ last_hash: string; tree_size: string }[]>(
        `SELECT last_hash, tree_size::text FROM audit_chain_head WHERE district_id = $1 FOR UPDATE`,
        districtId,
      );
      let prev = head?.last_hash ?? GENESIS_HASH;
      const firstIndex = BigInt(head?.tree_size ?? '0');
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
      // Each entry's leaf position, signed: it cannot be altered, moved or dropped unnoticed.
      await this.seal(
        tx,
        districtId,
        rows.map((r, k) => ({ id: r.id, index: String(firstIndex + BigInt(k)), leaf: leafOf({ ...r, occurredAt: new Date(r.occurredAt).toISOString() }).toString('hex') })),
      );
      await tx.$executeRawUnsafe(
        `UPDATE audit_chain_head SET last_seq = $2::bigint, last_hash = $3, tree_size = $4::bigint WHERE district_id = $1`,
        districtId,
        lastSeq.toString(),
        prev,
        (firstIndex + BigInt(rows.length)).toString(),
      );
    }
  }

  async list(districtId: DistrictId, limit: number, beforeSeq?: bigint, tx: Pick<Prisma, 'auditEntry'> = this.prisma) {
    return tx.auditEntry.findMany({
      where: { districtId, ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}) },
      orderBy: { seq: 'desc' },
      take: limit,
    });
  }

  /** A district's entries with their seals, in seq order, page by page. */
  entries(districtId: string, pageSize = 5000): AsyncGenerator<StoredEntry[]> {
    return entryPages((sql, params) => this.prisma.$queryRawUnsafe<StoredEntry[]>(sql, ...params), districtId, pageSize);
  }

  /** Signs each entry's leaf position and stores the seals (one statement per batch). */
  private async seal(tx: SqlExecutor, districtId: string, seals: { id: string; index: string; leaf: string }[]): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO audit_entry_seal (entry_id, district_id, leaf_index, signature)
       SELECT id, $1, idx, sig FROM unnest($2::uuid[], $3::bigint[], $4::text[]) AS t(id, idx, sig)`,
      districtId,
      seals.map((x) => x.id),
      seals.map((x) => x.index),
      seals.map((x) => signWith(this.keys, sealMessage(districtId, x.index, x.leaf))),
    );
  }

  private instance?: string;
  /** The identity of this log instance (signed into its checkpoints). */
  /** The root hash of the district's checkpoint of exactly `treeSize` entries, if one was issued. */
  async checkpointRoot(districtId: string, treeSize: number): Promise<string | null> {
    const rows = await this.prisma.$queryRawUnsafe<{ root_hash: string }[]>(`SELECT root_hash FROM audit_checkpoint WHERE district_id = $1 AND tree_size = $2`, districtId, treeSize);
    return rows[0]?.root_hash ?? null;
  }

  async logId(): Promise<string> {
    this.instance ??= (await this.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM audit_log_instance`))[0].id;
    return this.instance;
  }

  async entryWithSeal(entryId: string): Promise<StoredEntry[]> {
    return this.prisma.$queryRawUnsafe<StoredEntry[]>(
      `SELECT e.seq::text AS seq, e.id::text AS id, e.district_id AS "districtId", s.leaf_index::text AS "sealIndex"
       FROM audit_entry e LEFT JOIN audit_entry_seal s ON s.entry_id = e.id WHERE e.id = $1::uuid`,
      entryId,
    );
  }

  /** Recomputes a district's tree and chain and compares them with its seals and the last published checkpoint. */
  async verify(districtId: DistrictId, checkpoint: Checkpoint | null): Promise<VerifyReport> {
    const head = await this.prisma.auditChainHead.findUnique({ where: { districtId } });
    return verifyDistrict(districtId, this.entries(districtId), this.keys, checkpoint, Number(head?.treeSize ?? 0));
  }

  /**
   * Seals the entries written before seals existed (ADR 0014), once per district: only a
   * district that has no seal at all, so removing seals later cannot get entries re-sealed.
   */
  async sealLegacyEntries(): Promise<number> {
    let sealed = 0;
    const districts = await this.prisma.$queryRawUnsafe<{ district_id: string }[]>(
      `SELECT h.district_id FROM audit_chain_head h
       WHERE NOT EXISTS (SELECT 1 FROM audit_entry_seal s WHERE s.district_id = h.district_id)
         AND EXISTS (SELECT 1 FROM audit_entry e WHERE e.district_id = h.district_id)`,
    );
    for (const { district_id: districtId } of districts) {
      await this.prisma.$transaction(
        async (tx) => {
          await tx.$queryRawUnsafe(`SELECT 1 FROM audit_chain_head WHERE district_id = $1 FOR UPDATE`, districtId);
          const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_entry_seal WHERE district_id = $1`, districtId);
          if (n > 0) return;
          let index = 0;
          for await (const page of this.entries(districtId)) {
            const seals = page.map((e) => ({ id: e.id, index: String(index++), leaf: leafOf(e).toString('hex') }));
            await this.seal(tx, districtId, seals);
            sealed += seals.length;
          }
        },
        { timeout: 600_000 },
      );
    }
    return sealed;
  }
}
