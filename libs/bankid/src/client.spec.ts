import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BankIdClient } from './client';
import { BankIdError } from './errors';
import { PersonalIdentityNumberError } from './personal-number';

/** A stand-in BankID that answers each request with the next canned reply and records what it got. */
async function cannedServer(replies: Array<{ status: number; body: unknown }>) {
  const received: Array<{ url: string; contentType: string; body: unknown }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const reply = replies.shift() ?? { status: 500, body: 'not json' };
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }) };
}

describe('BankIdClient (against canned answers)', () => {
  it('tolerates unknown hint codes and extra fields', async () => {
    const server = await cannedServer([
      { status: 200, body: { orderRef: 'a', status: 'pending', hintCode: 'brandNewHint', somethingNew: { x: 1 } } },
    ]);
    const client = new BankIdClient({ baseUrl: server.url });
    try {
      await expect(client.collect('a')).resolves.toEqual({ orderRef: 'a', status: 'pending', hintCode: 'brandNewHint' });
      expect(server.received[0]).toEqual({ url: '/rp/v6.0/collect', contentType: 'application/json', body: { orderRef: 'a' } });
    } finally {
      client.close();
      await server.close();
    }
  });

  it('rejects a malformed success answer with invalidResponse', async () => {
    const server = await cannedServer([{ status: 200, body: { orderRef: 'a', status: 'complete' } }]);
    const client = new BankIdClient({ baseUrl: `${server.url}/custom/prefix` });
    try {
      const err = await client.collect('a').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BankIdError);
      expect((err as BankIdError).errorCode).toBe('invalidResponse');
      expect(server.received[0].url).toBe('/custom/prefix/collect');
    } finally {
      client.close();
      await server.close();
    }
  });

  it('base64-encodes texts and normalises the required personal number', async () => {
    const order = { orderRef: 'o', autoStartToken: 'a', qrStartToken: 'q', qrStartSecret: 's' };
    const server = await cannedServer([{ status: 200, body: order }]);
    const client = new BankIdClient({ baseUrl: server.url });
    try {
      await expect(
        client.sign({
          endUserIp: '2001:db8::1',
          userVisibleData: 'Jag godkänner **villkoren**',
          userVisibleDataFormat: 'simpleMarkdownV1',
          userNonVisibleData: 'intern-ref-1',
          requirement: { personalNumber: '811228-9874', pinCode: true },
          returnRisk: true,
        }),
      ).resolves.toEqual(order);
      expect(server.received[0].body).toEqual({
        endUserIp: '2001:db8::1',
        userVisibleData: Buffer.from('Jag godkänner **villkoren**').toString('base64'),
        userVisibleDataFormat: 'simpleMarkdownV1',
        userNonVisibleData: Buffer.from('intern-ref-1').toString('base64'),
        requirement: { personalNumber: '198112289874', pinCode: true },
        returnRisk: true,
      });
      expect(() => client.auth({ endUserIp: '192.0.2.1', requirement: { personalNumber: '198112289875' } })).toThrow(
        PersonalIdentityNumberError,
      );
    } finally {
      client.close();
      await server.close();
    }
  });

  it('keeps errorCode and details of an error answer, and maps non-JSON errors by status', async () => {
    const server = await cannedServer([
      { status: 400, body: { errorCode: 'alreadyInProgress', details: 'Order already in progress for pno' } },
      { status: 502, body: '<html>bad gateway</html>' },
    ]);
    const client = new BankIdClient({ baseUrl: server.url });
    try {
      await expect(client.auth({ endUserIp: '192.0.2.1' })).rejects.toMatchObject({
        httpStatus: 400,
        errorCode: 'alreadyInProgress',
        details: 'Order already in progress for pno',
      });
      await expect(client.cancel('x')).rejects.toMatchObject({ httpStatus: 502, errorCode: 'internalError' });
    } finally {
      client.close();
      await server.close();
    }
  });

  it('reports an unreachable server as networkError', async () => {
    const server = await cannedServer([]);
    await server.close();
    const client = new BankIdClient({ baseUrl: server.url });
    await expect(client.collect('a')).rejects.toMatchObject({ httpStatus: 0, errorCode: 'networkError' });
    client.close();
  });

  it('reads its settings from the environment', () => {
    expect(() => BankIdClient.fromEnv({})).toThrow(/BANKID_API_URL/);
    expect(() => BankIdClient.fromEnv({ BANKID_API_URL: 'https://appapi2.test.bankid.com/rp/v6.0', BANKID_CLIENT_CERT: '/x.pem' })).toThrow(
      /BANKID_CA_CERT/,
    );
    expect(() => new BankIdClient({ baseUrl: 'http://localhost', tls: { cert: 'c', key: 'k', ca: 'a' } })).toThrow(/https/);
    const client = BankIdClient.fromEnv({ BANKID_API_URL: 'http://127.0.0.1:3201' });
    expect(client).toBeInstanceOf(BankIdClient);
    client.close();
  });
});
