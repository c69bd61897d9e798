import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { ConsumerState, KafkaEventServer } from './kafka-event.server';

/** A kafkajs stand-in that records consumers and lets the test crash them. */
function fakeKafka() {
  const consumers: { listeners: Record<string, (e: unknown) => void>; running: boolean; disconnected: boolean }[] = [];
  const events = { CONNECT: 'connect', DISCONNECT: 'disconnect', GROUP_JOIN: 'group_join', REBALANCING: 'rebalancing', CRASH: 'crash' };
  const kafka = {
    consumer: () => {
      const c = { listeners: {} as Record<string, (e: unknown) => void>, running: false, disconnected: false };
      consumers.push(c);
      return {
        events,
        on: (name: string, fn: (e: unknown) => void) => (c.listeners[name] = fn),
        connect: async () => c.listeners['connect']?.({}),
        subscribe: async () => undefined,
        run: async () => {
          c.running = true;
          c.listeners['group_join']?.({});
        },
        disconnect: async () => {
          c.disconnected = true;
        },
      };
    },
    producer: () => ({ connect: async () => undefined, disconnect: async () => undefined, send: async () => undefined }),
    admin: () => ({ connect: async () => undefined, disconnect: async () => undefined, listTopics: async () => ['t.v1', 'delaktig.dead-letter.v1'], createTopics: async () => true }),
  } as unknown as Kafka;
  return { kafka, consumers };
}

const until = async (cond: () => boolean, ms = 3000) => {
  const t = Date.now();
  while (!cond()) {
    if (Date.now() - t > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('KafkaEventServer', () => {
  it('replaces a consumer that crashed without restarting, so consumption resumes after a broker outage', async () => {
    const { kafka, consumers } = fakeKafka();
    const state = new ConsumerState();
    const server = new KafkaEventServer({ kafka, groupId: 'g', topicPrefix: '', logger: pino({ level: 'silent' }), topics: { partitions: 1, replicationFactor: 1 }, state });
    server.addHandler('t.v1', async () => undefined, true);
    await server.listen(() => undefined);
    await until(() => consumers[0]?.running === true);
    expect(state.status).toBe('joined');

    consumers[0]!.listeners['crash']!({ payload: { error: new Error('Failed to find group coordinator'), restart: false } });
    await until(() => consumers[1]?.running === true);
    expect(consumers[0]!.disconnected).toBe(true);
    expect(state.status).toBe('joined');

    // A crash that kafkajs restarts itself is left to kafkajs.
    consumers[1]!.listeners['crash']!({ payload: { error: new Error('ECONNREFUSED'), restart: true } });
    await new Promise((r) => setTimeout(r, 700));
    expect(consumers).toHaveLength(2);
    await server.close();
  });
});
