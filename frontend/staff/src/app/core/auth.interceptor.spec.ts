import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { API, fakeAuth, flushMicrotasks, testProviders } from '../../testing/providers';

describe('authInterceptor', () => {
  let auth: ReturnType<typeof fakeAuth>;
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    auth = fakeAuth();
    TestBed.configureTestingModule({ providers: testProviders(auth) });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('refreshes the token and sends it as a bearer token to the gateway', async () => {
    const response = firstValueFrom(http.get(`${API}/me`));
    await flushMicrotasks();
    const request = backend.expectOne(`${API}/me`);
    expect(auth.token).toHaveBeenCalled();
    expect(request.request.headers.get('Authorization')).toBe('Bearer test-token');
    request.flush({ ok: true });
    await expect(response).resolves.toEqual({ ok: true });
  });

  it('does not send the token anywhere else', async () => {
    const response = firstValueFrom(http.get('/config.json'));
    const request = backend.expectOne('/config.json');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await response;
    expect(auth.token).not.toHaveBeenCalled();
  });

  it('passes a 401 on to the caller without starting a login loop', async () => {
    const response = firstValueFrom(http.get(`${API}/me`));
    await flushMicrotasks();
    backend.expectOne(`${API}/me`).flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await expect(response).rejects.toMatchObject({ status: 401 });
    expect(auth.login).not.toHaveBeenCalled();
  });
});
