export { normalizePhone, isExtension, formatForDial, isRegion, MAX_PHONE_INPUT, type PhoneResult, type DialFormat } from './normalize';
