export * from './builtin-tools';
export * from './tool-arguments';
export * from './tool-definition';
export * from './tool.service';
export * from './tools.module';
export * from './tool-executor';
export * from './openapi-import';
export * from './openapi-importer.service';
