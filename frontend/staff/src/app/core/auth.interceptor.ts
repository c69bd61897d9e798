import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { from, switchMap } from 'rxjs';
import { AuthService } from './auth.service';
import { APP_CONFIG } from './config';

/**
 * Adds `Authorization: Bearer <token>` to calls to the gateway (and only there),
 * refreshing the token first (`updateToken(30)`; a failed refresh sends the user
 * to Keycloak). A 401 is passed on to the caller rather than answered with a new
 * login, which could loop forever if the gateway rejects a freshly issued token.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const { gatewayUrl } = inject(APP_CONFIG);
  const auth = inject(AuthService);
  if (request.url !== gatewayUrl && !request.url.startsWith(`${gatewayUrl}/`)) {
    return next(request);
  }
  return from(auth.token()).pipe(
    switchMap((token) =>
      next(token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request),
    ),
  );
};
