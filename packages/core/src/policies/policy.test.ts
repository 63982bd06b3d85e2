import { describe, expect, it } from 'vitest';
import { type Actor, can, explain, PUBLIC_ACTOR, type Resource, visibleRegionPrefix } from './policy.js';
import {
  POLICY_ACTIONS,
  POLICY_RULES,
  type PolicyAction,
  RESOURCE_KINDS,
  type ResourceKind,
  USER_ROLES,
  type UserRole,
} from './rules.js';

// The world of these tests: county 130660 in city 1306 (province 13), its township 130660101,
// and the neighbouring county 130661 whose code shares the 5 digits '13066' with it.
const COUNTY = '130660';
const TOWNSHIP = '130660101';
const NEIGHBOUR = '130661';
const CITY = '130600'; // as stored in region.code; '1306' is tested too
const OWN = '1306600001'; // the school user's and principal's school, in the county seat
const OTHER = '1306600002'; // another school, same county
const FAR = '1306610003'; // a school of the neighbouring county
const TOWN = '1306600004'; // a school in the township under the county

function actor(role: UserRole, regionCode?: string): Actor {
  if (role === 'school' || role === 'principal') return { id: role, role, schoolId: OWN, regionCode };
  if (role === 'system_admin') return { id: role, role, regionCode };
  return { id: role, role, regionCode: regionCode ?? COUNTY };
}

const yn = (b: boolean) => (b ? 'Y' : 'N');

// ---------------------------------------------------------------------------------------------
// Table 1: every role × action × situation.
// Each action is tried on the kind it is naturally about; the situations are
//   A own school (OWN in COUNTY)           B other school, same county (OTHER in COUNTY)
//   C other county (FAR in NEIGHBOUR)      D school in a township under the county (TOWN)
//   E the same role at city level (region 130600; school roles keep their school) asking for B
// Y = allowed. Written by reading the rules of the issue, not by running can().
// ---------------------------------------------------------------------------------------------
const NATURAL_KIND: Record<PolicyAction, ResourceKind> = {
  view: 'schoolReport',
  edit: 'schoolReport',
  submit: 'schoolReport',
  review: 'schoolReport',
  reopen: 'schoolReport',
  evaluate: 'evaluationRun',
  publish: 'evaluationRun',
  export: 'schoolReport',
  import: 'schoolReport',
  manageUsers: 'user',
  viewPersonal: 'school',
};

const SITUATIONS: { regionCode: string; schoolId: string; city?: true }[] = [
  { regionCode: COUNTY, schoolId: OWN },
  { regionCode: COUNTY, schoolId: OTHER },
  { regionCode: NEIGHBOUR, schoolId: FAR },
  { regionCode: TOWNSHIP, schoolId: TOWN },
  { regionCode: COUNTY, schoolId: OTHER, city: true },
];

//                                     A B C D E
const BY_SITUATION: Record<UserRole, Record<PolicyAction, string>> = {
  // Views and manages users anywhere; nothing else (separation of duties, no personal data).
  system_admin: {
    view: 'YYYYY',
    edit: 'NNNNN',
    submit: 'NNNNN',
    review: 'NNNNN',
    reopen: 'NNNNN',
    evaluate: 'NNNNN',
    publish: 'NNNNN',
    export: 'NNNNN', // only the audit log and public results
    import: 'NNNNN',
    manageUsers: 'YYYYY',
    viewPersonal: 'NNNNN',
  },
  // County bureau: views its subtree (township included), the city bureau views too (E) but writes
  // nothing; never edits or submits a school's report itself.
  bureau: {
    view: 'YYNYY',
    edit: 'NNNNN',
    submit: 'NNNNN',
    review: 'YYNYN',
    reopen: 'YYNYN',
    evaluate: 'YYNYN',
    publish: 'YYNYN',
    export: 'YYNYY',
    import: 'YYNYN',
    manageUsers: 'NNNNN',
    viewPersonal: 'YYNYN',
  },
  // Inspector: views like the bureau and evaluates in its county; never reviews school reports
  // (the bureau's queue), edits, reopens, publishes, imports or sees personal data.
  inspector: {
    view: 'YYNYY',
    edit: 'NNNNN',
    submit: 'NNNNN',
    review: 'NNNNN',
    reopen: 'NNNNN',
    evaluate: 'YYNYN',
    publish: 'NNNNN',
    export: 'YYNYY',
    import: 'NNNNN',
    manageUsers: 'NNNNN',
    viewPersonal: 'NNNNN',
  },
  // Principal: like the clerk for its own school's report (issue 4: “校长/学校填报员”), but no
  // personal data of students; nothing of other schools.
  principal: {
    view: 'YNNNN',
    edit: 'YNNNN',
    submit: 'YNNNN',
    review: 'NNNNN',
    reopen: 'NNNNN',
    evaluate: 'NNNNN',
    publish: 'NNNNN',
    export: 'YNNNN',
    import: 'YNNNN',
    manageUsers: 'NNNNN',
    viewPersonal: 'NNNNN',
  },
  // School clerk: fills in its own school's report, sees its own students; nothing of others.
  school: {
    view: 'YNNNN',
    edit: 'YNNNN',
    submit: 'YNNNN',
    review: 'NNNNN',
    reopen: 'NNNNN',
    evaluate: 'NNNNN',
    publish: 'NNNNN',
    export: 'YNNNN',
    import: 'YNNNN',
    manageUsers: 'NNNNN',
    viewPersonal: 'YNNNN',
  },
  // Viewer: nothing but published results (none of these kinds is a public result).
  viewer: {
    view: 'NNNNN',
    edit: 'NNNNN',
    submit: 'NNNNN',
    review: 'NNNNN',
    reopen: 'NNNNN',
    evaluate: 'NNNNN',
    publish: 'NNNNN',
    export: 'NNNNN',
    import: 'NNNNN',
    manageUsers: 'NNNNN',
    viewPersonal: 'NNNNN',
  },
};

describe('policy table 1: role × action × situation', () => {
  it('lists every role and every action', () => {
    expect(Object.keys(BY_SITUATION).sort()).toEqual([...USER_ROLES].sort());
    for (const role of USER_ROLES)
      expect(Object.keys(BY_SITUATION[role]).sort()).toEqual([...POLICY_ACTIONS].sort());
  });

  for (const role of USER_ROLES) {
    for (const action of POLICY_ACTIONS) {
      it(`${role} ${action} ${NATURAL_KIND[action]}: ${BY_SITUATION[role][action]}`, () => {
        const got = SITUATIONS.map((s) => {
          const who = actor(role, s.city ? CITY : undefined);
          const what: Resource = {
            kind: NATURAL_KIND[action],
            regionCode: s.regionCode,
            schoolId: s.schoolId,
          };
          const allowed = can(who, action, what);
          // explain() must agree with can(), whatever it says.
          expect(explain(who, action, what).allowed).toBe(allowed);
          return yn(allowed);
        }).join('');
        expect(got).toBe(BY_SITUATION[role][action]);
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Table 2: every role × action × resource kind, inside the actor's own county / school.
// Columns:
//   1 school OWN   2 schoolReport OWN   3 countyInput COUNTY   4 evaluationRun COUNTY (county-wide)
//   5 user COUNTY  6 auditLog COUNTY    7 publicResult COUNTY unpublished
//   8 publicResult NEIGHBOUR published (public: anyone, anywhere)
//   9 admissionPlan COUNTY (county-wide, unpublished)   10 admissionPlan OWN (the school's 分班)
//  11 applicant OWN (placed at the school)   12 lotteryDraw COUNTY unpublished
//  13 lotteryDraw NEIGHBOUR published
// ---------------------------------------------------------------------------------------------
const KIND_COLUMNS: Resource[] = [
  { kind: 'school', regionCode: COUNTY, schoolId: OWN },
  { kind: 'schoolReport', regionCode: COUNTY, schoolId: OWN },
  { kind: 'countyInput', regionCode: COUNTY },
  { kind: 'evaluationRun', regionCode: COUNTY },
  { kind: 'user', regionCode: COUNTY },
  { kind: 'auditLog', regionCode: COUNTY },
  { kind: 'publicResult', regionCode: COUNTY, published: false },
  { kind: 'publicResult', regionCode: NEIGHBOUR, published: true },
  { kind: 'admissionPlan', regionCode: COUNTY, published: false },
  { kind: 'admissionPlan', regionCode: COUNTY, schoolId: OWN, published: false },
  { kind: 'applicant', regionCode: COUNTY, schoolId: OWN },
  { kind: 'lotteryDraw', regionCode: COUNTY, published: false },
  { kind: 'lotteryDraw', regionCode: NEIGHBOUR, published: true },
];

//                                 1234567890123
const BY_KIND: Record<UserRole, Record<PolicyAction, string>> = {
  system_admin: {
    view: 'YYYYYYYYYYNYY',
    edit: 'NNNNNNNNNNNNN',
    submit: 'NNNNNNNNNNNNN',
    review: 'NNNNNNNNNNNNN',
    reopen: 'NNNNNNNNNNNNN',
    evaluate: 'NNNNNNNNNNNNN',
    publish: 'NNNNNNNNNNNNN',
    export: 'NNNNNYNYNNNNY', // the audit log (off-line chain check) and what is public anyway
    import: 'NNNNNNNNNNNNN',
    manageUsers: 'NNNNYNNNNNNNN',
    viewPersonal: 'NNNNNNNNNNNNN',
  },
  bureau: {
    view: 'YYYYYYYYYYYYY',
    edit: 'YNYNNNNNYYYYN', // the school registry and county items, not the school's report
    submit: 'NNNNNNNNNNNNN',
    review: 'NYNNNNNNNNNNN', // not its own county items: the inspectors check those
    reopen: 'NYNNNNNNNNNNN',
    evaluate: 'NNNYNNNNNNNNN',
    publish: 'NYNYNNYNYYNYN', // locks its schools' reports; not the neighbour's result
    export: 'YYYYNNYYYYYYY',
    import: 'NYYNNNNNYYYNN',
    manageUsers: 'NNNNNNNNNNNNN',
    viewPersonal: 'YNNNNNNNNNYNN', // its schools' students and its applicants (full records, audited)
  },
  inspector: {
    view: 'YYYYNYYYYYNYY', // not the user list
    edit: 'NNNNNNNNNNNNN',
    submit: 'NNNNNNNNNNNNN',
    review: 'NNYNNNNNNNNNN', // county items only; school reports are the bureau's review queue
    reopen: 'NNNNNNNNNNNNN',
    evaluate: 'NNNYNNNNNNNNN',
    publish: 'NNNNNNNNNNNNN',
    export: 'YYYYNNYYYYNYY',
    import: 'NNNNNNNNNNNNN',
    manageUsers: 'NNNNNNNNNNNNN',
    viewPersonal: 'NNNNNNNNNNNNN',
  },
  principal: {
    view: 'YYNNNNNYNYYNY', // a county-wide run has no schoolId: only its school's slice is theirs
    edit: 'NYNNNNNNNYNNN',
    submit: 'NYNNNNNNNNNNN',
    review: 'NNNNNNNNNNNNN',
    reopen: 'NNNNNNNNNNNNN',
    evaluate: 'NNNNNNNNNNNNN',
    publish: 'NNNNNNNNNNNNN',
    export: 'YYNNNNNYNYYNY',
    import: 'NYNNNNNNNNNNN',
    manageUsers: 'NNNNNNNNNNNNN',
    viewPersonal: 'NNNNNNNNNNNNN',
  },
  school: {
    view: 'YYNNNNNYNYYNY',
    edit: 'NYNNNNNNNYNNN', // the report, not the registry entry of the school
    submit: 'NYNNNNNNNNNNN',
    review: 'NNNNNNNNNNNNN',
    reopen: 'NNNNNNNNNNNNN',
    evaluate: 'NNNNNNNNNNNNN',
    publish: 'NNNNNNNNNNNNN',
    export: 'YYNNNNNYNYYNY',
    import: 'NYNNNNNNNNNNN',
    manageUsers: 'NNNNNNNNNNNNN',
    viewPersonal: 'YNNNNNNNNNYNN', // the clerk, not the principal: full records of its admitted children
  },
  viewer: {
    view: 'NNNNNNNYNNNNY',
    edit: 'NNNNNNNNNNNNN',
    submit: 'NNNNNNNNNNNNN',
    review: 'NNNNNNNNNNNNN',
    reopen: 'NNNNNNNNNNNNN',
    evaluate: 'NNNNNNNNNNNNN',
    publish: 'NNNNNNNNNNNNN',
    export: 'NNNNNNNYNNNNY',
    import: 'NNNNNNNNNNNNN',
    manageUsers: 'NNNNNNNNNNNNN',
    viewPersonal: 'NNNNNNNNNNNNN',
  },
};

describe('policy table 2: role × action × resource kind, in own jurisdiction', () => {
  it('lists every role, action and kind', () => {
    expect(Object.keys(BY_KIND).sort()).toEqual([...USER_ROLES].sort());
    for (const role of USER_ROLES)
      expect(Object.keys(BY_KIND[role]).sort()).toEqual([...POLICY_ACTIONS].sort());
    expect(new Set(KIND_COLUMNS.map((r) => r.kind))).toEqual(new Set(RESOURCE_KINDS));
  });

  for (const role of USER_ROLES) {
    for (const action of POLICY_ACTIONS) {
      it(`${role} ${action}: ${BY_KIND[role][action]}`, () => {
        const who = actor(role);
        const got = KIND_COLUMNS.map((r) => yn(can(who, action, r))).join('');
        expect(got).toBe(BY_KIND[role][action]);
      });
    }
  }
});

describe('ID guessing', () => {
  const clerk = actor('school');

  it('denies a school user another school of the same county, whatever it tries', () => {
    const other: Resource = { kind: 'schoolReport', regionCode: COUNTY, schoolId: OTHER };
    for (const action of POLICY_ACTIONS) expect(can(clerk, action, other)).toBe(false);
    expect(explain(clerk, 'view', other)).toEqual({
      allowed: false,
      rule: 'school.read',
      reason: '学校用户只能查看和填报本校数据',
    });
  });

  it('does not let a missing school id on both sides count as a match', () => {
    const unbound: Actor = { id: 'u', role: 'school' };
    const noSchool: Resource = { kind: 'schoolReport', regionCode: COUNTY };
    expect(can(unbound, 'view', noSchool)).toBe(false);
    expect(can({ ...unbound, schoolId: '' }, 'edit', { ...noSchool, schoolId: '' })).toBe(false);
    expect(can({ ...unbound, schoolId: null }, 'edit', { ...noSchool, schoolId: null })).toBe(false);
    expect(explain(unbound, 'view', noSchool).reason).toBe('账号未绑定学校，请联系系统管理员');
  });

  it('ignores a school user region code: the school binds it, not the region', () => {
    const withRegion: Actor = { id: 'u', role: 'school', schoolId: OWN, regionCode: COUNTY };
    expect(can(withRegion, 'view', { kind: 'schoolReport', regionCode: COUNTY, schoolId: OTHER })).toBe(
      false,
    );
    expect(can(withRegion, 'view', { kind: 'countyInput', regionCode: COUNTY })).toBe(false);
  });

  it('denies the bureau of one county a report of the neighbouring county', () => {
    const far: Resource = { kind: 'schoolReport', regionCode: NEIGHBOUR, schoolId: FAR };
    expect(can(actor('bureau'), 'review', far)).toBe(false);
    expect(explain(actor('bureau'), 'review', far).reason).toBe(
      '只能访问本辖区（130660）内的数据，该学校报表属于 130661',
    );
  });

  it('denies an unknown role string coming from the database', () => {
    const odd = { id: 'x', role: 'superuser', regionCode: COUNTY } as unknown as Actor;
    expect(can(odd, 'view', { kind: 'school', regionCode: COUNTY, schoolId: OWN })).toBe(false);
    expect(explain(odd, 'view', { kind: 'school', regionCode: COUNTY }).allowed).toBe(false);
    expect(visibleRegionPrefix(odd, 'school').scope).toBe('none');
  });
});

describe('region codes compare on whole levels', () => {
  const report = (regionCode: string): Resource => ({ kind: 'schoolReport', regionCode, schoolId: OTHER });
  const bureau = (regionCode: string): Actor => ({ id: 'b', role: 'bureau', regionCode });

  it('keeps a county out of its neighbour that shares five digits', () => {
    expect(can(bureau('130660'), 'view', report('130661'))).toBe(false);
    expect(can(bureau('130661'), 'view', report('130660'))).toBe(false);
    expect(can(bureau('130661'), 'view', report('130661101'))).toBe(true);
  });

  it('rejects a scope that is not a whole level instead of widening it', () => {
    // Plain startsWith would let '13066' into both 130660 and 130661, and '' into everything.
    for (const code of ['13066', '1306601', '13066010', '', '1', '130', '13066010100', 'abcdef', ' 130660']) {
      expect(can(bureau(code), 'view', report('130661'))).toBe(false);
      expect(can(bureau(code), 'view', report('130660'))).toBe(false);
    }
  });

  it('rejects resource codes that are no county or township', () => {
    expect(can(bureau('130660'), 'view', report('1306601'))).toBe(false); // 7 digits
    expect(can(bureau('130660'), 'view', report('13066010'))).toBe(false); // 8 digits
    expect(can(bureau('130660'), 'view', report('1306601010'))).toBe(false); // 10 digits
    expect(can(bureau('1306'), 'view', report('130600'))).toBe(false); // a city is not a place for a school
    expect(can(bureau('130660'), 'view', report(''))).toBe(false);
  });

  it('lets a county reach its townships and a township only itself', () => {
    expect(can(bureau('130660'), 'review', report('130660101'))).toBe(true);
    expect(can(bureau('130660101'), 'review', report('130660101'))).toBe(true);
    expect(can(bureau('130660101'), 'review', report('130660102'))).toBe(false);
    expect(can(bureau('130660101'), 'view', report('130660'))).toBe(false); // the county seat is above it
    // County-wide resources are out of a township's reach.
    expect(can(bureau('130660101'), 'publish', { kind: 'evaluationRun', regionCode: '130660' })).toBe(false);
  });

  it('reads city and province scopes in both the short and the stored form, read-only', () => {
    for (const code of ['1306', '130600', '13', '130000']) {
      expect(can(bureau(code), 'view', report('130660'))).toBe(true);
      expect(can(bureau(code), 'view', report('130660101'))).toBe(true);
      expect(can(bureau(code), 'export', report('130661'))).toBe(true);
      expect(can(bureau(code), 'review', report('130660'))).toBe(false);
      expect(can(bureau(code), 'publish', { kind: 'evaluationRun', regionCode: '130660' })).toBe(false);
      expect(
        can(bureau(code), 'viewPersonal', { kind: 'school', regionCode: '130660', schoolId: OTHER }),
      ).toBe(false);
    }
    expect(can(bureau('1306'), 'view', report('130760'))).toBe(false); // another city of the province
    expect(can(bureau('13'), 'view', report('140660'))).toBe(false); // another province
    expect(explain(bureau('130600'), 'review', report('130660')).reason).toBe(
      '市级、省级用户只能查看辖区内数据，不能修改、审核或发布',
    );
  });

  it('applies the same to inspectors', () => {
    const inspector = (regionCode: string): Actor => ({ id: 'i', role: 'inspector', regionCode });
    const items = (regionCode: string): Resource => ({ kind: 'countyInput', regionCode });
    expect(can(inspector('130660'), 'review', items('130660'))).toBe(true);
    expect(can(inspector('130660'), 'review', report('130660101'))).toBe(false); // the bureau's queue
    expect(can(inspector('13066'), 'review', items('130661'))).toBe(false);
    expect(can(inspector('1306'), 'view', report('130661'))).toBe(true);
    expect(can(inspector('1306'), 'evaluate', { kind: 'evaluationRun', regionCode: '130661' })).toBe(false);
  });
});

describe('public results', () => {
  const published: Resource = { kind: 'publicResult', regionCode: COUNTY, published: true };
  const draft: Resource = { kind: 'publicResult', regionCode: COUNTY, published: false };
  const unknown: Resource = { kind: 'publicResult', regionCode: COUNTY };

  it('shows a published result to everyone, signed in or not, in any region', () => {
    for (const role of USER_ROLES) {
      expect(can(actor(role), 'view', published)).toBe(true);
      expect(can(actor(role, '440300'), 'export', published)).toBe(true);
    }
    expect(can(PUBLIC_ACTOR, 'view', published)).toBe(true);
    expect(can(PUBLIC_ACTOR, 'view', { ...published, regionCode: 'not a code' })).toBe(true);
    expect(explain(PUBLIC_ACTOR, 'view', published)).toEqual({
      allowed: true,
      rule: 'public.results',
      reason: '已公示的结果对所有人公开',
    });
  });

  it('hides an unpublished result from the public and the schools, not from its county', () => {
    for (const r of [draft, unknown]) {
      expect(can(PUBLIC_ACTOR, 'view', r)).toBe(false);
      expect(can(actor('viewer'), 'view', r)).toBe(false);
      expect(can(actor('school'), 'view', r)).toBe(false);
      expect(can(actor('principal'), 'view', r)).toBe(false);
      expect(can(actor('bureau'), 'view', r)).toBe(true);
      expect(can(actor('inspector'), 'view', r)).toBe(true);
      expect(can(actor('system_admin'), 'view', r)).toBe(true);
      expect(can(actor('bureau', NEIGHBOUR), 'view', r)).toBe(false);
    }
    expect(explain(PUBLIC_ACTOR, 'view', draft).reason).toBe('该公示结果尚未公示');
  });

  it('does not let publication open anything but view and export', () => {
    for (const action of POLICY_ACTIONS.filter((a) => a !== 'view' && a !== 'export')) {
      expect(can(PUBLIC_ACTOR, action, published)).toBe(false);
    }
    // 'published' on another kind is not a public result.
    expect(can(PUBLIC_ACTOR, 'view', { kind: 'evaluationRun', regionCode: COUNTY, published: true })).toBe(
      false,
    );
  });
});

describe('explain', () => {
  it('names the rule and the reason in Chinese when allowed', () => {
    expect(
      explain(actor('school'), 'submit', { kind: 'schoolReport', regionCode: COUNTY, schoolId: OWN }),
    ).toEqual({ allowed: true, rule: 'school.fill', reason: '学校用户和校长可填报、提交、导入本校报表' });
  });

  it('says what the role is limited to when no rule speaks about the request', () => {
    const report: Resource = { kind: 'schoolReport', regionCode: COUNTY, schoolId: OWN };
    expect(explain(actor('system_admin'), 'edit', report)).toEqual({
      allowed: false,
      reason:
        '系统管理员无权修改学校报表：系统管理员负责用户管理并可查看数据，但不修改、审核学校数据，也不查看学生个人信息（职责分离）',
    });
    expect(explain(actor('inspector'), 'edit', report).reason).toBe(
      '督学无权修改学校报表：督学可以查看和评估本县数据、核查县级指标，不能修改学校数据；学校报表由县教育局审核',
    );
    expect(explain(actor('viewer'), 'view', report).reason).toBe(
      '公众用户无权查看学校报表：公众用户只能查看已公示的结果',
    );
  });

  it('says when the account has no valid region', () => {
    const r: Resource = { kind: 'schoolReport', regionCode: COUNTY, schoolId: OWN };
    expect(explain({ id: 'b', role: 'bureau', regionCode: '13066' }, 'view', r).reason).toBe(
      '账号未绑定有效的行政区划（13066），请联系系统管理员',
    );
    expect(explain({ id: 'b', role: 'bureau' }, 'view', r).reason).toBe(
      '账号未绑定有效的行政区划（空），请联系系统管理员',
    );
  });
});

describe('visibleRegionPrefix (list filters)', () => {
  it('scopes each role the way can() does', () => {
    expect(visibleRegionPrefix(actor('system_admin'), 'schoolReport')).toEqual({
      scope: 'all',
      alsoPublished: false,
    });
    expect(visibleRegionPrefix(actor('bureau'), 'schoolReport')).toEqual({
      scope: 'region',
      prefix: '130660',
      alsoPublished: false,
    });
    expect(visibleRegionPrefix(actor('bureau', '130600'), 'school')).toEqual({
      scope: 'region',
      prefix: '1306',
      alsoPublished: false,
    });
    expect(visibleRegionPrefix(actor('inspector', '130000'), 'school')).toMatchObject({ prefix: '13' });
    expect(visibleRegionPrefix(actor('inspector', TOWNSHIP), 'school')).toMatchObject({ prefix: TOWNSHIP });
    expect(visibleRegionPrefix(actor('school'), 'schoolReport')).toEqual({
      scope: 'school',
      schoolId: OWN,
      alsoPublished: false,
    });
    expect(visibleRegionPrefix(actor('principal'), 'school')).toMatchObject({
      scope: 'school',
      schoolId: OWN,
    });
    expect(visibleRegionPrefix(actor('viewer'), 'schoolReport')).toEqual({
      scope: 'none',
      alsoPublished: false,
    });
  });

  it('depends on the kind listed', () => {
    expect(visibleRegionPrefix(actor('inspector'), 'user').scope).toBe('none');
    expect(visibleRegionPrefix(actor('bureau'), 'user').scope).toBe('region');
    expect(visibleRegionPrefix(actor('school'), 'countyInput').scope).toBe('none');
    expect(visibleRegionPrefix(actor('viewer'), 'publicResult')).toEqual({
      scope: 'none',
      alsoPublished: true,
    });
    expect(visibleRegionPrefix(PUBLIC_ACTOR, 'publicResult')).toEqual({ scope: 'none', alsoPublished: true });
    expect(visibleRegionPrefix(actor('bureau'), 'publicResult')).toEqual({
      scope: 'region',
      prefix: COUNTY,
      alsoPublished: true,
    });
  });

  it('gives nothing to an account whose binding is broken, never everything', () => {
    expect(visibleRegionPrefix({ id: 'b', role: 'bureau', regionCode: '13066' }, 'school').scope).toBe(
      'none',
    );
    expect(visibleRegionPrefix({ id: 'b', role: 'bureau', regionCode: '' }, 'school').scope).toBe('none');
    expect(visibleRegionPrefix({ id: 's', role: 'school' }, 'schoolReport').scope).toBe('none');
  });

  it('agrees with can(): a region prefix admits exactly the codes can() admits', () => {
    const codes = [COUNTY, TOWNSHIP, NEIGHBOUR, '130661101', '130760', '140660'];
    for (const scopeCode of ['13', '130000', '1306', '130600', COUNTY, TOWNSHIP]) {
      const who = actor('bureau', scopeCode);
      const list = visibleRegionPrefix(who, 'schoolReport');
      if (list.scope !== 'region') throw new Error(`expected a region scope for ${scopeCode}`);
      for (const code of codes) {
        // The SQL filter is region_code LIKE prefix || '%'.
        expect(code.startsWith(list.prefix)).toBe(
          can(who, 'view', { kind: 'schoolReport', regionCode: code, schoolId: OTHER }),
        );
      }
    }
  });
});

describe('the rule table itself', () => {
  it('has unique ids and a Chinese reason on every rule', () => {
    expect(new Set(POLICY_RULES.map((r) => r.id)).size).toBe(POLICY_RULES.length);
    for (const r of POLICY_RULES) expect(r.grants).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives system_admin no write on school data and only view/manage/audit export', () => {
    const adminActions = new Set(
      POLICY_RULES.filter((r) => r.roles.includes('system_admin')).flatMap((r) => r.actions),
    );
    expect([...adminActions].sort()).toEqual(['export', 'manageUsers', 'view']);
  });

  it('gives personal data only to school (own school) and bureau (its county)', () => {
    const personal = POLICY_RULES.filter((r) => r.actions.includes('viewPersonal'));
    expect(personal.map((r) => [r.roles, r.scope])).toEqual([
      [['bureau'], 'countyJurisdiction'],
      [['school'], 'ownSchool'],
    ]);
  });

  it('confines every write to a county/township or the own school', () => {
    const writes: PolicyAction[] = ['edit', 'submit', 'review', 'reopen', 'evaluate', 'publish', 'import'];
    for (const r of POLICY_RULES.filter((r) => r.actions.some((a) => writes.includes(a)))) {
      expect(['countyJurisdiction', 'ownSchool']).toContain(r.scope);
    }
  });
});
