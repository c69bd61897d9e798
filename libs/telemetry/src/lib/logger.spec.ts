import { Writable } from 'node:stream';
import { createLogger, pathOnly } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()));
      cb();
    },
  });
  return { lines, logger: createLogger('test-service', stream) };
}

describe('logger', () => {
  it('writes JSON with the service name and level', () => {
    const { lines, logger } = capture();
    logger.info({ invitationId: 'abc' }, 'invitation created');
    expect(lines[0]).toMatchObject({ service: 'test-service', level: 'info', msg: 'invitation created', invitationId: 'abc' });
  });

  it('never writes personal data, however deep it is nested', () => {
    const { lines, logger } = capture();
    logger.info(
      { personalNumber: '198112289874', user: { email: 'a@b.se', name: 'Anna' }, req: { headers: { authorization: 'Bearer x' } } },
      'x',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('198112289874');
    expect(text).not.toContain('a@b.se');
    expect(text).not.toContain('Anna');
    expect(text).not.toContain('Bearer x');
  });

  it('strips query strings from logged URLs', () => {
    expect(pathOnly('/api/v1/child/session?code=123456')).toBe('/api/v1/child/session');
  });
});
