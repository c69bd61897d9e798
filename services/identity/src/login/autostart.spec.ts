import { autostartUrl } from './bankid-login.service';
import { clientIp } from './client-ip';

describe('autostart link', () => {
  const token = 'a1b2c3d4-0000-4000-8000-000000000000';

  it('opens the BankID app in production', () => {
    expect(autostartUrl({ NODE_ENV: 'production', BANKID_API_URL: 'https://appapi2.bankid.com/rp/v6.0', BANKID_AUTOSTART_URL: undefined }, token, 'https://x/y')).toBe(
      `bankid:///?autostarttoken=${token}&redirect=null`,
    );
  });

  it("opens the simulator's autostart page in development, coming back to the login page", () => {
    const url = new URL(autostartUrl({ NODE_ENV: 'development', BANKID_API_URL: 'http://127.0.0.1:3201/rp/v6.0', BANKID_AUTOSTART_URL: undefined }, token, 'http://localhost:3101/oidc/interaction/u1'));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:3201/sim/autostart');
    expect(url.searchParams.get('autostarttoken')).toBe(token);
    expect(url.searchParams.get('redirect')).toBe('http://localhost:3101/oidc/interaction/u1');
  });

  it('follows the BANKID_AUTOSTART_URL template', () => {
    expect(autostartUrl({ NODE_ENV: 'production', BANKID_API_URL: 'https://x', BANKID_AUTOSTART_URL: 'https://app.bankid.com/?autostarttoken={autoStartToken}&redirect={returnUrl}' }, token, 'https://a/b?c')).toBe(
      `https://app.bankid.com/?autostarttoken=${token}&redirect=https%3A%2F%2Fa%2Fb%3Fc`,
    );
  });
});

describe('endUserIp', () => {
  it('is the browser IP, IPv4-mapped addresses written as IPv4', () => {
    expect(clientIp({ ip: '::ffff:192.0.2.7' })).toBe('192.0.2.7');
    expect(clientIp({ ip: '2001:db8::1' })).toBe('2001:db8::1');
    expect(clientIp({ ip: undefined })).toBe('127.0.0.1');
  });
});
