/**
 * @module The Element Plus components the pages use, registered one by one (plus the v-loading
 * directive). They are imported from their own folders, not from the package's index: with the
 * index, rollup's manualChunks pulls the whole library (~1 MB) into the element-plus chunk.
 * A template using an unregistered <el-…> renders nothing: add the component here.
 */
import { ElAlert } from 'element-plus/es/components/alert/index.mjs';
import { ElButton } from 'element-plus/es/components/button/index.mjs';
import { ElCard } from 'element-plus/es/components/card/index.mjs';
import { ElCheckbox } from 'element-plus/es/components/checkbox/index.mjs';
import { ElCol } from 'element-plus/es/components/col/index.mjs';
import { ElCollapse, ElCollapseItem } from 'element-plus/es/components/collapse/index.mjs';
import { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs';
import { ElAside, ElContainer, ElHeader, ElMain } from 'element-plus/es/components/container/index.mjs';
import { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs';
import { ElDialog } from 'element-plus/es/components/dialog/index.mjs';
import { ElDivider } from 'element-plus/es/components/divider/index.mjs';
import { ElDrawer } from 'element-plus/es/components/drawer/index.mjs';
import { ElDropdown, ElDropdownItem, ElDropdownMenu } from 'element-plus/es/components/dropdown/index.mjs';
import { ElEmpty } from 'element-plus/es/components/empty/index.mjs';
import { ElForm, ElFormItem } from 'element-plus/es/components/form/index.mjs';
import { ElIcon } from 'element-plus/es/components/icon/index.mjs';
import { ElInput } from 'element-plus/es/components/input/index.mjs';
import { ElInputNumber } from 'element-plus/es/components/input-number/index.mjs';
import { ElLoading } from 'element-plus/es/components/loading/index.mjs';
import { ElMenu, ElMenuItem, ElSubMenu } from 'element-plus/es/components/menu/index.mjs';
import { ElPageHeader } from 'element-plus/es/components/page-header/index.mjs';
import { ElPagination } from 'element-plus/es/components/pagination/index.mjs';
import { ElPopconfirm } from 'element-plus/es/components/popconfirm/index.mjs';
import { ElProgress } from 'element-plus/es/components/progress/index.mjs';
import { ElRadio, ElRadioButton, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
import { ElResult } from 'element-plus/es/components/result/index.mjs';
import { ElRow } from 'element-plus/es/components/row/index.mjs';
import { ElOption, ElSelect } from 'element-plus/es/components/select/index.mjs';
import { ElSlider } from 'element-plus/es/components/slider/index.mjs';
import { ElStatistic } from 'element-plus/es/components/statistic/index.mjs';
import { ElStep, ElSteps } from 'element-plus/es/components/steps/index.mjs';
import { ElSwitch } from 'element-plus/es/components/switch/index.mjs';
import { ElTable, ElTableColumn } from 'element-plus/es/components/table/index.mjs';
import { ElTabPane, ElTabs } from 'element-plus/es/components/tabs/index.mjs';
import { ElTag } from 'element-plus/es/components/tag/index.mjs';
import { ElTimeline, ElTimelineItem } from 'element-plus/es/components/timeline/index.mjs';
import { ElTooltip } from 'element-plus/es/components/tooltip/index.mjs';
import { ElUpload } from 'element-plus/es/components/upload/index.mjs';
import type { App, Plugin } from 'vue';

const PLUGINS: Plugin[] = [
  ElAlert,
  ElAside,
  ElButton,
  ElCard,
  ElCheckbox,
  ElCollapse,
  ElCollapseItem,
  ElConfigProvider,
  ElContainer,
  ElDescriptions,
  ElDescriptionsItem,
  ElDialog,
  ElDivider,
  ElDrawer,
  ElDropdown,
  ElDropdownItem,
  ElDropdownMenu,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElHeader,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElLoading,
  ElMain,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElPageHeader,
  ElPagination,
  ElProgress,
  ElRadio,
  ElRadioButton,
  ElRadioGroup,
  ElResult,
  ElSelect,
  ElTable,
  ElTableColumn,
  ElTabPane,
  ElTabs,
  ElTag,
  ElTimeline,
  ElTimelineItem,
  ElCol,
  ElPopconfirm,
  ElRow,
  ElSlider,
  ElStatistic,
  ElStep,
  ElSteps,
  ElSubMenu,
  ElSwitch,
  ElTooltip,
  ElUpload,
];

export const elementPlus: Plugin = {
  install(app: App) {
    for (const p of PLUGINS) app.use(p);
  },
};
