import { chainHash, ChainedFields, GENESIS_HASH } from './chain';

const entry: ChainedFields = {
  id: '00000000-0000-4000-8000-000000000001',
  eventId: '00000000-0000-4000-8000-000000000002',
  districtId: 'skarpnack',
  occurredAt: '2026-11-22T10:00:00.000Z',
  actor: 'staff-1',
  action: 'invitation.created',
  objectType: 'invitation',
  objectId: 'inv-1',
  correlationId: 'corr-1',
};

describe('audit hash chain', () => {
  it('is deterministic for the same entry and predecessor', () => {
    expect(chainHash(GENESIS_HASH, entry)).toBe(chainHash(GENESIS_HASH, { ...entry }));
    expect(chainHash(GENESIS_HASH, entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any recorded field is altered', () => {
    const original = chainHash(GENESIS_HASH, entry);
    for (const key of Object.keys(entry) as (keyof ChainedFields)[]) {
      expect(chainHash(GENESIS_HASH, { ...entry, [key]: `${entry[key]}x` })).not.toBe(original);
    }
  });

  it('depends on the previous entry, so removing or reordering entries breaks the chain', () => {
    const first = chainHash(GENESIS_HASH, entry);
    const second = { ...entry, id: '00000000-0000-4000-8000-000000000003', objectId: 'inv-2' };
    expect(chainHash(first, second)).not.toBe(chainHash(GENESIS_HASH, second));
  });

  it('cannot be fooled by moving text between fields', () => {
    const a = chainHash(GENESIS_HASH, { ...entry, actor: 'ab', action: 'c' });
    const b = chainHash(GENESIS_HASH, { ...entry, actor: 'a', action: 'bc' });
    expect(a).not.toBe(b);
  });
});
