import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
@Injectable()
export class Foo { hello() { return 'hi'; } }
@Injectable()
export class Bar { constructor(readonly foo: Foo) {} }
export const meta = Reflect.getMetadata('design:paramtypes', Bar);
