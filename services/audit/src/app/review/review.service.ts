import { Inject, Injectable } from '@nestjs/common';
import type { AuditConfig } from '@delaktig/config';
import { CENTRAL_OFFICE, type DistrictId } from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import type { SqlExecutor } from '@delaktig/messaging';
import { PRISMA, type Identity } from '@delaktig/service-kit';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../prisma';
import { AuditLog } from '../audit-log';
import { allFlags, Flag, FlagSettings, parseOfficeHours, Read, READ_ACTIONS, readFlags, ReviewStatus } from './flags';

export const REVIEW_CONFIG = Symbol('REVIEW_CONFIG');

/** What an auditor asks the log for. `districtId` null: every district (central auditor only). */
export interface ReviewFilter {
  districtId: DistrictId | null;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Reads of this child: every invitation with the same child key as this one. */
  child?: string;
  /** Invitations of a case reference (resolved by the gateway from survey-delivery). */
  invitationIds?: string[];
  readsOnly?: boolean;
}

export interface ReviewEntry {
  id: string;
  seq: string;
  districtId: string;
  occurredAt: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  invitation: { createdBy: string; unitId: string | null; closedAt: string | null; closedReason: string | null } | null;
  flags: { id: string; kind: string; status: ReviewStatus }[];
}

export interface FlagReview {
  status: ReviewStatus;
  comment: string;
  reviewedBy: string;
  reviewedAt: string;
}

const READS = READ_ACTIONS as readonly string[];
const MAX_FLAG_READS = 50_000;

/** Who may see which districts' log: a district auditor their own; the central auditor any, or all. */
export function scopeOf(who: Identity, requested: DistrictId | 'all' | undefined): DistrictId | null {
  if (who.districtId === CENTRAL_OFFICE) return requested === 'all' ? null : (requested ?? CENTRAL_OFFICE);
  if (!requested || requested === who.districtId) return who.districtId;
  throw new AppError('FORBIDDEN', 'Du får bara läsa din egen stadsdels logg. / You may read only your own district\'s audit log.');
}

interface Row {
  id: string;
  seq: string;
  district_id: string;
  occurred_at: Date;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  created_by: string | null;
  unit_id: string | null;
  child_ref: string | null;
  closed_at: Date | null;
  closed_reason: string | null;
  staff_role: string | null;
  staff_unit: string | null;
}

/**
 * The auditors' log review (issue 11 deliver 3, ADR 0016): filtered entries, the flags of
 * unusual reads with their review, random samples and exports. Every one of these reads of
 * the log is itself appended to the log, in the same transaction as the read.
 */
@Injectable()
export class ReviewService {
  readonly settings: FlagSettings;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    private readonly log: AuditLog,
    @Inject(REVIEW_CONFIG) config: Pick<AuditConfig, 'AUDIT_OFFICE_HOURS' | 'AUDIT_TIME_ZONE' | 'AUDIT_FLAG_MANY_CHILDREN' | 'AUDIT_FLAG_MANY_CHILDREN_MINUTES'>,
  ) {
    this.settings = {
      officeHours: parseOfficeHours(config.AUDIT_OFFICE_HOURS),
      timeZone: config.AUDIT_TIME_ZONE,
      manyChildren: config.AUDIT_FLAG_MANY_CHILDREN,
      manyChildrenMinutes: config.AUDIT_FLAG_MANY_CHILDREN_MINUTES,
    };
  }

  /** Runs a read of the log inside a transaction that first appends the record of the read. */
  async audited<T>(who: Identity, f: ReviewFilter, what: { action: string; objectType: string; objectId: string }, correlationId: string, read: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await this.log.append(tx, [
          {
            eventId: randomUUID(),
            // A read of one district's log goes into that district's chain, so its own auditor sees it; a citywide read into the central office's.
            districtId: (f.districtId ?? CENTRAL_OFFICE) as DistrictId,
            occurredAt: new Date().toISOString(),
            actor: who.sub,
            action: what.action,
            objectType: what.objectType,
            objectId: what.objectId.slice(0, 2000),
            correlationId,
          },
        ]);
        return read(tx);
      },
      { timeout: 60_000 },
    );
  }

  private where(f: ReviewFilter, params: unknown[]): string {
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const conds: string[] = [];
    if (f.districtId) conds.push(`e.district_id = ${p(f.districtId)}`);
    if (f.actor) conds.push(`e.actor = ${p(f.actor)}`);
    if (f.action) conds.push(f.action.endsWith('.*') ? `e.action LIKE ${p(f.action.slice(0, -1) + '%')}` : `e.action = ${p(f.action)}`);
    if (f.readsOnly) conds.push(`e.action = ANY(${p(READS)}::text[])`);
    if (f.from) conds.push(`e.occurred_at >= ${p(f.from.toISOString())}::timestamptz`);
    if (f.to) conds.push(`e.occurred_at < ${p(f.to.toISOString())}::timestamptz`);
    if (f.child) {
      const c = p(f.child);
      conds.push(
        `e.object_type = 'invitation' AND e.object_id IN (
           SELECT c.invitation_id::text FROM audit_invitation c, audit_invitation me
           WHERE me.invitation_id::text = ${c} AND c.district_id = me.district_id AND (c.invitation_id = me.invitation_id OR c.child_ref = me.child_ref)
           UNION SELECT ${c})`,
      );
    }
    if (f.invitationIds) conds.push(`e.object_type = 'invitation' AND e.object_id = ANY(${p(f.invitationIds)}::text[])`);
    return conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  }

  private select(where: string, tail: string): string {
    return `SELECT e.id::text AS id, e.seq::text AS seq, e.district_id, e.occurred_at, e.actor, e.action, e.object_type, e.object_id,
              i.created_by, i.unit_id, i.child_ref, i.closed_at, i.closed_reason, s.role AS staff_role, s.unit_id AS staff_unit
            FROM audit_entry e
            LEFT JOIN audit_invitation i ON e.object_type = 'invitation' AND i.invitation_id::text = e.object_id
            LEFT JOIN audit_staff s ON s.staff_id = e.actor
            ${where} ${tail}`;
  }

  /** Entries matching the filter, newest first, with the per-read flags and their review status. */
  async entries(tx: SqlExecutor, f: ReviewFilter, limit: number, beforeSeq?: bigint): Promise<ReviewEntry[]> {
    const params: unknown[] = [];
    let where = this.where(f, params);
    if (beforeSeq) {
      params.push(beforeSeq.toString());
      where += `${where ? ' AND' : 'WHERE'} e.seq < $${params.length}::bigint`;
    }
    params.push(limit);
    const rows = await tx.$queryRawUnsafe<Row[]>(this.select(where, `ORDER BY e.seq DESC LIMIT $${params.length}`), ...params);
    const flagged = rows.map((r) => ({ r, flags: READS.includes(r.action) ? readFlags(toRead(r), this.settings) : [] }));
    const reviews = await this.latestReviews(tx, flagged.flatMap((x) => x.flags.map((fl) => fl.id)));
    return flagged.map(({ r, flags }) => ({ ...toEntry(r), flags: flags.map((fl) => ({ id: fl.id, kind: fl.kind, status: reviews.get(fl.id)?.status ?? 'open' })) }));
  }

  /** Every flag of the reads in the filter's period, with its latest review. */
  async flags(tx: SqlExecutor, f: ReviewFilter): Promise<(Flag & { review: FlagReview | null })[]> {
    const params: unknown[] = [];
    const where = this.where({ ...f, readsOnly: true }, params);
    params.push(MAX_FLAG_READS);
    const rows = await tx.$queryRawUnsafe<Row[]>(this.select(where, `ORDER BY e.seq DESC LIMIT $${params.length}`), ...params);
    const flags = allFlags(rows.map(toRead), this.settings);
    const reviews = await this.latestReviews(tx, flags.map((x) => x.id));
    return flags.map((x) => ({ ...x, review: reviews.get(x.id) ?? null }));
  }

  /** A random sample of the reads of children's answers in the filter's period (the recurring check). */
  async sample(tx: SqlExecutor, f: ReviewFilter, size: number): Promise<ReviewEntry[]> {
    const params: unknown[] = [];
    const where = this.where({ ...f, readsOnly: true }, params);
    params.push(size);
    const rows = await tx.$queryRawUnsafe<Row[]>(this.select(where, `ORDER BY random() LIMIT $${params.length}`), ...params);
    const reviews = await this.latestReviews(tx, rows.map((r) => `sample:${r.id}`));
    return rows
      .sort((a, b) => Number(BigInt(b.seq) - BigInt(a.seq)))
      .map((r) => ({ ...toEntry(r), flags: [{ id: `sample:${r.id}`, kind: 'sample', status: reviews.get(`sample:${r.id}`)?.status ?? 'open' }] }));
  }

  async latestReviews(tx: SqlExecutor, flagIds: string[]): Promise<Map<string, FlagReview>> {
    if (!flagIds.length) return new Map();
    const rows = await tx.$queryRawUnsafe<{ flag_id: string; status: ReviewStatus; comment: string; reviewed_by: string; reviewed_at: Date }[]>(
      `SELECT DISTINCT ON (flag_id) flag_id, status, comment, reviewed_by, reviewed_at FROM audit_flag_review
       WHERE flag_id = ANY($1::text[]) ORDER BY flag_id, reviewed_at DESC, id`,
      [...new Set(flagIds)],
    );
    return new Map(rows.map((r) => [r.flag_id, { status: r.status, comment: r.comment, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at.toISOString() }]));
  }

  /** The history of reviews of one flag, newest first. */
  async reviewHistory(tx: SqlExecutor, flagId: string): Promise<FlagReview[]> {
    const rows = await tx.$queryRawUnsafe<{ status: ReviewStatus; comment: string; reviewed_by: string; reviewed_at: Date }[]>(
      `SELECT status, comment, reviewed_by, reviewed_at FROM audit_flag_review WHERE flag_id = $1 ORDER BY reviewed_at DESC, id`,
      flagId,
    );
    return rows.map((r) => ({ status: r.status, comment: r.comment, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at.toISOString() }));
  }

  /**
   * Records an auditor's review of a flag (or of a sampled read): appended, never changed; the
   * review itself is an audit entry. The flag must concern an entry in the auditor's scope.
   */
  async review(who: Identity, flagId: string, status: ReviewStatus, comment: string, correlationId: string): Promise<FlagReview & { flagId: string }> {
    const m = /^(outside-own|many-children|off-hours|after-closed|sample):([0-9a-f-]{36})$/.exec(flagId);
    if (!m) throw AppError.validation([{ field: 'flagId', reason: 'must be a flag id such as off-hours:<entry id>' }]);
    const [entry] = await this.prisma.$queryRawUnsafe<{ district_id: string; action: string }[]>(`SELECT district_id, action FROM audit_entry WHERE id = $1::uuid`, m[2]);
    if (!entry || !READS.includes(entry.action) || (who.districtId !== CENTRAL_OFFICE && entry.district_id !== who.districtId)) {
      throw new AppError('NOT_FOUND', 'Flaggan finns inte i din logg. / No such flag in your log.');
    }
    const districtId = entry.district_id as DistrictId;
    return this.prisma.$transaction(async (tx) => {
      const at = new Date();
      await tx.$executeRawUnsafe(
        `INSERT INTO audit_flag_review (id, flag_id, district_id, status, comment, reviewed_by, reviewed_at) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::timestamptz)`,
        randomUUID(),
        flagId,
        districtId,
        status,
        comment,
        who.sub,
        at.toISOString(),
      );
      await this.log.append(tx, [
        { eventId: randomUUID(), districtId, occurredAt: at.toISOString(), actor: who.sub, action: 'audit.flag-reviewed', objectType: 'audit-flag', objectId: `${flagId}#${status}`, correlationId },
      ]);
      return { flagId, status, comment, reviewedBy: who.sub, reviewedAt: at.toISOString() };
    });
  }
}

function toRead(r: Row): Read {
  return {
    entryId: r.id,
    seq: r.seq,
    districtId: r.district_id,
    occurredAt: r.occurred_at,
    actor: r.actor,
    action: r.action,
    invitationId: r.object_id,
    invitation: r.created_by === null ? null : { createdBy: r.created_by, unitId: r.unit_id, childRef: r.child_ref, closedAt: r.closed_at, closedReason: r.closed_reason },
    staff: r.staff_role === null ? null : { role: r.staff_role, unitId: r.staff_unit },
  };
}

function toEntry(r: Row): Omit<ReviewEntry, 'flags'> {
  return {
    id: r.id,
    seq: r.seq,
    districtId: r.district_id,
    occurredAt: r.occurred_at.toISOString(),
    actor: r.actor,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    invitation: r.created_by === null ? null : { createdBy: r.created_by, unitId: r.unit_id, closedAt: r.closed_at?.toISOString() ?? null, closedReason: r.closed_reason },
  };
}
