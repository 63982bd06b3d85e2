/** 公示页（无需登录）：派位核验、划片查询。键 = web.public.<名称>；占位符 {名称}。 */
export const publicPages = {
  mineMissing: '请填写派位通知书上的编号和核验码',
  zoningNoCounty: '请在网址中指明县（市、区），例如 /public/zoning?county=130660（县级行政区划代码）',
} as const;
