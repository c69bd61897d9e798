/**
 * Preload for CPU profiles of a running process under load (node --require, or NODE_OPTIONS,
 * which does not allow --cpu-prof itself): with CPU_PROFILE_DIR set, the first SIGWINCH (a signal neither Node nor Nest's shutdown hooks take) starts
 * V8's sampling profiler through the process's own inspector session, the next one stops it
 * and writes `<name>-<pid>-<time>.cpuprofile` there (open it in Chrome DevTools or summarise it
 * with bench/cpu-summary.ts). Without CPU_PROFILE_DIR it does nothing. Used by bench:submit.
 */
'use strict';
const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const inspector = require('node:inspector');
  const fs = require('node:fs');
  const path = require('node:path');
  const script = process.argv[1] || 'node';
  const m = /(?:dist\/(?:services\/)?)([\w-]+)\/main\.js$/.exec(script);
  const name = m ? m[1] : path.basename(script).replace(/\.[cm]?[jt]s$/, '');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: Number(process.env.CPU_PROFILE_INTERVAL_US) || 500 });
  let running = false;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      session.post('Profiler.start');
      return;
    }
    session.post('Profiler.stop', (err, result) => {
      running = false;
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}-${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
