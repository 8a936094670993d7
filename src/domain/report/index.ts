/** The progress-report conversation and its rules: pure, no store, no clock. */
export * from './answers.js';
export * from './approval.js';
export * from './conversation.js';
export * from './periods.js';
export * from './quick-form.js';
export * from './reference.js';
export * from './timeliness.js';
