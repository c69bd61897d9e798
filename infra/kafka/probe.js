#!/usr/bin/env node
// Dependency-free Kafka readiness probe used by infra/kafka.sh status.
// Sends ApiVersions v0 and Metadata v4 (no topics) over the Kafka wire protocol and
// succeeds only if the broker answers both and lists at least one broker. A bare TCP
// connect is not enough: the kernel accepts connections before Kafka processes requests.
// Usage: node probe.js [host:port] [timeoutMs]
'use strict';
const net = require('net');

const [host, portStr] = (process.argv[2] || '127.0.0.1:9092').split(':');
const port = Number(portStr || 9092);
const timeoutMs = Number(process.argv[3] || 2000);

function request(apiKey, apiVersion, correlationId, body) {
  const clientId = Buffer.from('delaktig-probe');
  const header = Buffer.alloc(2 + 2 + 4 + 2);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  const payload = Buffer.concat([header, clientId, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);
  return Buffer.concat([size, payload]);
}

const sock = net.connect({ host, port });
const timer = setTimeout(() => fail(`timeout after ${timeoutMs}ms`), timeoutMs);
let buf = Buffer.alloc(0);
let stage = 0;

function fail(msg) {
  clearTimeout(timer);
  process.stderr.write(`kafka probe ${host}:${port}: ${msg}\n`);
  sock.destroy();
  process.exit(1);
}

sock.on('error', (e) => fail(e.code || e.message));
sock.on('connect', () => {
  sock.write(request(18, 0, 1, Buffer.alloc(0))); // ApiVersions v0
});
sock.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  while (buf.length >= 4) {
    const len = buf.readInt32BE(0);
    if (buf.length < 4 + len) return;
    const frame = buf.subarray(4, 4 + len);
    buf = buf.subarray(4 + len);
    handle(frame);
  }
});

function handle(frame) {
  const correlationId = frame.readInt32BE(0);
  if (stage === 0) {
    if (correlationId !== 1) return fail('bad correlation id');
    const errorCode = frame.readInt16BE(4);
    if (errorCode !== 0) return fail(`ApiVersions error ${errorCode}`);
    stage = 1;
    // Metadata v4: topics = [] (int32 0), allow_auto_topic_creation = false
    const body = Buffer.alloc(5);
    body.writeInt32BE(0, 0);
    body.writeInt8(0, 4);
    sock.write(request(3, 4, 2, body));
  } else {
    if (correlationId !== 2) return fail('bad correlation id');
    // throttle_time_ms int32, brokers array
    const brokers = frame.readInt32BE(8);
    if (brokers < 1) return fail('no brokers in metadata yet');
    clearTimeout(timer);
    sock.end();
    process.stdout.write(`kafka probe ${host}:${port}: ok (${brokers} broker)\n`);
    process.exit(0);
  }
}
