import { describe, expect, it } from 'vitest';
import { grantOf } from '../../../server/auth/oidc-settings';

const GROUPS = {
  admins: { role: 'admin' as const },
  'emea-ops': { role: 'operator' as const, accounts: ['emea'] },
  'apac-view': { role: 'viewer' as const, accounts: ['apac', 'emea'] },
};

describe('what claim values grant', () => {
  it('nothing when no value is mapped', () => {
    expect(grantOf([], GROUPS)).toBeNull();
    expect(grantOf(['staff', 'constructor', '__proto__'], GROUPS)).toBeNull();
  });

  it('the highest role of the mapped values and the union of their accounts', () => {
    expect(grantOf(['staff', 'apac-view'], GROUPS)).toEqual({ role: 'viewer', accountIds: ['apac', 'emea'] });
    expect(grantOf(['apac-view', 'emea-ops'], GROUPS)).toEqual({ role: 'operator', accountIds: ['apac', 'emea'] });
  });

  it('every account when one mapped value names none', () => {
    expect(grantOf(['emea-ops', 'admins'], GROUPS)).toEqual({ role: 'admin', accountIds: null });
  });
});
