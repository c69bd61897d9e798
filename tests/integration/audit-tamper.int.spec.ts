/**
 * A log its owner cannot rewrite (issue 11 part 2, ADR 0014): the audit service runs as a
 * writer role that may only read and append; tampering directly in PostgreSQL as the
 * superuser — UPDATE, DELETE, reorder, rewrite with a valid hash chain, truncate — is named
 * by the verifier at the exact position, against the checkpoint read back from Kafka.
 * Every case restores the rows it touched, so the district's log is whole again afterwards.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { api, tokenFor, waitFor, withDb } from './support/api';
import { dbUrl, TOPIC_PREFIX } from './support/env';
import { kafka } from './support/kafka';

const DISTRICT = 'skarholmen';
const N = 12;

interface Row {
  seq: string;
  id: string;
  [k: string]: unknown;
}

describe('audit: a log its owner cannot rewrite', () => {
  let token: string;
  let mine: Row[] = [];
  let position0 = 0; // leaf position of mine[0]

  const verify = async () => {
    const r = await api('GET', `/api/v1/audit/verify?districtId=${DISTRICT}`, { token });
    expect(r.status).toBe(200);
    return r.body;
  };

  /** As the superuser, with the append-only trigger off for the change. */
  const tamper = (sql: (db: Client) => Promise<void>) =>
    withDb('audit', async (db) => {
      await db.query('BEGIN');
      await db.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_delete');
      await sql(db);
      await db.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_delete');
      await db.query('COMMIT');
    });

  /** Puts the seeded rows back exactly as they were (same seq, same fields). */
  const restore = () =>
    tamper(async (db) => {
      await db.query('DELETE FROM audit_entry WHERE id = ANY($1::uuid[])', [mine.map((r) => r.id)]);
      await db.query(`INSERT INTO audit_entry SELECT * FROM jsonb_populate_recordset(NULL::audit_entry, $1::jsonb)`, [JSON.stringify(mine)]);
    });

  beforeAll(async () => {
    token = await tokenFor('revisor.central');
    // Twelve sign-ins in the district, through Kafka like any event.
    const producer = kafka.producer();
    await producer.connect();
    const ids = Array.from({ length: N }, () => randomUUID());
    await producer.send({
      topic: `${TOPIC_PREFIX}delaktig.identity.staff.v1`,
      messages: ids.map((id, i) => ({
        key: `tamper-${i}`,
        value: JSON.stringify({
          id,
          type: 'StaffSignIn',
          version: 1,
          occurredAt: new Date().toISOString(),
          key: `tamper-${i}`,
          source: 'integration-tests',
          correlationId: `tamper-${id}`,
          causationId: null,
          traceparent: null,
          data: { outcome: 'signed-in', staffId: `tamper-staff-${i}`, districtId: DISTRICT, at: new Date().toISOString() },
        }),
      })),
    });
    await producer.disconnect();
    mine = await waitFor(
      () =>
        withDb('audit', async (db) => {
          const r = await db.query<Row>(`SELECT to_jsonb(e) AS j FROM audit_entry e WHERE event_id = ANY($1::uuid[]) ORDER BY seq`, [ids]);
          return r.rows.length === N ? r.rows.map((x) => (x as unknown as { j: Row }).j).map((j) => ({ ...j, seq: String(j.seq) })) : undefined;
        }),
      30_000,
      'the seeded audit entries',
    );
    position0 = await withDb('audit', async (db) =>
      Number((await db.query(`SELECT count(*) AS n FROM audit_entry WHERE district_id = $1 AND seq < $2::bigint`, [DISTRICT, mine[0].seq])).rows[0].n),
    );
    // The next checkpoint covers them (AUDIT_CHECKPOINT_INTERVAL_SECONDS=2 in the test profile).
    await waitFor(async () => {
      const v = await verify();
      return v.checkpoint && v.checkpoint.treeSize >= position0 + N ? v : undefined;
    }, 30_000, 'a checkpoint covering the seeded entries');
  }, 90_000);

  afterEach(async () => {
    await restore();
    expect(await verify()).toMatchObject({ intact: true, firstProblem: null });
  });

  it('reports the untouched log as intact against the checkpoint read back from Kafka, and proves an entry is included', async () => {
    const v = await verify();
    expect(v).toMatchObject({ districtId: DISTRICT, intact: true, brokenAtSeq: null, truncated: false, recomputed: false, checkpoint: { signatureValid: true, matches: true } });
    const proof = await api('GET', `/api/v1/audit/proof?entryId=${mine[3].id}`, { token });
    expect(proof.status).toBe(200);
    expect(proof.body).toMatchObject({ entryId: mine[3].id, leafIndex: position0 + 3, sealedLeafIndex: position0 + 3, verified: true });
    expect(proof.body.proof.length).toBeGreaterThan(0);
    // Another district's auditor does not even learn that the entry exists.
    const other = await api('GET', `/api/v1/audit/proof?entryId=${mine[3].id}`, { token: await tokenFor('revisor.skarpnack') });
    expect(other.status).toBe(404);
  });

  it('proves over HTTP that the published tree extends an earlier one, and the proof fails once an entry before it is altered', async () => {
    const consistency = (fromSize: number) => api('GET', `/api/v1/audit/consistency?districtId=${DISTRICT}&fromSize=${fromSize}`, { token });
    const good = await consistency(position0 + 2);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ districtId: DISTRICT, fromSize: position0 + 2, verified: true, checkpoint: { treeSize: good.body.treeSize } });
    expect(good.body.treeSize).toBeGreaterThanOrEqual(position0 + N);
    if (good.body.fromSize !== good.body.treeSize) expect(good.body.proof.length).toBeGreaterThan(0);
    // An earlier published checkpoint of the district, if there is one, is used as published.
    const earlier = await withDb('audit', async (db) => (await db.query(`SELECT tree_size FROM audit_checkpoint WHERE district_id = $1 AND tree_size < $2 ORDER BY tree_size DESC LIMIT 1`, [DISTRICT, good.body.treeSize])).rows[0]);
    if (earlier) expect((await consistency(Number(earlier.tree_size))).body).toMatchObject({ fromPublished: true, verified: true });
    // Beyond the published tree, or not a size: 400 naming the parameter.
    const tooLarge = await consistency(good.body.treeSize + 1);
    expect([tooLarge.status, tooLarge.body.errors?.[0]?.field]).toEqual([400, 'fromSize']);
    expect((await api('GET', `/api/v1/audit/consistency?districtId=${DISTRICT}&fromSize=abc`, { token })).status).toBe(400);
    // An entry inside the earlier tree altered: the stored rows no longer give the published root.
    await tamper((db) => db.query(`UPDATE audit_entry SET action = 'x.rewritten' WHERE id = $1`, [mine[1].id]).then(() => undefined));
    expect((await consistency(position0 + 2)).body.verified).toBe(false);
  });

  it('does not let the service role UPDATE, DELETE, TRUNCATE or disable the trigger', async () => {
    const writer = new Client({ connectionString: dbUrl('audit').replace(/\/\/[^@/]+@/, '//delaktig_audit_writer@') });
    await writer.connect();
    try {
      expect((await writer.query('SELECT current_user AS u')).rows[0].u).toBe('delaktig_audit_writer');
      for (const sql of [
        `UPDATE audit_entry SET actor = 'x' WHERE id = '${mine[0].id}'`,
        `DELETE FROM audit_entry WHERE id = '${mine[0].id}'`,
        'TRUNCATE audit_entry',
        `DELETE FROM audit_entry_seal WHERE entry_id = '${mine[0].id}'`,
        `UPDATE audit_checkpoint SET root_hash = 'x'`,
      ]) {
        await expect(writer.query(sql)).rejects.toThrow(/permission denied/);
      }
      await expect(writer.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_delete')).rejects.toThrow(/must be owner/);
    } finally {
      await writer.end();
    }
  });

  it('names an UPDATEd entry at its position', async () => {
    await tamper((db) => db.query(`UPDATE audit_entry SET actor = 'someone-else' WHERE id = $1`, [mine[4].id]).then(() => undefined));
    expect(await verify()).toMatchObject({ intact: false, brokenAtSeq: mine[4].seq, firstProblem: { kind: 'altered', position: position0 + 4, seq: mine[4].seq } });
  });

  it('names a DELETEd entry at its position', async () => {
    await tamper((db) => db.query(`DELETE FROM audit_entry WHERE id = $1`, [mine[6].id]).then(() => undefined));
    expect(await verify()).toMatchObject({ intact: false, firstProblem: { kind: 'missing', position: position0 + 6, seq: mine[7].seq } });
  });

  it('names two swapped entries as reordered at the first of them', async () => {
    await tamper(async (db) => {
      await db.query(`UPDATE audit_entry SET seq = -seq WHERE id = $1`, [mine[2].id]);
      await db.query(`UPDATE audit_entry SET seq = $2::bigint WHERE id = $1`, [mine[3].id, mine[2].seq]);
      await db.query(`UPDATE audit_entry SET seq = $2::bigint WHERE id = $1`, [mine[2].id, mine[3].seq]);
    });
    expect(await verify()).toMatchObject({ intact: false, firstProblem: { kind: 'reordered', position: position0 + 2, seq: mine[2].seq } });
  });

  it('names the changed entry of a log rewritten with a valid hash chain, and reports it recomputed', async () => {
    await tamper(async (db) => {
      // Delete the seeded tail and write it again with one entry changed, re-linking the chain.
      await db.query('DELETE FROM audit_entry WHERE id = ANY($1::uuid[])', [mine.map((r) => r.id)]);
      const { createHash } = await import('node:crypto');
      let prev = String(mine[0]['prev_hash']);
      for (const [i, r] of mine.entries()) {
        const actor = i === 8 ? 'someone-else' : String(r['actor']);
        const occurredAt = new Date(String(r['occurred_at'])).toISOString();
        const canonical = JSON.stringify([r.id, r['event_id'], r['district_id'], occurredAt, actor, r['action'], r['object_type'], r['object_id'], r['correlation_id']]);
        const hash = createHash('sha256').update(prev).update('|').update(canonical).digest('hex');
        await db.query(
          `INSERT INTO audit_entry SELECT * FROM jsonb_populate_record(NULL::audit_entry, $1::jsonb)`,
          [JSON.stringify({ ...r, actor, prev_hash: prev, hash })],
        );
        prev = hash;
      }
    });
    expect(await verify()).toMatchObject({ intact: false, recomputed: true, firstProblem: { kind: 'altered', position: position0 + 8, seq: mine[8].seq } });
  });

  it('detects a log truncated with a valid chain and valid seals only against the published checkpoint', async () => {
    await tamper((db) => db.query('DELETE FROM audit_entry WHERE id = ANY($1::uuid[])', [mine.slice(9).map((r) => r.id)]).then(() => undefined));
    // Every remaining entry fits its seal and the chain: only the published tree head shows the loss.
    const v = await verify();
    expect(v).toMatchObject({ intact: false, truncated: true, recomputed: true, firstProblem: { kind: 'truncated', position: position0 + 9 } });
  });
});
