import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { loadConfig } from './app/core/config';

function showStartupError(error: unknown): void {
  console.error(error);
  const root = document.querySelector('dk-root');
  if (root) {
    root.innerHTML =
      '<main class="startup-error"><h1>Delaktig</h1>' +
      '<p role="alert">Tjänsten kunde inte starta. Försök igen om en stund.</p>' +
      '<p lang="en">The service could not start. Please try again in a moment.</p></main>';
  }
}

loadConfig()
  .then((config) => {
    if (config.telemetryUrl) {
      // A separate chunk, fetched only where a collector is configured; tracing never delays the app.
      void import('@delaktig/web-telemetry')
        .then((t) =>
          t.startBrowserTracing({
            serviceName: 'staff-web',
            collectorUrl: config.telemetryUrl as string,
            telemetryFormat: config.telemetryFormat,
            propagateTo: [config.gatewayUrl],
          }),
        )
        .catch((error: unknown) => console.warn('tracing not started', error));
    }
    return bootstrapApplication(App, appConfig(config));
  })
  .catch(showStartupError);
