import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EventContract } from '@cabs/contracts';
import { HANDLE_EVENT, type HandleEventMetadata } from './handle-event.decorator.js';
import type { MeshContext, MeshReply } from './mesh-context.js';

export type EventHandlerFn = (data: unknown, ctx: MeshContext) => Promise<MeshReply | void> | MeshReply | void;

export interface RegisteredHandler {
  contract: EventContract;
  handle: EventHandlerFn;
  /** Applied without an inbox entry or a transaction of its own (HandleEventOptions.idempotent). */
  idempotent: boolean;
  /** `ClassName.method`, for logs. */
  name: string;
}

/** Finds every `@HandleEvent` method among the application's providers at start-up. */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly byType = new Map<string, RegisteredHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const metadata = Reflect.getMetadata(HANDLE_EVENT, prototype[method]) as HandleEventMetadata | undefined;
        if (metadata)
          this.add({
            contract: metadata.contract,
            handle: (prototype[method] as EventHandlerFn).bind(instance),
            name: `${prototype.constructor.name}.${method}`,
            idempotent: metadata.idempotent ?? false,
          });
      }
    }
  }

  private add(handler: RegisteredHandler): void {
    const { contract, name } = handler;
    const list = this.byType.get(contract.type) ?? [];
    const twin = list.find((h) => h.contract.version === contract.version);
    if (twin) throw new Error(`${contract.type} v${contract.version} has two handlers: ${twin.name} and ${name}`);
    this.byType.set(contract.type, [...list, handler]);
  }

  /** Handlers of a type, one per version. */
  forType(type: string): RegisteredHandler[] {
    return this.byType.get(type) ?? [];
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}
