import { TOPICS } from '@delaktig/contracts';
import { api, tokenFor, validInvitation, waitFor, withDb } from './support/api';
import { TOPIC_PREFIX } from './support/env';
import { kafka, settle, waitForConsumers } from './support/kafka';

const topic = `${TOPIC_PREFIX}${TOPICS.invitation}`;

async function participation(districtId: string): Promise<number> {
  return withDb('statistics', async (db) =>
    Number((await db.query('SELECT invitations_created FROM district_participation WHERE district_id = $1', [districtId])).rows[0]?.invitations_created ?? 0),
  );
}

describe('consumers are idempotent and never drop a bad event silently', () => {
  let caseworker: string;
  beforeAll(async () => {
    caseworker = await tokenFor('handlaggare.skarpnack');
  });

  it('ignores a redelivered event (same id): statistics and audit count it once', async () => {
    const created = await api('POST', '/api/v1/invitations', { token: caseworker, body: validInvitation() });
    expect(created.status).toBe(201);
    await settle();
    const before = await participation('skarpnack');
    const { rows } = await withDb('survey-delivery', (db) => db.query(`SELECT payload FROM outbox_event WHERE key = $1 AND type = 'InvitationCreated'`, [created.body.invitation.id]));
    const event = rows[0].payload;

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: event.key, value: JSON.stringify(event) }, { key: event.key, value: JSON.stringify(event) }] });
    await producer.disconnect();
    await waitForConsumers(TOPICS.invitation, ['statistics', 'audit']);

    expect(await participation('skarpnack')).toBe(before);
    const audit = await withDb('audit', (db) => db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE object_id = $1 AND action = 'invitation.created'`, [created.body.invitation.id]));
    expect(audit.rows[0].n).toBe(1);
  });

  it('sends an event that breaks its contract to the dead-letter topic with the reason', async () => {
    await settle();
    const before = await participation('skarpnack');
    const marker = `bad-${Date.now()}`;
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: marker, value: JSON.stringify({ id: crypto.randomUUID(), type: 'InvitationCreated', version: 1, data: { districtId: 'skarpnack' } }) },
        { key: marker, value: 'not json at all' },
      ],
    });
    await producer.disconnect();
    await waitForConsumers(TOPICS.invitation, ['statistics', 'audit']);
    expect(await participation('skarpnack')).toBe(before);

    const consumer = kafka.consumer({ groupId: `it-dlq-${Date.now()}` });
    const found: { reason: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${TOPIC_PREFIX}${TOPICS.deadLetter}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === marker) found.push({ reason: message.headers?.['dead-letter-reason']?.toString() ?? '' });
      },
    });
    try {
      await waitFor(async () => found.length >= 4 || undefined, 20_000, 'dead letters from both consumers');
    } finally {
      await consumer.disconnect();
    }
    expect(found.some((f) => /envelope is invalid/.test(f.reason))).toBe(true);
    expect(found.some((f) => /not JSON/.test(f.reason))).toBe(true);
  });
});
