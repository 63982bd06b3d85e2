/**
 * @module Demo 招生申请 for `npm start`: the county's primary round of the coming intake, with a
 * realistic number of applicants per school (first-grade intake ≈ a sixth of the school's pupils;
 * the largest town and urban schools, the demo school among them, oversubscribed by 15–30 % so the
 * lottery decides there; 随迁子女, twins, some 志愿 for 统筹安排, a few children outside every
 * zone), made through the real commands (createRound, importApplicants, commitRoundDraw,
 * conductDraw, admitRound) so that everything is sealed and audited like real data, and the
 * bureau opening the page sees a whole round: applicants, the published list, the draw, results.
 *
 * The children are fictional: names from core's demo name pool, ID numbers of the demo county
 * (130660, which no real county has) with a valid check character, phone numbers 139 0000 xxxx.
 */
import {
  type Actor,
  type ApplicantFields,
  createRandom,
  demoNames,
  type Random,
  residentIdCheckChar,
  schoolGroup,
} from '@junheng/core';
import {
  countyHasRound,
  type Database,
  type DemoPrimarySchool,
  demoActor,
  demoPrimarySchools,
  type PersonalCipher,
  type Queryable,
  roundVersion,
} from '@junheng/db';
import { conductDraw } from '../admission/lottery/commands/index.js';
import {
  admitRound,
  commitRoundDraw,
  createRound,
  importApplicants,
} from '../admission/rounds/commands/index.js';

const COMMUNITIES = [
  '幸福小区',
  '阳光花园',
  '锦绣家园',
  '学府名苑',
  '滨河花园',
  '和平里',
  '书香苑',
  '康居小区',
  '新华街',
  '文昌路',
];
const VILLAGE_SUFFIX = ['村', '庄村', '屯村', '营村', '家庄村'];
const VILLAGE_STEM = '王李张刘陈杨赵周吴孙马胡朱高林何郭罗宋';
/**
 * 特殊需要说明 of the demo's 随班就读 children: a disability described in words, the most sensitive
 * text of an application (sealed like the name; applicantDemo.test.ts searches every column for it).
 */
export const DEMO_SPECIAL_NEEDS_NOTES = [
  '轻度听力障碍，需安排前排座位',
  '下肢肢体残疾，需无障碍通道',
  '轻度智力障碍，需个别化教育计划',
  '孤独症谱系障碍，需资源教室支持',
] as const;

export interface DemoApplicantsResult {
  roundId: number | null;
  applicants: number;
}

/** The demo school: the school of the demo clerk (tianbao), null without one. */
async function clerkSchool(db: Database | Queryable): Promise<string | null> {
  return (await demoActor(db, 'tianbao'))?.schoolId ?? null;
}

type PrimarySchool = DemoPrimarySchool;

/**
 * The round's places: whole classes of 45 for schools, the expected intake for a 教学点; and the
 * schools families queue for (the three biggest, and the demo school).
 */
function roundPlan(schools: PrimarySchool[], demoSchool: string | null) {
  const plan = schools.map((s) => {
    const expected = Math.max(4, Math.round((s.students ?? 120) / 6));
    const places = s.type === 'teachingPoint' ? expected : Math.max(45, Math.round(expected / 45) * 45);
    return { ...s, expected, places, group: schoolGroup(s.name, s.region_name) };
  });
  const popular = new Set(
    [...plan]
      .filter((s) => s.type !== 'teachingPoint')
      .sort((a, b) => b.places - a.places)
      .slice(0, 3)
      .map((s) => s.id),
  );
  if (demoSchool && plan.some((s) => s.id === demoSchool)) popular.add(demoSchool);
  return { plan, popular };
}

type PlannedSchool = ReturnType<typeof roundPlan>['plan'][number];

/**
 * Makes the demo's children: names, birth dates in the intake's age band, valid and distinct ID
 * numbers, a category by the place's mix. One generator per round, so the draws of `rng` stay in
 * the order they always had (the demo is the same on every machine).
 */
function childMaker(rng: Random, intake: number, countyCode: string) {
  let seq = 0;
  /** Sequence numbers used per birth date: ID numbers must not repeat. */
  const perBirth = new Map<string, number>();
  const categoryOf = (urban: boolean): { category: string; migrantEligible: boolean } => {
    const x = rng.next();
    if (x < (urban ? 0.5 : 0.7)) return { category: 'hukouProperty', migrantEligible: false };
    if (x < (urban ? 0.64 : 0.82)) return { category: 'hukou', migrantEligible: false };
    if (x < (urban ? 0.8 : 0.88)) return { category: 'property', migrantEligible: false };
    if (x < (urban ? 0.95 : 0.96)) return { category: 'migrant', migrantEligible: rng.chance(0.8) };
    return { category: 'other', migrantEligible: false };
  };
  const children = (zone: PlannedSchool | null, siblings: number, shared: Partial<ApplicantFields>) => {
    const names = demoNames(siblings + 1, `${intake}-${seq}`);
    const surname = names[0]!.slice(0, 1);
    const guardian = surname + names[siblings]!.slice(1, 3);
    const month = rng.int(0, 11);
    const y = month < 4 ? intake - 7 : intake - 6;
    const m = ((month + 8) % 12) + 1;
    const d = rng.int(1, 28);
    const birth = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
    const phone = `1390000${String(rng.int(0, 9999)).padStart(4, '0')}`;
    const out: ApplicantFields[] = [];
    for (let k = 0; k < siblings; k++) {
      seq++;
      const used = (perBirth.get(birth) ?? rng.int(0, 400)) + 1 + rng.int(0, 3);
      perBirth.set(birth, used);
      const body = `${countyCode}${birth}${String(used % 1000).padStart(3, '0')}`;
      const specialNeeds = rng.chance(0.01) ? 'learningInClass' : null;
      out.push({
        name: surname + names[k]!.slice(1),
        idNumber: body + residentIdCheckChar(body),
        guardianName: guardian,
        phone,
        address: null,
        areaName: null,
        zoneSchoolId: zone?.id ?? null,
        category: 'hukouProperty',
        migrantEligible: false,
        specialNeeds,
        specialNeedsNote: specialNeeds
          ? DEMO_SPECIAL_NEEDS_NOTES[seq % DEMO_SPECIAL_NEEDS_NOTES.length]!
          : null,
        siblingAtSchool: false,
        familyKey: null,
        choices: [],
        ...shared,
      });
    }
    return out;
  };
  return { categoryOf, children };
}

/**
 * The applicant rows: per school a demand around its places (more at the popular ones, some of
 * whose families list other schools of the township), twins now and then, and a few 随迁子女
 * whose address lies in no zone (the guarantee places them).
 */
function demoApplicantRows(
  rng: Random,
  make: ReturnType<typeof childMaker>,
  { plan, popular }: ReturnType<typeof roundPlan>,
): { rowNo: number; fields: ApplicantFields }[] {
  const rows: { rowNo: number; fields: ApplicantFields }[] = [];
  let family = 0;
  for (const s of plan) {
    const urban = s.locality !== 'rural';
    const demand = Math.round(
      s.places * (popular.has(s.id) ? 1.15 + rng.next() * 0.15 : 0.65 + rng.next() * 0.3),
    );
    const areas = urban
      ? rng.shuffled(COMMUNITIES).slice(0, 4)
      : Array.from({ length: 3 }, () => rng.pick([...VILLAGE_STEM]) + rng.pick(VILLAGE_SUFFIX));
    const others = plan.filter((o) => o.id !== s.id && o.group === s.group && o.type !== 'teachingPoint');
    let n = 0;
    while (n < demand) {
      const twins = rng.chance(0.012) ? 2 : 1;
      const cat = make.categoryOf(urban);
      const area = rng.pick(areas);
      const choices =
        popular.has(s.id) && others.length > 0 && rng.chance(0.4)
          ? rng
              .shuffled(others)
              .slice(0, Math.min(2, others.length))
              .map((o) => o.id)
          : [];
      const kids = make.children(s, twins, {
        ...cat,
        areaName: area,
        address: `${s.group}${area}${rng.int(1, 30)}号`,
        siblingAtSchool: rng.chance(0.08),
        familyKey: twins > 1 ? `T${String(++family).padStart(3, '0')}` : null,
        choices,
      });
      for (const f of kids) rows.push({ rowNo: rows.length + 2, fields: f });
      n += twins;
    }
  }
  for (let k = 0; k < 12; k++) {
    for (const f of make.children(null, 1, {
      category: 'migrant',
      migrantEligible: true,
      areaName: '城郊',
      address: '城郊出租屋',
    })) {
      rows.push({ rowNo: rows.length + 2, fields: f });
    }
  }
  return rows;
}

/** Publishes the round's list, draws it in front of the demo's witnesses, and admits. */
async function drawAndAdmit(
  db: Database | Queryable,
  cipher: PersonalCipher,
  bureau: Actor,
  roundId: number,
  countyName: string,
): Promise<void> {
  const { round: committed, draw } = await commitRoundDraw(
    { db, actor: bureau, personal: cipher },
    { id: roundId, version: await roundVersion(db, roundId) },
  );
  await conductDraw({ db, actor: bureau }, draw.id, {
    seed: '2026 0618 0930 4172 8351 0094 6627',
    operatorName: '县教育局基教股',
    witnesses: [
      { name: '刘家长', role: '家长代表' },
      { name: '陈代表', role: '人大代表' },
      { name: '赵公证', role: '公证员' },
    ],
    place: `${countyName}教育局派位大厅`,
    notary: `${countyName}公证处`,
  });
  await admitRound({ db, actor: bureau }, { id: roundId, version: committed.version });
}

/**
 * Seeds the demo round (see the module comment). Does nothing when the county has no bureau
 * account or already has a round.
 * @param opts the seeded county and its current school year (the round is of year + 1)
 */
export async function seedDemoApplicants(
  db: Database | Queryable,
  cipher: PersonalCipher,
  opts: { countyCode: string; countyName: string; year: number; demoSchoolId?: string | null },
): Promise<DemoApplicantsResult> {
  const bureau = await demoActor(db, 'jiaoyuju');
  if (!bureau) return { roundId: null, applicants: 0 };
  if (await countyHasRound(db, opts.countyCode)) return { roundId: null, applicants: 0 };
  const intake = opts.year + 1;
  const demoSchool = opts.demoSchoolId ?? (await clerkSchool(db));
  const schools = await demoPrimarySchools(db, opts.countyCode, opts.year);
  if (schools.length === 0) return { roundId: null, applicants: 0 };
  const rng = createRandom(`demo-applicants-${opts.countyCode}-${intake}`);
  const planned = roundPlan(schools, demoSchool);
  const round = await createRound(
    { db, actor: bureau },
    {
      countyCode: opts.countyCode,
      year: intake,
      stage: 'primary',
      title: `${intake}年${opts.countyName}小学一年级招生`,
      places: planned.plan.map((s) => ({ schoolId: s.id, places: s.places })),
    },
  );
  const rows = demoApplicantRows(rng, childMaker(rng, intake, opts.countyCode), planned);
  await importApplicants(
    { db, actor: bureau, personal: cipher },
    { roundId: round.id, rows, file: '演示数据' },
  );
  await drawAndAdmit(db, cipher, bureau, round.id, opts.countyName);
  return { roundId: round.id, applicants: rows.length };
}
