export * from './scratch-database';
export * from './processes';
