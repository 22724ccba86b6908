export { normalizePhone, isExtension, formatForDial, isRegion, MAX_PHONE_INPUT, MAX_EXTENSION_DIGITS, type PhoneResult, type DialFormat } from './normalize';
