import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PRISMA } from '@delaktig/service-kit';
import type { IdentityConfig } from '@delaktig/config';
import { createLogger } from '@delaktig/telemetry';
import type { PrismaClient } from '../generated/prisma/client';
import { IDENTITY_CONFIG } from '../tokens';
import { DEMO_STAFF, demoStaffId } from './demo-staff';
import { decideLogin, type LoginDecision } from './login-decision';
import { EvidenceCipher, pinHash, protectPin } from './pin';

export interface BankIdPerson {
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
}

/** What BankID said at the last login, for the ID token; minutes only. */
const EVIDENCE_TTL_MS = 10 * 60_000;

/** The staff registry: who may sign in with BankID. Registration is by district admins (next slice). */
@Injectable()
export class StaffRegistry implements OnApplicationBootstrap {
  private readonly log = createLogger('identity').child({ component: 'staff-registry' });
  private readonly cipher: EvidenceCipher;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.cipher = new EvidenceCipher(config.PIN_HASH_KEY);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV !== 'production') await this.seedDemoStaff();
  }

  /** Registers the demo staff once; an existing registration (by username) is left as it is. */
  async seedDemoStaff(): Promise<number> {
    let created = 0;
    for (const demo of DEMO_STAFF) {
      const { pinHash: hash, pinMasked } = protectPin(demo.personalNumber, this.config.PIN_HASH_KEY);
      const result = await this.prisma.staffMember.createMany({
        data: [
          {
            // The same id in every fresh database, so Keycloak's link (the ID token's sub) survives a reset.
            id: demoStaffId(demo.keycloakUsername),
            keycloakUsername: demo.keycloakUsername,
            givenName: demo.givenName,
            familyName: demo.familyName,
            email: demo.email,
            workMobile: demo.workMobile,
            districtId: demo.districtId,
            unit: demo.unit,
            role: demo.role,
            pinHash: hash,
            pinMasked,
            status: demo.status,
            deactivatedAt: demo.status === 'deactivated' ? new Date() : null,
          },
        ],
        skipDuplicates: true,
      });
      created += result.count;
      // Databases seeded before the demo staff had names get them, once.
      if (!result.count) {
        await this.prisma.staffMember.updateMany({
          where: { keycloakUsername: demo.keycloakUsername, givenName: null },
          data: { givenName: demo.givenName, familyName: demo.familyName },
        });
        // …and, once, the work contact of safety alerts (issue 12).
        await this.prisma.staffMember.updateMany({
          where: { keycloakUsername: demo.keycloakUsername, email: null, workMobile: null },
          data: { email: demo.email, workMobile: demo.workMobile },
        });
      }
    }
    if (created) this.log.info({ created }, 'demo staff registered');
    return created;
  }

  /** The decision for a person BankID has identified (12-digit number from completionData). */
  async decide(personalNumber: string): Promise<LoginDecision> {
    const entry = await this.prisma.staffMember.findUnique({
      where: { pinHash: pinHash(personalNumber, this.config.PIN_HASH_KEY) },
      select: { id: true, status: true, districtId: true, keycloakUserId: true },
    });
    return decideLogin(entry);
  }

  async findActive(staffId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(staffId)) return null;
    const staff = await this.prisma.staffMember.findUnique({ where: { id: staffId } });
    return staff && staff.status === 'active' ? staff : null;
  }

  async saveEvidence(staffId: string, person: BankIdPerson): Promise<void> {
    const ciphertext = this.cipher.encrypt(person, staffId);
    const expiresAt = new Date(Date.now() + EVIDENCE_TTL_MS);
    await this.prisma.loginEvidence.upsert({
      where: { staffId },
      create: { staffId, ciphertext, expiresAt },
      update: { ciphertext, expiresAt },
    });
    await this.prisma.loginEvidence.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  }

  /** The person from the last BankID login, if it is recent and still matches the registry. */
  async evidence(staffId: string, expectedPinHash: string): Promise<BankIdPerson | null> {
    const row = await this.prisma.loginEvidence.findUnique({ where: { staffId } });
    if (!row || row.expiresAt.getTime() < Date.now()) return null;
    try {
      const person = this.cipher.decrypt<BankIdPerson>(row.ciphertext, staffId);
      return pinHash(person.personalNumber, this.config.PIN_HASH_KEY) === expectedPinHash ? person : null;
    } catch {
      return null;
    }
  }
}
