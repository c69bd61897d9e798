import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const CHILD_DATA_KEY = 'delaktig:child-data';
/** The OpenAPI extension that carries the rule, so tests and reviewers read it from the API document. */
export const CHILD_DATA_EXTENSION = 'x-delaktig-child-data';

/**
 * What a route does with a child's data, and where that is recorded (issue 11,
 * logguppföljning). Every gateway route must declare one (a unit test enumerates the
 * routes; the integration test `child-data-audit` calls every read and checks the log):
 * - `read`: returns something about a child; the owning service records each read as the
 *   listed audit actions *before* returning, and refuses (error, no data) if it cannot.
 * - `change`: changes something about a child; the change's own event is its audit entry
 *   (plus the listed reads if it returns the changed data).
 * - `child-session`: the child's own data, to the child (their access is audited as such).
 * - `none`: returns nothing about any child (the reason is part of the API document).
 */
export type ChildDataRule =
  | { kind: 'read'; records: readonly string[] }
  | { kind: 'change'; records: readonly string[] }
  | { kind: 'child-session' }
  | { kind: 'none'; reason: string };

const rule = (r: ChildDataRule) => applyDecorators(SetMetadata(CHILD_DATA_KEY, r), ApiExtension(CHILD_DATA_EXTENSION, r));

/** Returns a child's data; each read is in the audit log as one of `actions` before the data leaves the service. */
export const AuditedRead = (...actions: string[]) => rule({ kind: 'read', records: actions });
/** Changes a child's data; audited by the change's own event(s) (`actions`). */
export const AuditedChange = (...actions: string[]) => rule({ kind: 'change', records: actions });
/** The child's own session: their own answers, questionnaire and feedback. */
export const ChildOwnData = () => rule({ kind: 'child-session' });
/** Nothing about any child is returned or changed. */
export const NoChildData = (reason: string) => rule({ kind: 'none', reason });
