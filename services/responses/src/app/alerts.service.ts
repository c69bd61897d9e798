import { metrics } from '@opentelemetry/api';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SafetyAlertAccessedV1, SafetyAlertAcknowledgedV1, SafetyAlertEscalatedV1, type LocalizedText } from '@delaktig/contracts';
import { AppError } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { CONFIG, Identity, PRISMA } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { staffScope, UUID_RE } from './scope';
import { meta, type EventContext } from './store';
import { VersionsService } from './versions.service';

export interface AlertsSettings {
  ALERT_ESCALATION_MINUTES: number;
  ALERT_ESCALATION_CHECK_SECONDS: number;
}

export interface AlertView {
  id: string;
  invitationId: string;
  questionId: string;
  question: { sv: string | null; en: string | null };
  caseworker: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  escalatedAt: string | null;
  /** Not acknowledged in time: it climbed the escalation ladder (unit lead again, or duty). */
  escalated: boolean;
  /** The ladder's steps so far, oldest first (who was notified, never their contact). */
  steps: { step: 'raised' | 'unit-lead' | 'duty'; reachedAt: string; recipients: number; withoutContact: number }[];
}

interface AlertRow {
  id: string;
  invitation_id: string;
  question_id: string;
  caseworker: string;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  escalated_at: Date | null;
  questionnaire_version_id: string | null;
  steps: { step: 'raised' | 'unit-lead' | 'duty'; reachedAt: string; recipients: number; withoutContact: number }[] | null;
}

/** The columns of an alert's view, its ladder steps as JSON (oldest first). */
const ALERT_SELECT = `SELECT a.id::text, a.invitation_id::text, a.district_id, a.question_id, a.caseworker, a.raised_at, a.acknowledged_at, a.acknowledged_by, a.escalated_at,
       i.questionnaire_version_id::text,
       (SELECT json_agg(json_build_object('step', s.step, 'reachedAt', to_char(s.reached_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                          'recipients', s.recipients, 'withoutContact', s.without_contact) ORDER BY s.reached_at)
          FROM safety_alert_step s WHERE s.alert_id = a.id) AS steps
  FROM safety_alert a LEFT JOIN invitation i ON i.id = a.invitation_id`;

/** Arbitrary constant: the advisory lock that makes one instance the escalation leader per run. */
const ESCALATION_LOCK = 740_612_001;

const text = (t: LocalizedText | undefined) => ({ sv: t?.sv?.text ?? null, en: t?.en?.text ?? null });

/**
 * Safety alerts for staff: the list (and badge count), acknowledgement with person and
 * time, and escalation of alerts not acknowledged within ALERT_ESCALATION_MINUTES (one
 * instance at a time, chosen by a PostgreSQL advisory lock).
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertsService');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(CONFIG) private readonly settings: AlertsSettings,
    private readonly versions: VersionsService,
  ) {}

  onApplicationBootstrap(): void {
    this.observeOpenAlerts();
    const every = this.settings.ALERT_ESCALATION_CHECK_SECONDS * 1000;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.escalateOverdue({ correlationId: crypto.randomUUID() })
        .catch((e: Error) => this.logger.warn({ err: e.message }, 'escalation run failed; retrying next time'))
        .finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  /**
   * `delaktig.safety_alerts.open` (not yet acknowledged, per district, escalated or not) and
   * `delaktig.safety_alerts.oldest_open_age` (seconds), counted at each metrics export: an
   * alert nobody has taken is something an operator should see (ADR 0018).
   */
  private observeOpenAlerts(): void {
    const meter = metrics.getMeter('delaktig-responses');
    const open = meter.createObservableGauge('delaktig.safety_alerts.open', { description: 'Safety alerts not yet acknowledged', unit: '{alert}' });
    const oldest = meter.createObservableGauge('delaktig.safety_alerts.oldest_open_age', { description: 'Age of the oldest unacknowledged safety alert', unit: 's' });
    meter.addBatchObservableCallback(async (result) => {
      try {
        const rows = await this.prisma.$queryRaw<{ district_id: string; escalated: boolean; n: number; age: number }[]>`
          SELECT district_id, escalated_at IS NOT NULL AS escalated, count(*)::int AS n,
                 extract(epoch FROM now() - min(raised_at))::float8 AS age
          FROM safety_alert WHERE acknowledged_at IS NULL GROUP BY 1, 2`;
        let age = 0;
        for (const r of rows) {
          result.observe(open, r.n, { district: r.district_id, escalated: r.escalated });
          age = Math.max(age, r.age);
        }
        result.observe(oldest, age);
      } catch {
        /* the database is away: no reading rather than a wrong one */
      }
    }, [open, oldest]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * The alert list. Each alert shown tells which safety question a child answered, so every
   * one is recorded as read (SafetyAlertAccessed) before the list is returned.
   */
  async list(who: Identity, status: unknown, ctx: EventContext): Promise<{ items: AlertView[]; unacknowledged: number }> {
    if (status !== undefined && status !== 'open' && status !== 'all') {
      throw AppError.validation([{ field: 'status', reason: 'must be open or all' }]);
    }
    const scope = staffScope(who, { district: 'a.district_id', creator: 'a.caseworker', unit: 'a.unit_id' }, 1);
    if (!scope) return { items: [], unacknowledged: 0 };
    const rows = await this.prisma.$queryRawUnsafe<(AlertRow & { district_id: string })[]>(
      `${ALERT_SELECT}
        WHERE ${scope.sql} ${status === 'open' ? 'AND a.acknowledged_at IS NULL' : ''}
        ORDER BY (a.acknowledged_at IS NULL) DESC, a.raised_at DESC LIMIT 500`,
      ...scope.params,
    );
    const now = new Date();
    await addToOutbox(
      this.prisma,
      rows.map((r) =>
        outboxEntry(
          SafetyAlertAccessedV1,
          { alertId: r.id, invitationId: r.invitation_id, districtId: r.district_id as never, actor: who.sub, at: now.toISOString() },
          meta(r.invitation_id, ctx, now),
        ),
      ),
    );
    const items = await Promise.all(rows.map((r) => this.view(r)));
    return { items, unacknowledged: items.filter((i) => !i.acknowledgedAt).length };
  }

  /** Counts only (the header badge, polled): nothing about a child, so nothing to record. */
  async summary(who: Identity): Promise<{ unacknowledged: number; escalated: number }> {
    const scope = staffScope(who, { district: 'a.district_id', creator: 'a.caseworker', unit: 'a.unit_id' }, 1);
    if (!scope) return { unacknowledged: 0, escalated: 0 };
    const [row] = await this.prisma.$queryRawUnsafe<{ unacknowledged: number; escalated: number }[]>(
      `SELECT count(*)::int AS unacknowledged, count(*) FILTER (WHERE a.escalated_at IS NOT NULL OR EXISTS (SELECT 1 FROM safety_alert_step s WHERE s.alert_id = a.id AND s.step <> 'raised'))::int AS escalated
         FROM safety_alert a WHERE ${scope.sql} AND a.acknowledged_at IS NULL`,
      ...scope.params,
    );
    return row ?? { unacknowledged: 0, escalated: 0 };
  }

  async forInvitation(invitationId: string): Promise<AlertView[]> {
    const rows = await this.prisma.$queryRawUnsafe<AlertRow[]>(
      `${ALERT_SELECT}
        WHERE a.invitation_id = $1::uuid ORDER BY a.raised_at`,
      invitationId,
    );
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async acknowledge(who: Identity, id: string, ctx: EventContext): Promise<AlertView> {
    if (!UUID_RE.test(id)) throw AppError.validation([{ field: 'id', reason: 'must be an alert id (uuid)' }]);
    const scope = staffScope(who, { district: 'district_id', creator: 'caseworker', unit: 'unit_id' }, 2);
    if (!scope) throw new AppError('NOT_FOUND', 'No such alert.');
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      const visible = await tx.$queryRawUnsafe<{ invitation_id: string; district_id: string; acknowledged_at: Date | null }[]>(
        `SELECT invitation_id::text, district_id, acknowledged_at FROM safety_alert WHERE id = $1::uuid AND ${scope.sql} FOR UPDATE`,
        id,
        ...scope.params,
      );
      const alert = visible[0];
      if (!alert) throw new AppError('NOT_FOUND', 'No such alert.');
      if (alert.acknowledged_at) return; // already acknowledged: the first acknowledgement stands
      await tx.$executeRawUnsafe(
        `UPDATE safety_alert SET acknowledged_at = $2::timestamptz, acknowledged_by = $3 WHERE id = $1::uuid`,
        id,
        now.toISOString(),
        who.sub,
      );
      await addToOutbox(tx, [
        outboxEntry(
          SafetyAlertAcknowledgedV1,
          { alertId: id, invitationId: alert.invitation_id, districtId: alert.district_id as never, acknowledgedBy: who.sub, acknowledgedAt: now.toISOString() },
          meta(id, ctx, now),
        ),
      ]);
    });
    const rows = await this.prisma.$queryRawUnsafe<AlertRow[]>(
      `${ALERT_SELECT} WHERE a.id = $1::uuid`,
      id,
    );
    return this.view(rows[0]!);
  }

  /** Escalates every alert unacknowledged for longer than the setting; returns how many. Only the lock holder runs. */
  async escalateOverdue(ctx: EventContext): Promise<number> {
    const minutes = this.settings.ALERT_ESCALATION_MINUTES;
    return this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', ESCALATION_LOCK);
      if (!lock?.locked) return 0;
      const now = new Date();
      const rows = await tx.$queryRawUnsafe<{ id: string; invitation_id: string; district_id: string; unit_id: string | null }[]>(
        `UPDATE safety_alert SET escalated_at = $1::timestamptz
          WHERE id IN (SELECT id FROM safety_alert
                        WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND raised_at <= $1::timestamptz - make_interval(secs => $2)
                        ORDER BY raised_at LIMIT 500 FOR UPDATE SKIP LOCKED)
          RETURNING id::text, invitation_id::text, district_id, unit_id`,
        now.toISOString(),
        minutes * 60,
      );
      await addToOutbox(
        tx,
        rows.map((r) =>
          outboxEntry(
            SafetyAlertEscalatedV1,
            { alertId: r.id, invitationId: r.invitation_id, districtId: r.district_id as never, unitId: r.unit_id, escalatedAt: now.toISOString() },
            meta(r.id, ctx, now),
          ),
        ),
      );
      if (rows.length) this.logger.log({ escalated: rows.length }, 'safety alerts escalated to the unit lead');
      return rows.length;
    });
  }

  private async view(r: AlertRow): Promise<AlertView> {
    const version = r.questionnaire_version_id ? await this.versions.get(r.questionnaire_version_id) : null;
    return {
      id: r.id,
      invitationId: r.invitation_id,
      questionId: r.question_id,
      question: text(version?.questions.get(r.question_id)?.question.text),
      caseworker: r.caseworker,
      raisedAt: r.raised_at.toISOString(),
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: r.acknowledged_by,
      escalatedAt: r.escalated_at?.toISOString() ?? null,
      escalated: r.escalated_at !== null || (r.steps ?? []).some((s) => s.step !== 'raised'),
      steps: r.steps ?? [],
    };
  }
}
