import { DEFAULT_TRUSTED_PROXIES, gatewayConfigSchema, loadConfigOrExit } from '@delaktig/config';

const parsed = loadConfigOrExit(gatewayConfigSchema);

/**
 * Settings, validated at start-up: a missing or malformed one stops the gateway at once.
 * TRUSTED_PROXIES unset (development, tests) is loopback: X-Forwarded-For is believed only
 * from a proxy on the same host; production requires it to be set.
 */
export const config = { ...parsed, TRUSTED_PROXIES: parsed.TRUSTED_PROXIES ?? DEFAULT_TRUSTED_PROXIES };
