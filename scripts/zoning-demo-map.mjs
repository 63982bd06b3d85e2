// Writes the demo county's zoning map, packages/io/demo/130660-map.geojson, from its deterministic
// generator (packages/io/src/admission/zoning/demoMap.ts). Run after `npx tsc -b packages/io`:
//   node scripts/zoning-demo-map.mjs
// A test (packages/io/src/admission/zoning/geojson.test.ts) fails when the file and the generator differ.
import { writeFileSync } from 'node:fs';
import { DEMO_ZONING_MAP_FILE, demoZoningMapText } from '@junheng/io';

const text = demoZoningMapText();
writeFileSync(DEMO_ZONING_MAP_FILE, text);
console.log(`已写入 ${DEMO_ZONING_MAP_FILE}（${(Buffer.byteLength(text) / 1024).toFixed(0)} KB）`);
