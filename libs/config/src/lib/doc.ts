import { z } from 'zod';
import { configSchemas } from './settings';

/** docs/SETTINGS.md, generated from the schemas so that every setting is documented. */
export function settingsDoc(): string {
  const lines = [
    '# Settings',
    '',
    'Generated from `libs/config/src/lib/settings.ts` by `npm run docs:settings`; a unit test keeps it in step.',
    'Every process validates its settings at start-up and exits with code 78 naming any missing or malformed one.',
    '',
  ];
  for (const [app, schema] of Object.entries(configSchemas)) {
    lines.push(`## ${app}`, '', '| setting | required | default | meaning |', '|---|---|---|---|');
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { description?: string; default?: unknown }>;
      required?: string[];
    };
    for (const [key, prop] of Object.entries(json.properties)) {
      const required = json.required?.includes(key) && prop.default === undefined ? 'yes' : 'no';
      const def = prop.default === undefined || prop.default === '' ? '' : `\`${String(prop.default)}\``;
      lines.push(`| \`${key}\` | ${required} | ${def} | ${prop.description ?? ''} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
