export { maskIdNumber, maskName, maskPhone } from './mask.js';
