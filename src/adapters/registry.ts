// One line per adapter, sorted by file name.
export { default as chatkpiEvents } from './chatkpi-events.js';
export { default as chatwoot } from './chatwoot.js';
export { default as crisp } from './crisp.js';
export { default as genericMessages } from './generic-messages.js';
export { default as helpscout } from './helpscout.js';
export { default as intercom } from './intercom.js';
export { default as livechatApi } from './livechat-api.js';
export { default as livechatCsv } from './livechat-csv.js';
export { default as mapping } from './mapping.js';
export { default as rocketchat } from './rocketchat.js';
export { default as tawkTo } from './tawk-to.js';
export { default as twcs } from './twcs.js';
export { default as zammad } from './zammad.js';
export { default as zendeskChat } from './zendesk-chat.js';
export { default as zendeskSupportCsv } from './zendesk-support-csv.js';
export { default as zendeskSupportJson } from './zendesk-support-json.js';
