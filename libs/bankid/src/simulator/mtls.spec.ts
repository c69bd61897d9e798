import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BankIdClient } from '../client';
import { BankIdError } from '../errors';
import { type BankIdSimulator, createBankIdSimulator } from './simulator';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Throwaway CA, server (127.0.0.1) and RP client certificates, made fresh for this test run. */
function makeCertificates(dir: string) {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = (name: string) => run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  key('ca');
  run('req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=Test BankID CA', '-days', '1', '-out', 'ca.crt');
  const issue = (name: string, cn: string, ext: string) => {
    key(name);
    run('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
    writeFileSync(join(dir, `${name}.ext`), ext);
    run('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
  };
  issue('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', 'Delaktig RP', 'extendedKeyUsage=clientAuth\n');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.crt'), serverCert: read('server.crt'), serverKey: read('server.key'), clientCert: read('client.crt'), clientKey: read('client.key') };
}

const describeIfOpenssl = hasOpenssl() ? describe : describe.skip;

describeIfOpenssl('BankIdClient with mutual TLS against the simulator', () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let sim: BankIdSimulator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bankid-mtls-'));
    certs = makeCertificates(dir);
    sim = await createBankIdSimulator({ tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.ca, requireClientCert: true } });
  });

  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes an order with the RP certificate', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const client = new BankIdClient({ baseUrl: sim.apiUrl, tls: { cert: certs.clientCert, key: certs.clientKey, ca: certs.ca } });
    try {
      const { orderRef } = await client.auth({ endUserIp: '192.0.2.1' });
      sim.approve(orderRef);
      expect((await client.collect(orderRef)).status).toBe('complete');
    } finally {
      client.close();
    }
  });

  it('gets 401 unauthorized without a client certificate', async () => {
    const client = new BankIdClient({ baseUrl: sim.apiUrl, tls: { ca: certs.ca } as never });
    try {
      const err = await client.auth({ endUserIp: '192.0.2.1' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BankIdError);
      expect(err).toMatchObject({ httpStatus: 401, errorCode: 'unauthorized' });
    } finally {
      client.close();
    }
  });

  it('refuses a server that is not signed by the configured CA', async () => {
    const client = new BankIdClient({ baseUrl: sim.apiUrl, tls: { cert: certs.clientCert, key: certs.clientKey, ca: certs.clientCert } });
    try {
      await expect(client.auth({ endUserIp: '192.0.2.1' })).rejects.toMatchObject({ httpStatus: 0, errorCode: 'networkError' });
    } finally {
      client.close();
    }
  });
});
