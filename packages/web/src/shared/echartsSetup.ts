/**
 * @module ECharts, tree-shaken: only the chart kinds and components the pages use are registered.
 * Loaded on demand through charts.ts (its VChart is an async component): ECharts is the largest
 * library of the web app, so pages without a chart — and the login page — never download it.
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
