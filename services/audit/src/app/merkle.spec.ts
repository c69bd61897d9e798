import { CompactRange, consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, rootOf, verifyConsistency, verifyInclusion } from './merkle';

// The test vectors of RFC 6962/9162 implementations (certificate-transparency-go, Trillian).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const many = Array.from({ length: 70 }, (_, i) => leafHash(`entry ${i}`));

describe('RFC 9162 Merkle tree', () => {
  it('computes the published roots of the reference vectors', () => {
    expect(rootOf([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    ROOTS.forEach((root, i) => expect(rootOf(LEAVES.slice(0, i + 1)).toString('hex')).toBe(root));
  });

  it('keeps the same root as a compact range, appended leaf by leaf and restored from its hashes', () => {
    const c = new CompactRange();
    expect(c.root()).toEqual(EMPTY_ROOT);
    many.forEach((l, i) => {
      c.append(l);
      expect(c.root()).toEqual(rootOf(many.slice(0, i + 1)));
      expect(CompactRange.from(c.size, c.hashes).root()).toEqual(c.root());
    });
  });

  it('proves and verifies the inclusion of every leaf in every tree size, and refuses wrong proofs', () => {
    for (let n = 1; n <= many.length; n++) {
      const root = rootOf(many.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, many, n);
        expect(verifyInclusion(m, n, proof, many[m], root)).toBe(true);
        expect(verifyInclusion(m, n, proof, leafHash('another'), root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, proof, many[m], root)).toBe(false);
        if (proof.length) expect(verifyInclusion(m, n, proof.slice(1), many[m], root)).toBe(false);
      }
    }
    expect(verifyInclusion(3, 3, [], many[3], rootOf(many.slice(0, 3)))).toBe(false);
  });

  it('proves and verifies consistency between every pair of tree sizes, and refuses a rewritten history', () => {
    const rewritten = [...many];
    rewritten[5] = leafHash('changed');
    for (let n = 1; n <= 40; n++) {
      const second = rootOf(many.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const first = rootOf(many.slice(0, m));
        const proof = consistencyProof(m, many, n);
        expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
        if (m > 5) {
          // Old checkpoint over the true history; new tree rewritten at leaf 5.
          const forged = consistencyProof(m, rewritten, n);
          expect(verifyConsistency(m, n, first, rootOf(rewritten.slice(0, n)), forged)).toBe(false);
        }
      }
    }
  });
});
