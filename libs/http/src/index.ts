export * from './problem';
export * from './problem-details.filter';
export * from './zod-validation.pipe';
export * from './json-body-parser';
export * from './unsafe-text';
export * from './domain-problems';
