import { serviceKit } from './service-kit';

describe('serviceKit', () => {
  it('should work', () => {
    expect(serviceKit()).toEqual('service-kit');
  })
})
