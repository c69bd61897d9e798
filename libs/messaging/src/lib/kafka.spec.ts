import { kafkaSecurityOptions } from './kafka';

describe('Kafka security settings', () => {
  it('connects in plain text by default (local broker)', () => {
    expect(kafkaSecurityOptions({})).toEqual({});
  });

  it('uses TLS with an extra CA and SCRAM credentials for a managed cluster', () => {
    const opts = kafkaSecurityOptions(
      { ssl: true, sslCaFile: '/etc/kafka/ca.pem', saslMechanism: 'scram-sha-512', saslUsername: 'delaktig', saslPassword: 's3cret' },
      (p) => `PEM from ${p}`,
    );
    expect(opts.ssl).toEqual({ ca: ['PEM from /etc/kafka/ca.pem'] });
    expect(opts.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'delaktig', password: 's3cret' });
  });

  it('refuses settings that would fail later or leak a password', () => {
    expect(() => kafkaSecurityOptions({ saslMechanism: 'plain', saslUsername: 'u', saslPassword: 'p' })).toThrow(/KAFKA_SSL=true/);
    expect(() => kafkaSecurityOptions({ ssl: true, saslMechanism: 'scram-sha-256' })).toThrow(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/);
    expect(() => kafkaSecurityOptions({ sslCaFile: '/x.pem' })).toThrow(/KAFKA_SSL is not true/);
  });
});
