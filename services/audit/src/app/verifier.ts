import { canonicalEntry, chainHash, ChainedFields, GENESIS_HASH } from './chain';
import { AuditKeys, checkpointMessage, sealMessage, verifyWith } from './keys';
import { CompactRange, leafHash } from './merkle';

/** One entry as stored, with its seal (null when it has none). */
export interface StoredEntry extends ChainedFields {
  seq: string;
  prevHash: string;
  hash: string;
  sealIndex: string | null;
  sealSignature: string | null;
}

/**
 * A district's entries with their seals, in seq order, page by page — for the service and for
 * `npm run audit:verify`, whichever client runs the query.
 */
export async function* entryPages(
  query: (sql: string, params: unknown[]) => Promise<StoredEntry[]>,
  districtId: string,
  pageSize = 5000,
): AsyncGenerator<StoredEntry[]> {
  let cursor = '0';
  for (;;) {
    const page = await query(
      `SELECT e.seq::text AS seq, e.id::text AS id, e.event_id::text AS "eventId", e.district_id AS "districtId",
              to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
              e.actor, e.action, e.object_type AS "objectType", e.object_id AS "objectId", e.correlation_id AS "correlationId",
              e.prev_hash AS "prevHash", e.hash, s.leaf_index::text AS "sealIndex", s.signature AS "sealSignature"
       FROM audit_entry e LEFT JOIN audit_entry_seal s ON s.entry_id = e.id
       WHERE e.district_id = $1 AND e.seq > $2::bigint ORDER BY e.seq LIMIT $3`,
      [districtId, cursor, pageSize],
    );
    if (page.length === 0) return;
    yield page;
    cursor = page[page.length - 1].seq;
  }
}

/** A signed tree head as read back from Kafka (AuditCheckpointPublished v1). */
export interface Checkpoint {
  logId: string;
  districtId: string;
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  keyId: string;
  signature: string;
}

export type ProblemKind = 'altered' | 'missing' | 'reordered' | 'unsealed' | 'truncated' | 'recomputed' | 'checkpoint-signature';

export interface Problem {
  kind: ProblemKind;
  /** Leaf position (0-based, in seq order of the district) where the log first differs; null if it cannot be told. */
  position: number | null;
  /** seq of the stored entry at that position, if there is one. */
  seq: string | null;
  detail: string;
}

export interface VerifyReport {
  districtId: string;
  entries: number;
  intact: boolean;
  brokenAtSeq: string | null;
  firstProblem: Problem | null;
  /** Fewer entries than the last checkpoint (or the chain head) covers. */
  truncated: boolean;
  /** The hash chain is internally valid but the tree does not match the last checkpoint: recomputed. */
  recomputed: boolean;
  treeSize: number;
  rootHash: string;
  checkpoint: (Checkpoint & { signatureValid: boolean; matches: boolean }) | null;
}

export const leafOf = (e: ChainedFields) => leafHash(canonicalEntry(e));

/**
 * Recomputes a district's Merkle tree and hash chain from its rows (in seq order) and
 * compares them with the entries' seals and the last published checkpoint. Names the first
 * position where the log differs: an entry altered (its seal or chain hash does not fit its
 * fields), missing (the entry here is sealed for a later position and the sealed one never
 * comes), reordered (the one sealed for this position comes later), unsealed, or the log
 * truncated (fewer entries than the checkpoint) or recomputed (chain valid, tree not).
 */
export async function verifyDistrict(
  districtId: string,
  rows: AsyncIterable<StoredEntry[]>,
  keys: AuditKeys,
  checkpoint: Checkpoint | null,
  headTreeSize = 0,
): Promise<VerifyReport> {
  const tree = new CompactRange();
  let rootAtCheckpoint: Buffer | undefined;
  let first: Problem | null = null;
  let pending: { position: number; seq: string; wanted: number } | null = null; // missing or reordered?
  let chainBroken = false;
  let prev = GENESIS_HASH;
  let i = 0;
  for await (const page of rows) {
    for (const e of page) {
      const leaf = leafOf(e);
      const hex = leaf.toString('hex');
      const sealIndex = e.sealIndex === null ? null : Number(e.sealIndex);
      const sealValid = sealIndex !== null && e.sealSignature !== null && verifyWith(keys, sealMessage(districtId, sealIndex, hex), e.sealSignature);
      if (pending && sealValid && sealIndex === pending.position) {
        first = { kind: 'reordered', position: pending.position, seq: pending.seq, detail: `the entry sealed for position ${pending.position} is stored at position ${i} (seq ${e.seq})` };
        pending = null;
      }
      if (!first && !pending) {
        if (sealIndex === null) first = { kind: 'unsealed', position: i, seq: e.seq, detail: 'the entry has no seal' };
        else if (!sealValid) first = { kind: 'altered', position: i, seq: e.seq, detail: 'the recorded fields do not match the entry seal' };
        else if (sealIndex !== i) pending = { position: i, seq: e.seq, wanted: sealIndex };
      }
      const chainOk = e.prevHash === prev && e.hash === chainHash(e.prevHash, e);
      if (!chainOk && !chainBroken) {
        chainBroken = true;
        if (!first && !pending) first = { kind: 'altered', position: i, seq: e.seq, detail: 'the hash chain breaks here' };
      }
      prev = e.hash;
      tree.append(leaf);
      i++;
      if (checkpoint && i === checkpoint.treeSize) rootAtCheckpoint = tree.root();
    }
  }
  if (pending) {
    first = { kind: 'missing', position: pending.position, seq: pending.seq, detail: `entries ${pending.position}–${pending.wanted - 1} are missing (the entry here is sealed for position ${pending.wanted})` };
  }
  const signatureValid = checkpoint ? checkpoint.keyId === keys.keyId && verifyWith(keys, checkpointMessage(checkpoint), checkpoint.signature) : false;
  const covered = Math.max(checkpoint && signatureValid ? checkpoint.treeSize : 0, headTreeSize);
  const truncated = i < covered;
  const matches = Boolean(checkpoint && signatureValid && rootAtCheckpoint && rootAtCheckpoint.toString('hex') === checkpoint.rootHash);
  if (checkpoint && !signatureValid && !first) {
    first = { kind: 'checkpoint-signature', position: null, seq: null, detail: 'the last checkpoint is not signed by the audit key' };
  }
  if (truncated && !first) {
    first = { kind: 'truncated', position: i, seq: null, detail: `${covered - i} entries from position ${i} on are missing (the log had ${covered})` };
  }
  const treeDiffers = Boolean(checkpoint && signatureValid && !matches);
  if (treeDiffers && !first) {
    first = { kind: 'recomputed', position: null, seq: null, detail: 'the tree does not match the last checkpoint although every entry fits its seal' };
  }
  return {
    districtId,
    entries: i,
    intact: first === null,
    brokenAtSeq: first?.seq ?? null,
    firstProblem: first,
    truncated,
    recomputed: !chainBroken && (treeDiffers || truncated),
    treeSize: i,
    rootHash: tree.root().toString('hex'),
    checkpoint: checkpoint ? { ...checkpoint, signatureValid, matches } : null,
  };
}
