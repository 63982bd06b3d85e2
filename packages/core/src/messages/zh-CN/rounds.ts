/** 招生轮次与申请名单。键 = rounds.<名称>；占位符 {名称}（messages/format.ts）。 */
export const rounds = {
  // ── the round ──
  notFound: '没有找到招生轮次 {id}，或您无权查看',
  countyNotFound: '没有找到县 {county}，或您无权管理该县招生',
  year: '学年必须是 2000～2100 之间的年份（收到 {year}）',
  stage: '学段只能是 primary（小学）或 junior（初中），收到 {stage}',
  titleMissing: '请填写招生轮次名称，如“2026年清源县小学招生”',
  titleTooLong: '招生轮次名称不能超过 100 个字',
  /** {problem}: core checkCategoryConfig's own words. */
  categories: '{problem}',
  /** {shape}: the list's form, [{schoolId, places}]. */
  placesNotList: '计划招生数应为列表：{shape}',
  placeTwice: '学校 {schoolId} 在计划招生数中出现了两次',
  placesRange: '学校 {schoolId} 的计划招生数应为 0—100000 的整数，收到 {places}',
  placeNotInCounty: '学校 {schoolId} 不是本县学校：计划招生数只能填本县学校',
  schoolClosed: '{name}（{schoolId}）已撤并或停办，不能招生',
  /** {stage}: 小学 or 初中. */
  schoolWithoutStage: '{name}（{schoolId}）没有{stage}学段，不能列入本轮招生',
  categoryInUse: '有 {count} 名申请人的类别为“{name}”，不能删除该类别：请先修改这些申请人的类别',
  zoneSchoolLeaving: '有 {count} 名申请人的划片学校不在新的招生学校中：请先修改这些申请人的划片学校',
  /** {list}: 学校名（代码，n 人）、… */
  choiceSchoolLeaving:
    '有申请人把要移出本轮的学校填为志愿学校：{list}。请先修改这些申请人的志愿学校，再移出该校',
  conflict:
    '招生轮次“{title}”已被他人修改（当前第 {current} 版，您看到的是第 {seen} 版）：请刷新后再改，您的改动未保存',
  frozen: '招生轮次“{title}”已生成派位名单并公布承诺值，申请名单、招生类别和计划招生数已冻结，不能再修改',
  // ── the commit of the list and the admission ──
  noApplicants: '招生轮次“{title}”还没有申请人：请先录入或导入申请名单',
  /** {problems}: the first five of core familyProblems, joined by ；. */
  familyMismatch: '{count} 个家庭的信息不一致：{problems}',
  /** {schools}: the schools' names, joined by 、. */
  zoneWithoutPlaces: '{schools} 有划片申请人但计划招生数为 0：请先填写计划招生数',
  /** {reason}: core admitByZone's own words. */
  notAdmissible: '申请名单不能用于录取，未生成派位名单：{reason}。请先修改该申请人或本轮设置，再生成派位名单',
  notCommitted: '招生轮次“{title}”还没有生成派位名单：请先生成名单并公布承诺值，派位后再录取',
  alreadyAdmitted: '招生轮次“{title}”已经录取，录取结果不能重新计算',
  notDrawn: '招生轮次“{title}”的电脑派位（编号 {drawId}）尚未进行：请先在电脑派位页面当众派位',
  /** {reason}: core admitByZone's own words. */
  admitRefused: '{reason}',
  // ── applicants ──
  applicantNotFound: '没有找到申请人 {id}，或您无权查看',
  fieldsNotObject: '申请信息应为对象',
  /** {problems}: every field's problem, “列名”问题, joined by ；. */
  fieldProblems: '{problems}',
  duplicateIdNumber:
    '本轮已有该身份证号的申请（申请编号 {ticket}）：同一儿童只能申请一次，请核对身份证号，或修改已有的申请',
  duplicateIdNumberField:
    '“身份证号”本轮已有该身份证号的申请（申请编号 {ticket}）：同一儿童只能申请一次，请核对身份证号，或修改已有的申请',
  duplicateInFile: '与第 {row} 行的身份证号相同：同一儿童只能填一行，请删除重复的行',
  ticketsExhausted: '本轮申请编号已用完（每轮最多 999999 个）',
  applicantConflict:
    '申请 {ticket}（{name}）已被他人修改（当前第 {current} 版，您看到的是第 {seen} 版）：请刷新后在最新内容上修改，您的改动未保存',
  versionMissing: '请带上您修改的版本号（version）',
  importEmpty: '文件中没有申请人：请在模板的“申请人”工作表中从第 2 行起填写',
  importErrors: '导入文件有 {count} 处错误，未导入任何申请人：请按列表逐条修改后重新导入',
  importOnlyBureau: '只有县教育局可以导入招生申请',
  statusFilter: '状态只能是 unplaced、placed、pending、migrant 或 special，收到 {status}',
  /** {reason}: the policy table's reason. */
  childrenNotAllowed: '{reason}（招生申请含儿童个人信息，只有县教育局和录取学校可查看）',
  /** {role}: the user's role by name (校长, …). */
  personalNotAllowed:
    '{role}可查看本校录取名单（脱敏）；儿童的完整信息（姓名、身份证号、监护人、电话、地址）由学校填报员或县教育局查看',
  /** The round's draw as the lottery lists it. */
  drawTitle: '{title}电脑派位',
} as const;
