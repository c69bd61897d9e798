/**
 * Flags of the log review (ADR 0016): reads of a child's answers that an auditor should look
 * at. Pure functions over the reads and the projections, so they are the same in the list,
 * the flag view and the export.
 */
import { isSwedishHoliday, localCalendar } from '@delaktig/service-kit';

export const READ_ACTIONS = ['response.view', 'response.conversation', 'response.export-pdf', 'response.export-json'] as const;
export const FLAG_KINDS = ['outside-own', 'many-children', 'off-hours', 'after-closed'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export const REVIEW_STATUSES = ['open', 'in-review', 'justified', 'reported'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A read of a child's answers with what the projections know about its invitation and reader. */
export interface Read {
  entryId: string;
  seq: string;
  districtId: string;
  occurredAt: Date;
  actor: string;
  action: string;
  invitationId: string;
  /** Null when the invitation is not known to the projection (then no judgement on it). */
  invitation: { createdBy: string; unitId: string | null; childRef: string | null; closedAt: Date | null; closedReason: string | null } | null;
  staff: { role: string; unitId: string | null } | null;
}

export interface FlagSettings {
  officeHours: { from: number; to: number };
  timeZone: string;
  manyChildren: number;
  manyChildrenMinutes: number;
}

export interface Flag {
  id: string;
  kind: FlagKind;
  districtId: string;
  actor: string;
  occurredAt: string;
  entryIds: string[];
  invitationIds: string[];
  detail: Record<string, string | number | null>;
}

export function parseOfficeHours(v: string): { from: number; to: number } {
  const [from, to] = v.split('-').map(Number);
  return { from, to };
}

/** Weekday (1 = Monday … 7 = Sunday), hour and date of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): { weekday: number; hour: number; minute: number; date: string } {
  const { weekday, hour, minute, date } = localCalendar(at, timeZone);
  return { weekday, hour, minute, date };
}

/** Outside office hours: a weekend, a Swedish public holiday or day-off eve, or before/after the office hours. */
export function isOffHours(at: Date, s: Pick<FlagSettings, 'officeHours' | 'timeZone'>): boolean {
  const t = localTime(at, s.timeZone);
  if (t.weekday >= 6 || isSwedishHoliday(t.date)) return true;
  return t.hour < s.officeHours.from || t.hour >= s.officeHours.to;
}

/** The read is of an invitation the reader neither created nor, as unit lead, leads the unit of. */
export function isOutsideOwn(r: Read): boolean {
  if (!r.invitation) return false;
  if (r.invitation.createdBy === r.actor) return false;
  if (r.staff?.role === 'unit-lead' && r.staff.unitId !== null && r.staff.unitId === r.invitation.unitId) return false;
  return true;
}

export function isAfterClosed(r: Read): boolean {
  return !!r.invitation?.closedAt && r.occurredAt.getTime() > r.invitation.closedAt.getTime();
}

/** The per-read flags of one read (everything but "many children"). */
export function readFlags(r: Read, s: FlagSettings): Flag[] {
  const base = { districtId: r.districtId, actor: r.actor, occurredAt: r.occurredAt.toISOString(), entryIds: [r.entryId], invitationIds: [r.invitationId] };
  const out: Flag[] = [];
  if (isOutsideOwn(r)) out.push({ ...base, id: `outside-own:${r.entryId}`, kind: 'outside-own', detail: { createdBy: r.invitation?.createdBy ?? null } });
  if (isOffHours(r.occurredAt, s)) {
    const t = localTime(r.occurredAt, s.timeZone);
    out.push({ ...base, id: `off-hours:${r.entryId}`, kind: 'off-hours', detail: { localTime: `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`, weekday: t.weekday } });
  }
  if (isAfterClosed(r)) {
    out.push({ ...base, id: `after-closed:${r.entryId}`, kind: 'after-closed', detail: { closedAt: r.invitation!.closedAt!.toISOString(), closedReason: r.invitation!.closedReason } });
  }
  return out;
}

const childOf = (r: Read) => r.invitation?.childRef ?? `invitation:${r.invitationId}`;

/**
 * "Many children in a short time": a reader's reads of at least `manyChildren` different
 * children within `manyChildrenMinutes`. One flag per burst, named by its first read; the
 * next burst starts after the flagged one's last read.
 */
export function manyChildrenFlags(reads: Read[], s: FlagSettings): Flag[] {
  const byActor = new Map<string, Read[]>();
  for (const r of reads) byActor.set(`${r.districtId}|${r.actor}`, [...(byActor.get(`${r.districtId}|${r.actor}`) ?? []), r]);
  const windowMs = s.manyChildrenMinutes * 60_000;
  const out: Flag[] = [];
  for (const list of byActor.values()) {
    const sorted = [...list].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || Number(BigInt(a.seq) - BigInt(b.seq)));
    let start = 0;
    while (start < sorted.length) {
      const t0 = sorted[start].occurredAt.getTime();
      let end = start;
      const children = new Set<string>();
      while (end < sorted.length && sorted[end].occurredAt.getTime() - t0 <= windowMs) children.add(childOf(sorted[end++]));
      if (children.size >= s.manyChildren) {
        const burst = sorted.slice(start, end);
        out.push({
          id: `many-children:${sorted[start].entryId}`,
          kind: 'many-children',
          districtId: sorted[start].districtId,
          actor: sorted[start].actor,
          occurredAt: sorted[start].occurredAt.toISOString(),
          entryIds: burst.map((r) => r.entryId),
          invitationIds: [...new Set(burst.map((r) => r.invitationId))],
          detail: { children: children.size, minutes: s.manyChildrenMinutes, until: sorted[end - 1].occurredAt.toISOString() },
        });
        start = end;
      } else start++;
    }
  }
  return out;
}

export function allFlags(reads: Read[], s: FlagSettings): Flag[] {
  return [...reads.flatMap((r) => readFlags(r, s)), ...manyChildrenFlags(reads, s)].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || a.id.localeCompare(b.id));
}
