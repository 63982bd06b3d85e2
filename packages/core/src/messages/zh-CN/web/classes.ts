/** 均衡分班：建立方案、导入新生、分班、公示、班主任派位。键 = web.classes.<名称>；占位符 {名称}。 */
export const classes = {
  schoolMissing: '请先选择学校',
  stageMissing: '该校有小学和初中两个学段：请选择学段',
  demoCreated: '已建立分班方案：{count} 名新生（演示名单，姓名为虚构）',
  wrongFileType: '只能导入 .xlsx 或 .csv 文件：请用“下载模板”得到的表格填写',
  imported: '已导入 {count} 名新生（姓名已加密保存，列表只显示脱敏姓名）',
  detailAggregate:
    '您可查看各班汇总数字；学生个人情况（随班就读、留守、同班/分开要求的成员）只有本校和本县教育局可见。',
  detailLists: '该分班方案已公示：您可查看各班名单（脱敏姓名）。均衡报告和学生个人情况只有本校和教育局可见。',
  placed: '分班完成',
  published: '已公示：各班名单只显示脱敏姓名；现在可以进行班主任派位',
  headTeacherDrawCreated: '已建立班主任派位（编号 {id}）：请在派位页面当众输入随机种子并派位',
} as const;
