/* Writes docs/SETTINGS.md from the settings schemas in libs/config: npm run docs:settings */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsDoc } from '../libs/config/src/lib/doc';

const out = join(__dirname, '..', 'docs', 'SETTINGS.md');
writeFileSync(out, settingsDoc());
console.log(`wrote ${out}`);
