import { z } from 'zod';
import { DISTRICT_IDS } from './districts';
import { defineEvent, EventDefinition, EventEnvelope, envelopeSchema, EventValidationError } from './envelope';
import { TOPICS } from './topics';

const districtId = z.enum(DISTRICT_IDS).describe('District the entity belongs to.');
const ageBand = z.enum(['6-11', '12-18']).describe('Age band of the questionnaire.');
const staffRef = z
  .string()
  .min(1)
  .max(100)
  .describe('Pseudonymous staff id (the identity provider subject), never a name or personal identity number.');

/** An invitation for a child was created by a caseworker. No personal data. */
export const InvitationCreatedV1 = defineEvent({
  type: 'InvitationCreated',
  version: 1,
  topic: TOPICS.invitation,
  description: 'A caseworker created an invitation for a child in one of their cases.',
  schema: z.object({
    invitationId: z.uuid(),
    districtId,
    unitId: z.string().max(100).nullable().describe('Unit of the caseworker, if any.'),
    ageBand,
    createdBy: staffRef,
    createdAt: z.iso.datetime({ offset: true }),
    questionnaireVersionId: z.uuid().optional().describe('The published questionnaire version the child will answer (absent on invitations created before questionnaires existed).'),
  }),
});

/** The central office published a questionnaire version (immutable from now on). */
export const QuestionnaireVersionPublishedV1 = defineEvent({
  type: 'QuestionnaireVersionPublished',
  version: 1,
  topic: TOPICS.questionnaire,
  description: 'A questionnaire version was published by the central office (or by the system when seeding the defaults). Key: the template id.',
  schema: z.object({
    templateId: z.uuid(),
    key: z.string().min(1).max(100).describe('Stable key of the template, e.g. default-6-11.'),
    ageBand,
    versionId: z.uuid(),
    version: z.number().int().positive(),
    publishedBy: z
      .string()
      .min(1)
      .max(100)
      .describe("Pseudonymous staff id (identity provider subject) of the publisher, or 'system' for seeded defaults."),
    publishedAt: z.iso.datetime({ offset: true }),
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the canonical JSON of the published content.'),
  }),
});

/** Every event this system knows, by `type@version`. */
export const EVENT_CATALOG: readonly EventDefinition[] = [InvitationCreatedV1, QuestionnaireVersionPublishedV1];

const byTypeVersion = new Map(EVENT_CATALOG.map((d) => [`${d.type}@${d.version}`, d]));

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byTypeVersion.get(`${type}@${version}`);
}

export class UnknownEventError extends EventValidationError {
  constructor(type: string, version: number) {
    super(`Unknown event ${type} v${version}`);
    this.name = 'UnknownEventError';
  }
}

/**
 * Validates a received message (consumer side): the envelope, then the payload against
 * the schema for its type and version. Throws {@link EventValidationError}.
 */
export function parseEvent(raw: unknown): EventEnvelope {
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) {
    throw new EventValidationError(
      'Event envelope is invalid',
      env.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const def = findEventDefinition(env.data.type, env.data.version);
  if (!def) throw new UnknownEventError(env.data.type, env.data.version);
  const data = def.schema.safeParse(env.data.data);
  if (!data.success) {
    throw new EventValidationError(
      `${def.type} v${def.version} payload is invalid`,
      data.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message })),
    );
  }
  return { ...env.data, data: data.data };
}

export function isEvent<T extends z.ZodType>(e: EventEnvelope, def: EventDefinition<T>): e is EventEnvelope<z.infer<T>> {
  return e.type === def.type && e.version === def.version;
}
