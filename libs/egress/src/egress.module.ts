import { type DynamicModule, Global, Module } from '@nestjs/common';
import { createEgressFetch, type FetchFunction } from './egress-fetch';
import { egressRules } from './egress-rules';

export const EGRESS_RULES = Symbol('EGRESS_RULES');
export const EGRESS_FETCH = Symbol('EGRESS_FETCH');

export interface EgressSettings {
  /** EGRESS_ALLOWED_HOSTS: non-public addresses, ranges and host names tenants' calls may reach anyway. */
  allowedHosts: readonly string[];
}

/** The one egress policy of every call a tenant can aim (providers, embedders, webhooks, URL ingest). */
@Global()
@Module({})
export class EgressModule {
  static forRoot(settings: EgressSettings): DynamicModule {
    const rules = egressRules(settings.allowedHosts);
    return {
      module: EgressModule,
      providers: [
        { provide: EGRESS_RULES, useValue: rules },
        { provide: EGRESS_FETCH, useFactory: (): FetchFunction => createEgressFetch(rules) },
      ],
      exports: [EGRESS_RULES, EGRESS_FETCH],
    };
  }
}
