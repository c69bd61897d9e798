import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';

// Deliberately tiny: no router, no HttpClient, no zone.js. The initial JS must stay ≤ 60 KB gzipped
// (check with `node frontend/child/bench-bundle.mjs` after `npx nx build child`).
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners(), provideZonelessChangeDetection()],
};
