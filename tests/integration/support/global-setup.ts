import { GATEWAY } from './env';

/** The suite needs the test stack: `infra/up.sh && infra/services.sh start test`. */
export default async function globalSetup(): Promise<void> {
  try {
    const res = await fetch(`${GATEWAY}/api/health/services`);
    if (res.ok) return;
    throw new Error(`gateway answered ${res.status}: ${await res.text()}`);
  } catch (e) {
    throw new Error(`The test stack is not running (${(e as Error).message}). Start it with: infra/up.sh && infra/services.sh start test`);
  }
}
