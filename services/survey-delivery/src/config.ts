import { configSchemas, loadConfigOrExit } from '@delaktig/config';

/** Settings, validated at start-up: a missing or malformed one stops the process at once. */
export const config = loadConfigOrExit(configSchemas['survey-delivery']);
