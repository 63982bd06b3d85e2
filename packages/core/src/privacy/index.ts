export { ID_MASK_KEPT, maskIdNumber, maskName, maskPhone } from './mask.js';
