export { normalizePhone, isExtension, formatForDial, isRegion, MAX_PHONE_INPUT, MAX_EXTENSION_DIGITS, type PhoneResult, type PhoneRefusal, type DialFormat } from './normalize';
export { compileDialRules, internalDial, resolveDial, INTERNAL_MAX, type DialRules, type CompiledDialRules, type DialTarget, type DialRefusal } from './dialRules';
export { displayNumber } from './display';
export { CallPeople } from './people';
