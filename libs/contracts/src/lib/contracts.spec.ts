import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { buildAsyncApi, createEvent, EventValidationError, InvitationCreatedV1, parseEvent, UnknownEventError } from '../index';

const meta = { key: '7b0c0d7e-9c5f-4a3f-8d1e-1b2c3d4e5f60', source: 'survey-delivery', correlationId: 'req-1' };
const data = {
  invitationId: '7b0c0d7e-9c5f-4a3f-8d1e-1b2c3d4e5f60',
  districtId: 'skarpnack' as const,
  unitId: null,
  ageBand: '6-11' as const,
  createdBy: 'f1e2d3c4-0000-4000-8000-000000000001',
  createdAt: new Date().toISOString(),
};

describe('event contracts', () => {
  it('round-trips a valid event through producer and consumer validation', () => {
    const evt = createEvent(InvitationCreatedV1, data, meta);
    const received = parseEvent(JSON.parse(JSON.stringify(evt)));
    expect(received).toEqual(evt);
    expect(received.type).toBe('InvitationCreated');
    expect(received.version).toBe(1);
  });

  it('refuses to produce an event with an invalid payload', () => {
    expect(() => createEvent(InvitationCreatedV1, { ...data, districtId: 'atlantis' as never }, meta)).toThrow(EventValidationError);
  });

  it('refuses on the consumer side a payload that breaks the schema', () => {
    const evt = createEvent(InvitationCreatedV1, data, meta);
    const tampered = { ...evt, data: { ...evt.data, ageBand: '0-5' } };
    expect(() => parseEvent(tampered)).toThrow(/data.ageBand/);
  });

  it('rejects unknown event types and versions', () => {
    const evt = createEvent(InvitationCreatedV1, data, meta);
    expect(() => parseEvent({ ...evt, version: 99 })).toThrow(UnknownEventError);
  });

  it('keeps the committed AsyncAPI document in step with the contracts', () => {
    const committed = parse(readFileSync(join(__dirname, '..', '..', 'asyncapi.yaml'), 'utf8'));
    const current = parse(stringify(buildAsyncApi(), { aliasDuplicateObjects: false }));
    expect(committed).toEqual(current);
    expect(Object.keys(committed.components.messages)).toContain('InvitationCreatedV1');
  });
});
