import { DEFAULT_ADDRESS_POLICY } from './address-policy';
import { egressRules } from './egress-rules';

describe('the egress address policy', () => {
  it('allows public unicast addresses, and only those', () => {
    for (const ok of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) {
      expect(DEFAULT_ADDRESS_POLICY.allows(ok)).toBe(true);
    }
    for (const bad of [
      '127.0.0.1',
      '10.1.2.3',
      '169.254.169.254',
      '::1',
      '::7f00:1',
      '64:ff9b::a00:1',
      '2002:a00:1::',
      '2001:db8::1',
      '192.0.2.1',
      'localhost',
    ]) {
      expect(DEFAULT_ADDRESS_POLICY.allows(bad)).toBe(false);
    }
  });

  it("admits the operator's addresses, ranges and host names, and nothing else", () => {
    const rules = egressRules(['10.20.0.0/16', '127.0.0.1', 'models.internal', '*.corp.example']);
    expect(rules.policy.allows('10.20.3.4')).toBe(true);
    expect(rules.policy.allows('127.0.0.1')).toBe(true);
    expect(rules.policy.allows('10.21.0.1')).toBe(false);
    expect(rules.policy.allows('127.0.0.2')).toBe(false);
    expect(rules.policy.allows('8.8.8.8')).toBe(true);
    expect(rules.trustsHost('models.internal')).toBe(true);
    expect(rules.trustsHost('MODELS.internal.')).toBe(true);
    expect(rules.trustsHost('gpu1.corp.example')).toBe(true);
    expect(rules.trustsHost('corp.example')).toBe(false);
    expect(rules.trustsHost('evilcorp.example')).toBe(false);
    expect(rules.trustsHost('models.internal.evil.test')).toBe(false);
  });
});
