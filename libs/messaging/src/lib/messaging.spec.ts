import { messaging } from './messaging';

describe('messaging', () => {
  it('should work', () => {
    expect(messaging()).toEqual('messaging');
  })
})
