import { isIP } from 'node:net';

/** The browser's IP for BankID's endUserIp (IPv4-mapped IPv6 written as IPv4). */
export function clientIp(req: { ip?: string | undefined }): string {
  const ip = (req.ip ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return isIP(ip) ? ip : '127.0.0.1';
}
