import type { PrismaClient } from '../generated/prisma/client';

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string };

/**
 * oidc-provider's storage in the identity database (table oidc_payload), so sessions, codes
 * and grants survive restarts and are shared by every replica.
 */
export function prismaAdapterFactory(prisma: PrismaClient) {
  return class PrismaOidcAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const data = {
        payload: payload as object,
        grantId: typeof payload.grantId === 'string' ? payload.grantId : null,
        userCode: typeof payload.userCode === 'string' ? payload.userCode : null,
        uid: typeof payload.uid === 'string' ? payload.uid : null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await prisma.oidcPayload.upsert({
        where: { kind_id: { kind: this.kind, id } },
        create: { kind: this.kind, id, ...data },
        update: { ...data, consumedAt: null },
      });
    }

    async find(id: string): Promise<Payload | undefined> {
      return this.toPayload(await prisma.oidcPayload.findUnique({ where: { kind_id: { kind: this.kind, id } } }));
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      return this.toPayload(await prisma.oidcPayload.findFirst({ where: { kind: this.kind, uid } }));
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      return this.toPayload(await prisma.oidcPayload.findFirst({ where: { kind: this.kind, userCode } }));
    }

    async consume(id: string): Promise<void> {
      await prisma.oidcPayload.updateMany({ where: { kind: this.kind, id }, data: { consumedAt: new Date() } });
    }

    async destroy(id: string): Promise<void> {
      await prisma.oidcPayload.deleteMany({ where: { kind: this.kind, id } });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await prisma.oidcPayload.deleteMany({ where: { grantId } });
    }

    private toPayload(row: { payload: unknown; expiresAt: Date | null; consumedAt: Date | null } | null): Payload | undefined {
      if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
      const payload = row.payload as Payload;
      return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
    }
  };
}

/** Deletes expired provider rows, BankID login orders and login evidence. */
export async function sweepExpired(prisma: PrismaClient): Promise<void> {
  const now = new Date();
  await prisma.oidcPayload.deleteMany({ where: { expiresAt: { lt: now } } });
  await prisma.bankIdLogin.deleteMany({ where: { expiresAt: { lt: now } } });
  await prisma.loginEvidence.deleteMany({ where: { expiresAt: { lt: now } } });
}
