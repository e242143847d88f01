import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

/** Injection token of the app's validated, frozen settings object. */
export const SETTINGS = Symbol('SETTINGS');

/**
 * Makes the settings loaded at boot injectable (`@Inject(SETTINGS)`), and mirrors
 * them into @nestjs/config's ConfigService for libraries that read it. The env file
 * is never read here: loadSettings already applied it with the documented precedence.
 */
@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: object): DynamicModule {
    return {
      module: SettingsModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ ...settings })] })],
      providers: [{ provide: SETTINGS, useValue: settings }],
      exports: [SETTINGS, ConfigModule],
    };
  }
}
