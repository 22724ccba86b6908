export { AgiServer, AGI_DEFAULTS, type AgiServerOptions } from './server';
export { customerNameAscii, CUSTOMER_NAME_MAX } from './customerName';
export { agiValue, setVariableLine, checkedDecision, decisionVariables, BANDEAU_VARIABLES, type BandeauVariable } from './commands';
export { buildAgiRequest, parseHeaderLine, HEADER_LIMITS, AgiHeaderError } from './request';
export { AgiMetrics, type AgiOutcome } from './metrics';
