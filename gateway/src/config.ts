import { gatewayConfigSchema, loadConfigOrExit } from '@delaktig/config';

/** Settings, validated at start-up: a missing or malformed one stops the gateway at once. */
export const config = loadConfigOrExit(gatewayConfigSchema);
