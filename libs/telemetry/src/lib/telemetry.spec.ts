import { telemetry } from './telemetry';

describe('telemetry', () => {
  it('should work', () => {
    expect(telemetry()).toEqual('telemetry');
  })
})
