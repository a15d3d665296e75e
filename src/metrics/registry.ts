// One line per metric, sorted by file name.
// Metrics only (src/metrics/<id>.ts): adapter lines belong in src/adapters/registry.ts.
export { default as backlog } from './backlog.js';
export { default as ces } from './ces.js';
export { default as chatDuration } from './chat_duration.js';
export { default as chats } from './chats.js';
export { default as csat } from './csat.js';
export { default as escalationRate } from './escalation_rate.js';
export { default as fcr } from './fcr.js';
export { default as firstResponseTime } from './first_response_time.js';
export { default as handleTime } from './handle_time.js';
export { default as longestCustomerWait } from './longest_customer_wait.js';
export { default as missedRate } from './missed_rate.js';
export { default as nps } from './nps.js';
export { default as queueTime } from './queue_time.js';
export { default as reopenRate } from './reopen_rate.js';
export { default as resolutionRate } from './resolution_rate.js';
export { default as resolutionTime } from './resolution_time.js';
export { default as responseTime } from './response_time.js';
export { default as serviceLevel } from './service_level.js';
export { default as transferRate } from './transfer_rate.js';
export { default as waitTime } from './wait_time.js';
export { default as wrapUpTime } from './wrap_up_time.js';
