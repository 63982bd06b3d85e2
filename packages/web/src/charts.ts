/**
 * @module ECharts, tree-shaken: only the chart kinds and components the pages use are registered.
 * Import VChart from here so the registration always runs first.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import VChart from 'vue-echarts';

use([
  CanvasRenderer,
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
]);

export default VChart;

/** Colours matching Element Plus tags: met, unmet, incomplete, other. */
export const STATUS_COLORS: Record<string, string> = {
  met: '#67c23a',
  unmet: '#f56c6c',
  incomplete: '#e6a23c',
  notApplicable: '#909399',
};
