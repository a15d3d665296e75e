// One line per metric, sorted by file name.
export { default as chats } from './chats.js';
export { default as firstResponseTime } from './first_response_time.js';
export { default as missedRate } from './missed_rate.js';
export { default as serviceLevel } from './service_level.js';
