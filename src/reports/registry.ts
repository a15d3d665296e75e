// One line per reporter, sorted by file name.
export { default as csv } from './csv.js';
export { default as html } from './html.js';
export { default as json } from './json.js';
export { default as junit } from './junit.js';
export { default as markdown } from './markdown.js';
export { default as table } from './table.js';
