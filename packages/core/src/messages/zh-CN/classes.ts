/** 均衡分班与班主任派位。键 = classes.<名称>；占位符 {名称}（messages/format.ts）。 */
export const classes = {
  // ── what a placement and its head-teacher draw are made with (core admission/classes/placementInput.ts) ──
  /** The roster's own refusal (core roster.ts RosterInputError), naming the entrant or class. */
  rosterRefused: '{reason}',
  notCompulsory: '{school}不是义务教育学校，不进行均衡分班',
  chooseStage: '{school}的学段为{stages}：请选择其中一个学段',
  gradeLabelInvalid: '年级名称应为 1～20 个字，如 七年级',
  seedInvalid: '随机种子应为 1～64 个字符',
  yearInvalid: '学年必须是 2000～2100 之间的年份（收到 {value}）',
  teachersMissing: '请填写班主任名单',
  teacherCount: '班主任人数（{count}）应与班级数（{classes}）相同：每班一名班主任',
  teacherNameInvalid: '第 {n} 位班主任的姓名“{name}”无效：填写 1～20 个字，不含逗号和换行',
  teacherDuplicate: '班主任“{name}”重复：同名教师请加区分，如“王芳（数学）”',

  // ── placements created, run, published, read (server admission/classes/commands) ──
  schoolNotFound: '没有找到学校 {id}，或您无权进行该校的均衡分班',
  placementNotFound: '没有找到分班方案 {id}，或您无权查看',
  conflict: '该分班方案已被他人修改：请刷新后在最新版本上操作，您的改动未保存',
  publishedFinal: '该分班方案已公示，分班结果为最终结果，不能重新分班、改班级数或改班级名称',
  alreadyPublished: '该分班方案已经公示',
  notRunYet: '该分班方案还没有分班结果：请先“开始分班”，再公示',
  gradePublished:
    '{school}{year}学年{stage}已公示分班方案 {id}（{grade}）：公示结果为最终结果，每校每学段每年只公示一个分班方案',
  namesNotAllowed: '新生姓名属于学生个人信息：只有本校和本县教育局可以导出含姓名的分班名单',
  noResult: '该分班方案还没有分班结果',
  listsNotPublished: '分班结果尚未公示：公示后才能下载公示名单',
  entrantsOrDemo: '请给出新生名单（entrants）或选择演示名单（demo），二者选一',
  uploadEntrantsExpect: '填好的新生名单（.xlsx 或 .csv）',
  uploadEntrantsWhat: '学生',

  // ── the head-teacher draw (server admission/classes/commands/headTeachers.ts) ──
  drawBeforePublish:
    '请先公示分班结果，再进行班主任派位：公示后各班学生不再变动，派位结果才不能被用来调整分班',
  drawAlreadyMade: '已为这些班级建立班主任派位（派位编号 {drawId}）：每个分班方案只派位一次，不能更换',
} as const;
