/**
 * Base topic names: `delaktig.<owning service>.<entity>.v<major>`. A breaking change to an
 * entity's events gets a new topic version; additive changes keep it. Each environment
 * may prefix every name (KAFKA_TOPIC_PREFIX), e.g. `test.`.
 */
export const TOPICS = {
  invitation: 'delaktig.survey-delivery.invitation.v1',
  questionnaire: 'delaktig.survey-delivery.questionnaire.v1',
  staff: 'delaktig.identity.staff.v1',
  childAccess: 'delaktig.identity.child-access.v1',
  response: 'delaktig.responses.response.v1',
  alert: 'delaktig.responses.alert.v1',
  feedback: 'delaktig.responses.feedback.v1',
  statisticsExport: 'delaktig.statistics.export.v1',
  auditCheckpoint: 'delaktig.audit.checkpoint.v1',
  deadLetter: 'delaktig.dead-letter.v1',
} as const;

/**
 * Topics kept by log compaction (the latest message per key) instead of by age: the audit
 * checkpoints, one key per district, so the last signed tree head is never aged out.
 */
export const COMPACTED_TOPICS: readonly string[] = [TOPICS.auditCheckpoint];

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export function topicName(base: string, prefix = ''): string {
  return `${prefix}${base}`;
}
