export * from './chat.service';
export * from './conversation.service';
export * from './conversations.module';
export * from './job.service';
export * from './reply-generation.service';
export * from './copilot.service';
export * from './generation-planner';
export * from './grounding.service';
