import { describe, expect, it } from 'vitest';
import { mayInCounty } from './permissions';

const county = { id: 2, role: 'bureau' as const, regionCode: '130660', schoolId: null };
const city = { id: 6, role: 'bureau' as const, regionCode: '130600', schoolId: null };
const inspector = { id: 3, role: 'inspector' as const, regionCode: '130660', schoolId: null };
const admin = { id: 1, role: 'system_admin' as const, regionCode: null, schoolId: null };
const clerk = { id: 5, role: 'school' as const, regionCode: null, schoolId: '2113367269' };

describe('county actions offered by role and jurisdiction', () => {
  it('lets the county bureau evaluate, import, enter county items and publish', () => {
    expect(mayInCounty(county, 'evaluate', 'evaluationRun', '130660')).toBe(true);
    expect(mayInCounty(county, 'import', 'schoolReport', '130660')).toBe(true);
    expect(mayInCounty(county, 'edit', 'countyInput')).toBe(true);
    expect(mayInCounty(county, 'publish', 'evaluationRun', '130660')).toBe(true);
    expect(mayInCounty(county, 'evaluate', 'evaluationRun', '130661')).toBe(false);
  });

  it('offers a city account (read-only) none of them', () => {
    for (const [action, kind] of [
      ['evaluate', 'evaluationRun'],
      ['import', 'schoolReport'],
      ['edit', 'countyInput'],
      ['publish', 'evaluationRun'],
      ['edit', 'school'],
    ] as const) {
      expect(mayInCounty(city, action, kind, '130660')).toBe(false);
      expect(mayInCounty(city, action, kind)).toBe(false);
    }
  });

  it('lets an inspector evaluate but not import or publish; admins and schools do neither', () => {
    expect(mayInCounty(inspector, 'evaluate', 'evaluationRun', '130660')).toBe(true);
    expect(mayInCounty(inspector, 'import', 'schoolReport', '130660')).toBe(false);
    expect(mayInCounty(inspector, 'publish', 'evaluationRun', '130660')).toBe(false);
    expect(mayInCounty(admin, 'evaluate', 'evaluationRun', '130660')).toBe(false);
    expect(mayInCounty(clerk, 'evaluate', 'evaluationRun', '130660')).toBe(false);
    expect(mayInCounty(null, 'evaluate', 'evaluationRun', '130660')).toBe(false);
  });
});
