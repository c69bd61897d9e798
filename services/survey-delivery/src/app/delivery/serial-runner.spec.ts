import { retryDelayMs, SerialRunner } from './serial-runner';

describe('SerialRunner', () => {
  it('never runs twice at once, and a kick during a run gives exactly one more run', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release!: () => void;
    const runner = new SerialRunner(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs++;
      if (runs === 1) await new Promise<void>((r) => (release = r));
      active--;
    }, jest.fn());
    runner.kick();
    runner.kick();
    runner.kick();
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(runner.busy).toBe(false);
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('reports a failed run and keeps working', async () => {
    const onError = jest.fn();
    let calls = 0;
    const runner = new SerialRunner(async () => {
      calls++;
      if (calls === 1) throw new Error('smtp down');
    }, onError);
    runner.kick();
    await new Promise((r) => setTimeout(r, 10));
    runner.kick();
    await new Promise((r) => setTimeout(r, 10));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'smtp down' }));
    expect(calls).toBe(2);
  });

  it('backs off exponentially with jitter, capped', () => {
    for (let i = 0; i < 20; i++) {
      expect(retryDelayMs(500, 1, 10_000)).toBeGreaterThanOrEqual(400);
      expect(retryDelayMs(500, 3, 10_000)).toBeLessThanOrEqual(2400);
      expect(retryDelayMs(500, 30, 10_000)).toBe(10_000);
    }
  });
});
