import { chainHash, GENESIS_HASH } from './chain';
import { checkpointMessage, loadAuditKeys, sealMessage, signWith } from './keys';
import { rootOf } from './merkle';
import { Checkpoint, leafOf, StoredEntry, verifyDistrict } from './verifier';

const keys = loadAuditKeys(Buffer.alloc(32, 7).toString('base64'));
const district = 'farsta';

function log(n: number): StoredEntry[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const f = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      eventId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      districtId: district,
      occurredAt: new Date(Date.UTC(2026, 11, 6, 10, 0, i)).toISOString(),
      actor: `staff-${i % 3}`,
      action: 'response.view',
      objectType: 'invitation',
      objectId: `inv-${i}`,
      correlationId: `corr-${i}`,
    };
    const hash = chainHash(prev, f);
    const e = { ...f, seq: String(100 + i), prevHash: prev, hash, sealIndex: String(i), sealSignature: signWith(keys, sealMessage(district, i, leafOf(f).toString('hex'))) };
    prev = hash;
    return e;
  });
}

function checkpointOf(rows: StoredEntry[]): Checkpoint {
  const c = { logId: '00000000-0000-4000-8000-00000000a0d1', districtId: district, treeSize: rows.length, rootHash: rootOf(rows.map(leafOf)).toString('hex'), issuedAt: '2026-12-06T12:00:00.000Z', keyId: keys.keyId, signature: '' };
  return { ...c, signature: signWith(keys, checkpointMessage(c)) };
}

/** Re-links the hash chain over rows, as someone rewriting the log would. */
function rechain(rows: StoredEntry[]): StoredEntry[] {
  let prev = GENESIS_HASH;
  return rows.map((r) => {
    const hash = chainHash(prev, r);
    const e = { ...r, prevHash: prev, hash };
    prev = hash;
    return e;
  });
}

async function* pages(rows: StoredEntry[]) {
  yield rows;
}
const verify = (rows: StoredEntry[], cp: Checkpoint | null) => verifyDistrict(district, pages(rows), keys, cp);

describe('audit verifier', () => {
  const rows = log(20);
  const cp = checkpointOf(rows);

  it('reports an untouched log as intact against its checkpoint, also after it grew', async () => {
    expect(await verify(rows, cp)).toMatchObject({ intact: true, entries: 20, firstProblem: null, checkpoint: { matches: true, signatureValid: true } });
    expect(await verify(log(25), cp)).toMatchObject({ intact: true, entries: 25 });
    expect(await verify(rows, null)).toMatchObject({ intact: true, checkpoint: null });
  });

  it('names an altered entry at its position', async () => {
    const t = rows.map((r, i) => (i === 7 ? { ...r, actor: 'someone-else' } : r));
    expect((await verify(t, cp)).firstProblem).toMatchObject({ kind: 'altered', position: 7, seq: '107' });
  });

  it('names a missing entry at its position', async () => {
    const t = rows.filter((_, i) => i !== 5);
    const r = await verify(t, cp);
    expect(r.firstProblem).toMatchObject({ kind: 'missing', position: 5, seq: '106' });
    expect(r.brokenAtSeq).toBe('106');
  });

  it('names two swapped entries as reordered at the first of them', async () => {
    const t = [...rows];
    [t[3], t[4]] = [{ ...rows[4], seq: rows[3].seq }, { ...rows[3], seq: rows[4].seq }];
    expect((await verify(t, cp)).firstProblem).toMatchObject({ kind: 'reordered', position: 3, seq: '103' });
  });

  it('names the altered entry of a log rewritten with a valid hash chain, and says it was recomputed', async () => {
    const t = rechain(rows.map((r, i) => (i === 11 ? { ...r, objectId: 'inv-other' } : r)));
    const r = await verify(t, cp);
    expect(r.firstProblem).toMatchObject({ kind: 'altered', position: 11 });
    expect(r.recomputed).toBe(true);
  });

  it('detects a log truncated at its end (every remaining seal valid) only through the checkpoint', async () => {
    const t = rechain(rows.slice(0, 15));
    const r = await verify(t, cp);
    expect(r).toMatchObject({ intact: false, truncated: true, recomputed: true, firstProblem: { kind: 'truncated', position: 15 } });
    expect((await verify(t, null)).intact).toBe(true);
  });

  it('refuses a checkpoint that is not signed by the audit key', async () => {
    const forged = { ...cp, rootHash: '0'.repeat(64) };
    expect((await verify(rows, forged)).firstProblem).toMatchObject({ kind: 'checkpoint-signature' });
  });
});
