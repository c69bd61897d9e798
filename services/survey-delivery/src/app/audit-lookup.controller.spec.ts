import { AppError } from '@delaktig/errors';
import type { Identity } from '@delaktig/service-kit';
import type { Prisma } from '../prisma';
import { AuditLookupController } from './audit-lookup.controller';

describe('AuditLookupController', () => {
  const auditor = { districtId: 'skarpnack', roles: ['auditor'] } as unknown as Identity;
  const findMany = jest.fn(async () => []);
  const controller = new AuditLookupController({ invitation: { findMany } } as unknown as Prisma);

  beforeEach(() => findMany.mockClear());

  it.each(['\u0000', 'SKA-2026\u00000141', "x' OR 1=1 --", 'ÅÄÖ', '😀'])('refuses the case reference %j with a reason, without asking the database', async (caseReference) => {
    const err = await controller.invitations(auditor, { caseReference }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION_FAILED');
    expect((err as AppError).errors?.[0]).toEqual({ field: 'caseReference', reason: expect.stringContaining('letters') });
    expect(findMany).not.toHaveBeenCalled();
  });

  it('looks up a well-formed case reference in the auditor’s district', async () => {
    await expect(controller.invitations(auditor, { caseReference: ' ska-2026/0141 ' })).resolves.toEqual({ items: [] });
    expect(findMany).toHaveBeenCalledWith(expect.objectContaining({ where: { districtId: 'skarpnack', caseReference: { equals: 'ska-2026/0141', mode: 'insensitive' } } }));
  });
});
