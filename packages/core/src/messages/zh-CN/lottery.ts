/** 电脑派位。键 = lottery.<名称>；占位符 {名称}（messages/format.ts）。 */
export const lottery = {
  // ── a draw to create and what is entered at the draw (core admission/lottery/drawInput.ts) ──
  /** Core's own refusal of an entry or a seed (LotteryInputError), naming it. */
  entryRefused: '{reason}',
  notObject: '派位信息应为对象',
  emptyValue: '空',
  countyCodeInvalid: '县级行政区划代码应为 6 位数字（收到 {value}）',
  yearInvalid: '学年必须是 2000～2100 之间的年份（收到 {value}）',
  purposeInvalid: '派位用途只能是 admission（招生派位）或 headTeacher（班主任派位），收到 {value}',
  schoolIdInvalid: '学校标识码应为 10 位数字（收到 {value}）',
  roundIdInvalid: '招生轮次编号应为正整数（收到 {value}）',
  roundOnlyCountyAdmission: '只有全县的招生派位属于招生轮次；班主任派位和学校的派位不能关联招生轮次',
  entriesEmpty: '派位名单为空：至少需要一个条目（编号和核验码）',
  entriesTooMany: '派位名单有 {count} 个条目，一次派位最多 {max} 个：请按批次分开派位',
  entryShape: '名单第 {n} 个条目应有编号（ticket）和核验码（secret）两项文字',
  slotsRequired: '班主任派位需要班级名称（slots）：第 1 名对应第 1 个班级，依次类推',
  slotsTooMany: '班级最多 {max} 个，收到 {count} 个',
  slotDuplicate: '班级名称“{name}”重复',
  slotsMoreThanEntries: '班级数（{slots}）多于参加派位的人数（{entries}）：每个班级都要有一位班主任',
  slotsOnlyHeadTeacher: '只有班主任派位有班级名称（slots）；招生派位的名次就是派位号',
  seedMissing: '请输入随机种子：现场公开摇出的至少 20 位数字',
  witnessesMissing: '请至少填写一位见证人（如家长代表、纪检监察人员、公证员）：派位须在见证下公开进行',
  witnessesTooMany: '见证人最多 {max} 位，收到 {count} 位',
  textRequired: '请填写{what}',
  textNotText: '{what}应为文字',
  textTooLong: '{what}不能超过 {max} 个字（现有 {length} 个）',
  fieldTitle: '派位名称',
  fieldSlot: '第 {n} 个班级名称',
  fieldOperator: '操作人员姓名',
  fieldWitnessName: '第 {n} 位见证人的姓名',
  fieldWitnessRole: '第 {n} 位见证人的身份',
  fieldPlace: '派位地点',
  fieldNotary: '公证人员',

  // ── creating, conducting and reading draws (server admission/lottery/commands) ──
  countyNotFound: '没有找到县 {code}',
  countyNotVisible: '没有找到县 {code}，或您无权查看',
  schoolNotFound: '没有找到学校 {id}，或您无权为该校组织派位',
  schoolOutsideCounty: '学校“{name}”（{id}）不在县 {county}',
  roundNotFound: '没有找到编号为 {id} 的招生轮次，或您无权查看',
  roundOtherYear: '招生轮次“{title}”是 {roundYear} 年的，派位却是 {year} 年的：请使用同一年度',
  roundHasDraw:
    '招生轮次“{title}”已有派位“{drawTitle}”（编号 {drawId}）：一个轮次只派位一次，每名儿童一个派位号',
  drawNotFound: '没有找到编号为 {id} 的电脑派位，或您无权查看',
  alreadyDrawn:
    '“{title}”已于 {at} 由 {operator} 完成派位（随机种子 {seed}），派位结果一经产生不可更改，也不能重新派位：请刷新页面查看结果',
  listCorrupted: '派位 {id} 的名单与承诺值不一致：数据库已损坏，请联系管理员',
  purposeFilterInvalid: '派位用途只能是 admission 或 headTeacher，收到 {value}',
  protocolNotDrawn: '“{title}”尚未派位：派位记录在派位完成后才能打印',
  resultCorrupted: '派位 {id} 复算的结果哈希与保存的不一致：数据库已损坏，请联系管理员',
  resultNotDrawn: '“{title}”尚未派位，还没有结果',

  // ── the county bureau's own admission draw (server admission/lottery/commands/standaloneDraws.ts) ──
  standaloneHeadTeacher:
    '不能在这里新建班主任派位：班主任派位请在“均衡分班”页面公示分班结果后进行（填写班主任名单后建立派位，每个分班方案只派位一次、不能更换）',
  standalonePurposeInvalid: '派位用途只能是 admission（招生派位），收到 {value}',
  standaloneSchool:
    '学校不能在这里新建本校的派位：学校的超额摇号请把报名名单报县教育局，由教育局在“电脑派位”页面新建全县名下的招生派位；班主任派位请在“均衡分班”页面公示分班结果后进行',
  standaloneNotBureau:
    '只有县教育局可以新建电脑派位（按报名名单组织的招生派位）；班主任派位请在“均衡分班”页面公示分班结果后进行',
  uploadListExpect: ' .xlsx、.csv 或 .txt 名单文件（编号、核验码两列），或粘贴名单文本',
  uploadListWhat: '名单条目',
  uploadTicketsExpect: ' .txt、.csv 或 .xlsx 编号名单（每户一个编号）',
  uploadTicketsWhat: '编号',
} as const;
