/**
 * @module The chart component of every page: ECharts and vue-echarts (echartsSetup.ts) load when a
 * page first shows a chart, not with the page itself, so the page paints without waiting for them.
 */
import { defineAsyncComponent } from 'vue';

const VChart = defineAsyncComponent(() => import('./echartsSetup'));

export default VChart;

/** Colours matching Element Plus tags: met, unmet, incomplete, other. */
export const STATUS_COLORS: Record<string, string> = {
  met: '#67c23a',
  unmet: '#f56c6c',
  incomplete: '#e6a23c',
  notApplicable: '#909399',
};
