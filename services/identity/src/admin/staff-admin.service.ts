import { Inject, Injectable } from '@nestjs/common';
import {
  CENTRAL_MANAGED_ROLES,
  CENTRAL_OFFICE,
  DISTRICT_MANAGED_ROLES,
  DISTRICTS,
  districtName,
  registerStaffRequest,
  StaffDeactivatedV1,
  StaffContactChangedV1,
  StaffReactivatedV1,
  StaffRegisteredV1,
  updateStaffContactRequest,
  type DistrictAdminOverview,
  type DistrictId,
  type StaffRole,
  type StaffView,
} from '@delaktig/contracts';
import type { IdentityConfig } from '@delaktig/config';
import { AppError, parseOrThrow } from '@delaktig/errors';
import { addToOutbox, outboxEntry } from '@delaktig/messaging';
import { PRISMA, type Identity } from '@delaktig/service-kit';
import { createLogger, currentTraceparent } from '@delaktig/telemetry';
import { PersonalIdentityNumberError } from '@delaktig/bankid';
import type { PrismaClient } from '../generated/prisma/client';
import { protectPin } from '../staff/pin';
import { IDENTITY_CONFIG } from '../tokens';
import { KeycloakAdmin, KeycloakAdminError } from './keycloak-admin';

export const KEYCLOAK_ADMIN = Symbol('KEYCLOAK_ADMIN');

type StaffRow = Awaited<ReturnType<PrismaClient['staffMember']['findUniqueOrThrow']>>;

/** Who an admin may manage: a district admin their district's caseworkers and unit leads; the central admin every district admin. */
export type AdminScope = { kind: 'district'; districtId: DistrictId } | { kind: 'central' };

export function scopeOf(who: Identity): AdminScope {
  if (!who.roles.includes('district-admin')) throw new AppError('FORBIDDEN', 'Only district admins manage staff.');
  return who.districtId === CENTRAL_OFFICE ? { kind: 'central' } : { kind: 'district', districtId: who.districtId };
}

export function managedRoles(scope: AdminScope): readonly StaffRole[] {
  return scope.kind === 'central' ? CENTRAL_MANAGED_ROLES : DISTRICT_MANAGED_ROLES;
}

/** True when the entry lies within what the admin may see and change. */
export function inScope(scope: AdminScope, row: { districtId: string; role: string }): boolean {
  if (!(managedRoles(scope) as readonly string[]).includes(row.role)) return false;
  return scope.kind === 'central' || row.districtId === scope.districtId;
}

const keycloakDown = () => new AppError('UPSTREAM_UNAVAILABLE', 'Keycloak (the sign-in service) is not answering. Nothing was changed; try again shortly.');

/**
 * District admin functions (issue 3): staff registry rows and Keycloak users created,
 * deactivated and reactivated together, each change as an event through the outbox.
 * The personal identity number is hashed at once and never logged, stored or sent on.
 */
@Injectable()
export class StaffAdminService {
  private readonly log = createLogger('identity').child({ component: 'staff-admin' });
  private readonly pinKey: string;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdmin,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
  ) {
    this.pinKey = config.PIN_HASH_KEY;
  }

  async list(who: Identity, query: Record<string, unknown> = {}): Promise<StaffView[]> {
    const scope = scopeOf(who);
    let districtId: DistrictId | undefined;
    if (scope.kind === 'district') districtId = scope.districtId;
    else if (typeof query['districtId'] === 'string' && query['districtId']) {
      if (!DISTRICTS.some((d) => d.id === query['districtId'])) throw AppError.validation([{ field: 'districtId', reason: 'must be a district id' }]);
      districtId = query['districtId'] as DistrictId;
    }
    const rows = await this.prisma.staffMember.findMany({
      where: { role: { in: [...managedRoles(scope)] }, ...(districtId ? { districtId } : {}) },
      orderBy: [{ districtId: 'asc' }, { status: 'asc' }, { familyName: 'asc' }, { keycloakUsername: 'asc' }],
      take: 1000,
    });
    return rows.map(toView);
  }

  /** The central admin's overview: every district with its admins. */
  async districts(who: Identity): Promise<DistrictAdminOverview> {
    if (scopeOf(who).kind !== 'central') throw new AppError('FORBIDDEN', 'Only the central office admin sees all districts.');
    const admins = await this.prisma.staffMember.findMany({ where: { role: 'district-admin' }, orderBy: [{ status: 'asc' }, { familyName: 'asc' }, { keycloakUsername: 'asc' }] });
    return {
      items: DISTRICTS.map((d) => {
        const mine = admins.filter((a) => a.districtId === d.id).map(toView);
        return { districtId: d.id, name: d.name, activeAdmins: mine.filter((a) => a.status === 'active').length, admins: mine };
      }),
    };
  }

  async register(who: Identity, body: unknown, correlationId: string): Promise<StaffView> {
    const scope = scopeOf(who);
    const input = parseOrThrow(registerStaffRequest, body ?? {});
    const allowed = managedRoles(scope);
    if (!(allowed as readonly string[]).includes(input.role)) {
      throw AppError.validation([{ field: 'role', reason: `you may register only ${allowed.join(' or ')}` }]);
    }
    let districtId: DistrictId;
    if (scope.kind === 'district') {
      if (input.districtId && input.districtId !== scope.districtId) throw new AppError('FORBIDDEN', 'You may register staff only in your own district.');
      districtId = scope.districtId;
    } else {
      if (!input.districtId) throw AppError.validation([{ field: 'districtId', reason: 'is required: the district the admin belongs to' }]);
      districtId = input.districtId;
    }
    if (input.role !== 'district-admin' && !input.unit) throw AppError.validation([{ field: 'unit', reason: 'is required for caseworkers and unit leads' }]);
    const unit = input.unit;
    let pin: { pinHash: string; pinMasked: string };
    try {
      pin = protectPin(input.personalNumber, this.pinKey);
    } catch (e) {
      if (e instanceof PersonalIdentityNumberError) throw AppError.validation([{ field: 'personalNumber', reason: e.reasonEn }]);
      throw e;
    }
    const username = input.username ?? input.email;

    const existing = await this.prisma.staffMember.findFirst({
      where: { OR: [{ pinHash: pin.pinHash }, { keycloakUsername: username }] },
      select: { pinHash: true },
    });
    if (existing) {
      throw existing.pinHash === pin.pinHash
        ? new AppError('CONFLICT', 'This personal identity number is already registered.', [{ field: 'personalNumber', reason: 'is already registered' }])
        : new AppError('CONFLICT', 'This username is already registered.', [{ field: 'username', reason: 'is already registered' }]);
    }

    const keycloakId = await this.createKeycloakUser({ username, firstName: input.givenName, lastName: input.familyName, email: input.email, unit }, districtId, input.role);
    const at = new Date();
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const created = await tx.staffMember.create({
          data: {
            keycloakUsername: username,
            keycloakUserId: keycloakId,
            districtId,
            unit,
            role: input.role,
            pinHash: pin.pinHash,
            pinMasked: pin.pinMasked,
            givenName: input.givenName,
            familyName: input.familyName,
            email: input.email,
            workMobile: input.workMobile,
            status: 'active',
            createdAt: at,
          },
        });
        await addToOutbox(tx, [
          outboxEntry(StaffRegisteredV1, { staffId: keycloakId, districtId, role: input.role, unitId: unit, by: who.sub, at: at.toISOString() }, this.meta(keycloakId, correlationId, at)),
        ]);
        return created;
      });
      this.log.info({ staffId: row.id, districtId, role: input.role }, 'staff registered');
      return toView(row);
    } catch (e) {
      await this.keycloak.deleteUser(keycloakId).catch(() => this.log.error({ keycloakId }, 'could not remove the Keycloak user of a failed registration'));
      if ((e as { code?: string }).code === 'P2002') throw new AppError('CONFLICT', 'This personal identity number or username was registered at the same moment.');
      throw e;
    }
  }

  async deactivate(who: Identity, id: string, correlationId: string): Promise<StaffView> {
    const { row, keycloakId } = await this.target(who, id);
    if (row.keycloakUserId === who.sub || (keycloakId && keycloakId === who.sub)) throw new AppError('CONFLICT', 'You cannot deactivate yourself.');
    if (row.status === 'deactivated') return toView(row);
    if (keycloakId) {
      try {
        await this.keycloak.setEnabled(keycloakId, false);
        await this.keycloak.logout(keycloakId);
      } catch (e) {
        await this.keycloak.setEnabled(keycloakId, true).catch(() => undefined);
        throw this.upstream(e);
      }
    }
    const at = new Date();
    try {
      const updated = await this.changeStatus(row, 'deactivated', at, keycloakId ?? row.id, who, correlationId);
      this.log.info({ staffId: row.id, districtId: row.districtId }, 'staff deactivated; sessions ended');
      return toView(updated);
    } catch (e) {
      if (keycloakId) await this.keycloak.setEnabled(keycloakId, true).catch(() => undefined);
      throw e;
    }
  }

  async reactivate(who: Identity, id: string, correlationId: string): Promise<StaffView> {
    const { row, keycloakId } = await this.target(who, id);
    if (row.status === 'active') return toView(row);
    if (keycloakId) {
      try {
        await this.keycloak.setEnabled(keycloakId, true);
      } catch (e) {
        throw this.upstream(e);
      }
    }
    const at = new Date();
    try {
      const updated = await this.changeStatus(row, 'active', at, keycloakId ?? row.id, who, correlationId);
      this.log.info({ staffId: row.id, districtId: row.districtId }, 'staff reactivated');
      return toView(updated);
    } catch (e) {
      if (keycloakId) await this.keycloak.setEnabled(keycloakId, false).catch(() => undefined);
      throw e;
    }
  }

  /**
   * Changes a staff member's work contact (e-mail, mobile) in the registry: where safety
   * alerts are sent. The event names the changed fields only, never the values.
   */
  async updateContact(who: Identity, id: string, body: unknown, correlationId: string): Promise<StaffView> {
    const input = parseOrThrow(updateStaffContactRequest, body ?? {});
    const { row, keycloakId } = await this.target(who, id);
    const data: { email?: string; workMobile?: string | null } = {};
    if (input.email !== undefined && input.email !== row.email) data.email = input.email;
    if (input.workMobile !== undefined && input.workMobile !== row.workMobile) data.workMobile = input.workMobile;
    const fields = Object.keys(data) as ('email' | 'workMobile')[];
    if (fields.length === 0) return toView(row);
    const at = new Date();
    const staffId = keycloakId ?? row.id;
    const updated = await this.prisma.$transaction(async (tx) => {
      const changed = await tx.staffMember.update({ where: { id: row.id }, data });
      await addToOutbox(tx, [
        outboxEntry(StaffContactChangedV1, { staffId, districtId: row.districtId as DistrictId, fields, by: who.sub, at: at.toISOString() }, this.meta(staffId, correlationId, at)),
      ]);
      return changed;
    });
    this.log.info({ staffId: row.id, districtId: row.districtId, fields }, 'staff work contact changed');
    return toView(updated);
  }

  /** The entry, if the admin may manage it (404 otherwise: other districts' staff are not revealed), and its Keycloak user id. */
  private async target(who: Identity, id: string): Promise<{ row: StaffRow; keycloakId: string | null }> {
    const scope = scopeOf(who);
    const row = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await this.prisma.staffMember.findUnique({ where: { id } }) : null;
    if (!row || !inScope(scope, row)) throw new AppError('NOT_FOUND', 'No such staff member in your district.');
    if (row.keycloakUserId) return { row, keycloakId: row.keycloakUserId };
    // Registered before admin screens existed (demo staff): find the Keycloak user by username once.
    let user;
    try {
      user = await this.keycloak.findUserByUsername(row.keycloakUsername);
    } catch (e) {
      throw this.upstream(e);
    }
    if (!user) return { row, keycloakId: null };
    const updated = await this.prisma.staffMember.update({ where: { id: row.id }, data: { keycloakUserId: user.id } });
    return { row: updated, keycloakId: user.id };
  }

  private async changeStatus(row: StaffRow, status: 'active' | 'deactivated', at: Date, staffId: string, who: Identity, correlationId: string): Promise<StaffRow> {
    const def = status === 'deactivated' ? StaffDeactivatedV1 : StaffReactivatedV1;
    return this.prisma.$transaction(async (tx) => {
      const changed = await tx.staffMember.updateMany({
        where: { id: row.id, status: status === 'deactivated' ? 'active' : 'deactivated' },
        data: { status, deactivatedAt: status === 'deactivated' ? at : null },
      });
      if (changed.count === 1) {
        await addToOutbox(tx, [
          outboxEntry(
            def,
            { staffId, districtId: row.districtId as DistrictId, role: row.role as StaffRole, unitId: row.unit, by: who.sub, at: at.toISOString() },
            this.meta(staffId, correlationId, at),
          ),
        ]);
      }
      return tx.staffMember.findUniqueOrThrow({ where: { id: row.id } });
    });
  }

  /** Creates the Keycloak user with group and role; removes it again when a later step fails. */
  private async createKeycloakUser(
    user: { username: string; firstName: string; lastName: string; email: string; unit: string | null },
    districtId: DistrictId,
    role: StaffRole,
  ): Promise<string> {
    let id: string | undefined;
    try {
      if (await this.keycloak.findUserByUsername(user.username)) {
        throw new AppError('CONFLICT', 'This username already exists in Keycloak.', [{ field: 'username', reason: 'is already taken' }]);
      }
      const groupId = await this.keycloak.districtGroupId(districtId);
      const created = await this.keycloak.createUser(user);
      if ('conflict' in created) {
        throw new AppError('CONFLICT', 'A Keycloak user with this username or e-mail address already exists.', [{ field: 'email', reason: 'is already used by another user' }]);
      }
      id = created.id;
      await this.keycloak.addToGroup(id, groupId);
      await this.keycloak.addRealmRole(id, role);
      return id;
    } catch (e) {
      if (id) await this.keycloak.deleteUser(id).catch(() => this.log.error({ keycloakId: id }, 'could not remove a half-created Keycloak user'));
      throw this.upstream(e);
    }
  }

  private upstream(e: unknown): Error {
    if (e instanceof KeycloakAdminError) {
      this.log.warn({ operation: e.operation, status: e.status }, 'Keycloak admin call failed');
      return keycloakDown();
    }
    return e as Error;
  }

  private meta(key: string, correlationId: string, at: Date) {
    return { key, source: 'identity', correlationId, causationId: correlationId, traceparent: currentTraceparent(), occurredAt: at };
  }
}

export function toView(row: StaffRow): StaffView {
  return {
    id: row.id,
    username: row.keycloakUsername,
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    workMobile: row.workMobile,
    personalNumberMasked: row.pinMasked,
    districtId: row.districtId as DistrictId,
    districtName: districtName(row.districtId) ?? row.districtId,
    unit: row.unit,
    role: row.role as StaffRole,
    status: row.status === 'deactivated' ? 'deactivated' : 'active',
    createdAt: row.createdAt.toISOString(),
    deactivatedAt: row.deactivatedAt ? row.deactivatedAt.toISOString() : null,
  };
}
