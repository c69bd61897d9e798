import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { TitleStrategy, provideRouter } from '@angular/router';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { AuthService } from './core/auth.service';
import { APP_CONFIG, AppConfig } from './core/config';
import { TranslatedTitleStrategy } from './core/title';
import { provideI18n } from './i18n/i18n';

export function appConfig(config: AppConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      { provide: APP_CONFIG, useValue: config },
      provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
      provideI18n(),
      provideRouter(appRoutes),
      { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
      // Sign in before the first route renders (login-required redirects to Keycloak).
      provideAppInitializer(() => inject(AuthService).init()),
    ],
  };
}
