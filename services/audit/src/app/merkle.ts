import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0, §2.1): leaf hash
 * SHA-256(0x00 || leaf), node hash SHA-256(0x01 || left || right), the tree of n leaves
 * split at the largest power of two below n. Inclusion and consistency proofs and their
 * verification follow §2.1.3 and §2.1.4 literally.
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(leaf: Buffer | string): Buffer {
  return createHash('sha256').update(LEAF).update(leaf).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT = createHash('sha256').digest();

/** Largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes (not leaves). */
export function rootOf(leaves: readonly Buffer[], from = 0, to = leaves.length): Buffer {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[from];
  const k = split(n);
  return nodeHash(rootOf(leaves, from, from + k), rootOf(leaves, from + k, to));
}

/** PATH(m, D[n]): the audit path of leaf m in the tree of the first n leaf hashes. */
export function inclusionProof(m: number, leaves: readonly Buffer[], n = leaves.length): Buffer[] {
  if (m < 0 || m >= n || n > leaves.length) throw new RangeError('leaf index outside the tree');
  const path = (m: number, from: number, to: number): Buffer[] => {
    const size = to - from;
    if (size === 1) return [];
    const k = split(size);
    return m < k
      ? [...path(m, from, from + k), rootOf(leaves, from + k, to)]
      : [...path(m - k, from + k, to), rootOf(leaves, from, from + k)];
  };
  return path(m, 0, n);
}

/** PROOF(m, D[n]): that the tree of the first m leaves is a prefix of the tree of n. */
export function consistencyProof(m: number, leaves: readonly Buffer[], n = leaves.length): Buffer[] {
  if (m < 1 || m > n || n > leaves.length) throw new RangeError('tree sizes out of range');
  const sub = (m: number, from: number, to: number, complete: boolean): Buffer[] => {
    const size = to - from;
    if (m === size) return complete ? [] : [rootOf(leaves, from, to)];
    const k = split(size);
    return m <= k
      ? [...sub(m, from, from + k, complete), rootOf(leaves, from + k, to)]
      : [...sub(m - k, from + k, to, false), rootOf(leaves, from, from + k)];
  };
  return sub(m, 0, n, true);
}

/** RFC 9162 §2.1.3.2: verifies an inclusion proof. Sizes are safe integers. */
export function verifyInclusion(leafIndex: number, treeSize: number, proof: readonly Buffer[], leaf: Buffer, root: Buffer): boolean {
  if (leafIndex >= treeSize || leafIndex < 0) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

/** RFC 9162 §2.1.4.2: verifies a consistency proof between tree sizes first ≤ second. */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

/**
 * A tree kept as its compact range: the roots of the perfect subtrees that make up the
 * first `size` leaves, largest first (one per set bit of size). Appending is O(log n) and
 * the root equals MTH, so a checkpoint never rereads leaves it has already covered.
 */
export class CompactRange {
  private readonly stack: { size: number; hash: Buffer }[] = [];
  size = 0;

  static from(size: number, hashes: readonly Buffer[]): CompactRange {
    const c = new CompactRange();
    const sizes: number[] = [];
    for (let bit = 2 ** 52; bit >= 1; bit /= 2) if (Math.floor(size / bit) % 2 === 1) sizes.push(bit);
    if (sizes.length !== hashes.length) throw new Error('compact range does not fit its size');
    sizes.forEach((s, i) => c.stack.push({ size: s, hash: hashes[i] }));
    c.size = size;
    return c;
  }

  append(leaf: Buffer): void {
    let node = { size: 1, hash: leaf };
    while (this.stack.length && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop() as { size: number; hash: Buffer };
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size++;
  }

  get hashes(): Buffer[] {
    return this.stack.map((s) => s.hash);
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let r = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i].hash, r);
    return r;
  }
}
