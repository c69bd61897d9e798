import type { DistrictId, StaffRole } from '@delaktig/contracts';

/**
 * A small typed wrapper of the Keycloak Admin REST API (26.x) for what staff administration
 * needs, authenticated as the identity service's confidential service-account client
 * (client credentials; realm-management query-users, view-users, manage-users, query-groups).
 * Plain fetch: @keycloak/keycloak-admin-client is ESM-only and pulls a large dependency tree
 * into a CommonJS service for six calls.
 */
export interface KeycloakAdminOptions {
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

export interface KeycloakUser {
  id: string;
  username: string;
  enabled: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes?: Record<string, string[]>;
}

export interface NewKeycloakUser {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  unit: string | null;
}

/** Keycloak answered with an error (status) or could not be reached (status 0). */
export class KeycloakAdminError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
  ) {
    super(`Keycloak admin ${operation} failed${status ? ` (HTTP ${status})` : ' (unreachable)'}`);
    this.name = 'KeycloakAdminError';
  }
}

export class KeycloakAdmin {
  private token: { value: string; expiresAt: number } | null = null;
  private groups: Map<string, string> | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly opts: KeycloakAdminOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  private get adminBase() {
    return `${this.opts.baseUrl}/admin/realms/${encodeURIComponent(this.opts.realm)}`;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 15_000) return this.token.value;
    let res: Response;
    try {
      res = await fetch(`${this.opts.baseUrl}/realms/${encodeURIComponent(this.opts.realm)}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(this.opts.clientId)}:${encodeURIComponent(this.opts.clientSecret)}`).toString('base64'),
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new KeycloakAdminError('token', 0);
    }
    if (!res.ok) throw new KeycloakAdminError('token', res.status);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }

  private async request(operation: string, method: string, path: string, body?: unknown, okStatuses: number[] = []): Promise<Response> {
    const send = async () =>
      fetch(`${this.adminBase}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await this.accessToken()}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    let res: Response;
    try {
      res = await send();
      if (res.status === 401) {
        this.token = null; // revoked or rotated: one fresh token
        res = await send();
      }
    } catch (e) {
      if (e instanceof KeycloakAdminError) throw e;
      throw new KeycloakAdminError(operation, 0);
    }
    if (!res.ok && !okStatuses.includes(res.status)) {
      await res.body?.cancel();
      throw new KeycloakAdminError(operation, res.status);
    }
    return res;
  }

  async findUserByUsername(username: string): Promise<KeycloakUser | null> {
    const res = await this.request('find user', 'GET', `/users?exact=true&briefRepresentation=false&username=${encodeURIComponent(username)}`);
    const users = (await res.json()) as KeycloakUser[];
    return users.find((u) => u.username === username.toLowerCase()) ?? null;
  }

  async getUser(id: string): Promise<KeycloakUser | null> {
    const res = await this.request('get user', 'GET', `/users/${encodeURIComponent(id)}`, undefined, [404]);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    return (await res.json()) as KeycloakUser;
  }

  /** Creates an enabled user without credentials or required actions; returns its id. 409 when the username or e-mail exists. */
  async createUser(user: NewKeycloakUser): Promise<{ id: string } | { conflict: true }> {
    const res = await this.request(
      'create user',
      'POST',
      '/users',
      {
        username: user.username,
        enabled: true,
        emailVerified: true,
        firstName: user.firstName,
        lastName: user.lastName,
        email: user.email,
        attributes: { ...(user.unit ? { unit: [user.unit] } : {}), locale: ['sv'] },
        requiredActions: [],
      },
      [409],
    );
    if (res.status === 409) {
      await res.body?.cancel();
      return { conflict: true };
    }
    const location = res.headers.get('location') ?? '';
    await res.body?.cancel();
    const id = location.split('/').pop();
    if (!id) throw new KeycloakAdminError('create user (no id)', res.status);
    return { id };
  }

  async deleteUser(id: string): Promise<void> {
    const res = await this.request('delete user', 'DELETE', `/users/${encodeURIComponent(id)}`, undefined, [404]);
    await res.body?.cancel();
  }

  async credentialTypes(id: string): Promise<string[]> {
    const res = await this.request('credentials', 'GET', `/users/${encodeURIComponent(id)}/credentials`);
    return ((await res.json()) as { type: string }[]).map((c) => c.type);
  }

  /** The realm group of a district (attribute district=<id>), cached. */
  async districtGroupId(districtId: DistrictId): Promise<string> {
    if (!this.groups?.has(districtId)) {
      const res = await this.request('list groups', 'GET', '/groups?briefRepresentation=false&max=1000');
      const groups = (await res.json()) as { id: string; attributes?: Record<string, string[]> }[];
      this.groups = new Map();
      for (const g of groups) {
        const d = g.attributes?.['district']?.[0];
        if (d) this.groups.set(d, g.id);
      }
    }
    const id = this.groups.get(districtId);
    if (!id) throw new KeycloakAdminError(`district group ${districtId} missing`, 404);
    return id;
  }

  async addToGroup(userId: string, groupId: string): Promise<void> {
    const res = await this.request('join group', 'PUT', `/users/${encodeURIComponent(userId)}/groups/${encodeURIComponent(groupId)}`);
    await res.body?.cancel();
  }

  async userGroups(userId: string): Promise<{ id: string; name: string }[]> {
    const res = await this.request('user groups', 'GET', `/users/${encodeURIComponent(userId)}/groups`);
    return (await res.json()) as { id: string; name: string }[];
  }

  /** Maps a realm role; the role representation is taken from the user's available roles (no view-realm needed). */
  async addRealmRole(userId: string, role: StaffRole): Promise<void> {
    const res = await this.request('available roles', 'GET', `/users/${encodeURIComponent(userId)}/role-mappings/realm/available`);
    const available = (await res.json()) as { id: string; name: string }[];
    const rep = available.find((r) => r.name === role);
    if (!rep) throw new KeycloakAdminError(`realm role ${role} missing`, 404);
    const add = await this.request('map role', 'POST', `/users/${encodeURIComponent(userId)}/role-mappings/realm`, [rep]);
    await add.body?.cancel();
  }

  async realmRoles(userId: string): Promise<string[]> {
    const res = await this.request('user roles', 'GET', `/users/${encodeURIComponent(userId)}/role-mappings/realm/composite`);
    return ((await res.json()) as { name: string }[]).map((r) => r.name);
  }

  /** Enables or disables the user; the whole representation is sent back (user profile: a partial one may drop attributes). */
  async setEnabled(userId: string, enabled: boolean): Promise<void> {
    const user = await this.getUser(userId);
    if (!user) throw new KeycloakAdminError('update user (gone)', 404);
    const res = await this.request(enabled ? 'enable user' : 'disable user', 'PUT', `/users/${encodeURIComponent(userId)}`, { ...user, enabled });
    await res.body?.cancel();
  }

  /** Ends every session of the user (their refresh tokens stop working at once). */
  async logout(userId: string): Promise<void> {
    const res = await this.request('logout user', 'POST', `/users/${encodeURIComponent(userId)}/logout`);
    await res.body?.cancel();
  }
}
