// One line per metric, sorted by file name.
export { default as chatDuration } from './chat_duration.js';
export { default as chats } from './chats.js';
export { default as csat } from './csat.js';
export { default as firstResponseTime } from './first_response_time.js';
export { default as missedRate } from './missed_rate.js';
export { default as resolutionTime } from './resolution_time.js';
export { default as responseTime } from './response_time.js';
export { default as serviceLevel } from './service_level.js';
