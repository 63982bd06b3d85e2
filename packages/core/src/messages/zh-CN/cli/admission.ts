/** junheng admission commit、admit：按招生申请名单派位和录取。键 = cli.admission.<名称>。 */
export const admission = {
  helpCommit:
    '  junheng admission commit <申请名单.xlsx> --out list.txt [--schools 学校计划.csv{or}xlsx]\n' +
    '                [--categories 户籍与房产一致,户籍,房产,居住证随迁子女,其他] [--year 2026] [--secrets 文件]\n' +
    '                                       读招生申请模板（逐行报错），每个家庭一个派位条目，写出公示名单并\n' +
    '                                       给出承诺值，核验码写入 <名单>-核验码.csv（只发给各家庭）；\n' +
    '                                       未给 --schools 时划片学校、志愿学校按文件中的值使用',
  helpAdmit:
    '  junheng admission admit <申请名单.xlsx> --list list.txt --schools 学校计划.csv{or}xlsx --seed 种子\n' +
    '                [--categories …] [--sibling-priority] [--year 2026] [--out 录取结果.xlsx]\n' +
    '                                       用公示名单派位后按类别录取（与网页录取相同）：各校计划、各类别\n' +
    '                                       录取人数、截止类别、是否派位，志愿录取方式对比（延迟接受与按志愿\n' +
    '                                       顺序录取）；--out 写出录取名单（姓名脱敏）。学校计划列：标识码、\n' +
    '                                       名称、计划招生数',
  usage:
    '用法：junheng admission commit <申请名单.xlsx> --out list.txt [--schools 学校计划.csv] [--categories …] [--year 2026]\n' +
    '      junheng admission admit <申请名单.xlsx> --list list.txt --schools 学校计划.csv --seed 种子 [--out 录取结果.xlsx]',
  badCategories: '--categories “{value}” 无效：{reason}',
  badYear: '--year 的值 “{value}” 无效：应为招生年份，如 2026',
  planNotFound: '找不到学校计划文件 {file}：请检查路径',
  planErrors: '{file} 有 {count} 处错误：',
  planColumns: '学校计划的列：标识码、名称、计划招生数（每所学校一行）。',
  applicantsNotFound: '找不到申请名单文件 {file}：请检查路径',
  applicantsErrors: '{file} 有 {count} 处错误，未处理：',
  applicantsFix: '请按上列位置改正后重新运行（模板：网页“招生申请”页的“下载模板”）。',
  schoolsAsTyped: '提示：未指定 --schools，划片学校和志愿学校按文件中填写的值（{count} 所）使用',
  /** The columns of the 核验码 file written next to the list. */
  secretsColumn: {
    rowNo: '申请名单行号',
    own: '申请编号',
    entry: '派位编号',
    name: '姓名',
    secret: '核验码',
  },
  commitNeedOut: '请用 --out 指定公示名单文件，如 --out list.txt',
  committed:
    '申请名单：{file}：{children} 名儿童，{families} 户，即 {families} 个派位条目（同户多胞胎、兄弟姐妹共用一个条目，用家庭中第一个申请编号）',
  secretsWritten: '已写入核验码：{file}（每个家庭只告知本家庭的派位编号和核验码，不要公开此文件）',
  needSchools: '请用 --schools 指定学校计划文件（列：标识码、名称、计划招生数）',
  needSeed: '请用 --seed 指定派位现场公开摇出的随机种子（至少 20 位数字）',
  needList:
    '请用 --list 指定派位前公布的名单（junheng admission commit 写出的 list.txt）：派位只能基于已公布承诺值的名单',
  badSeed: '--seed：{reason}',
  listNotFound: '找不到公示名单文件 {file}：请检查路径',
  listMismatch:
    '公示名单 {list} 与申请名单 {file} 不一致：{problems}。请使用生成该名单的同一份申请名单（行序不变）和同一 --year',
  listMissing: '名单中缺少 {count} 个派位编号（如 {example}）',
  listExtra: '名单中多出 {count} 个派位编号（如 {example}）',
  allAdmitted: '全部录取',
  cutOff: '第{position}类别 {category}{siblings}',
  withSiblings: '（有同校兄弟姐妹）',
  withoutSiblings: '（无同校兄弟姐妹）',
  lotteryUsed: '派位',
  applicants: '申请名单：{file}（{children} 名儿童，{families} 户）',
  list: '公示名单：{file}  名单承诺值 {commitment}',
  byZone: '各校录取（本片区按类别顺序，录不满的类别按派位序号；其余统筹安排）：',
  pending: '待统筹安排：{pending} 人；随迁子女（符合条件）已安排 {placed} / {eligible} 人',
  comparison: '志愿录取方式对比（本片区未录取、填报志愿的 {applicants} 人，统筹剩余学位 {seats} 个）：',
  deferredAcceptance: '延迟接受（本系统）',
  boston: '按志愿顺序录取（先一志愿）',
  placed: '录取到志愿学校',
  firstChoice: '其中第一志愿',
  unplaced: '未录取到志愿学校',
  envy: '失去本有优先权的学位',
  workbookTitle: '{file} 录取结果',
  placementsWritten: '已写入录取名单（姓名、身份证号已脱敏）：{file}',
  column: {
    school: '学校',
    plan: '计划',
    zoneApplicants: '片区申请',
    assigned: '统筹',
    refused: '片区未录',
    seatsLeft: '剩余',
    cutOff: '截止类别',
    lottery: '派位',
  },
} as const;
