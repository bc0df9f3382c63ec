import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HandlerRegistry } from './handlers/handler-registry.js';
import { MESH_OPTIONS, type MeshOptions } from './mesh-options.js';
import { Outbox } from './publish/outbox.js';
import { OutboxRelay } from './publish/outbox-relay.js';
import { UnitOfWork } from './write/unit-of-work.js';
import { EventDispatcher } from './receive/event-dispatcher.js';
import { MeshRoute } from './receive/mesh-route.js';

/**
 * The service chassis' event side: receive CloudEvents on `POST /` and route them to `@HandleEvent` methods
 * exactly once (inbox), emit events transactionally (outbox) and publish them to K_SINK (relay).
 * Needs PlatformModule (database, environment) in the same application.
 */
@Module({})
export class MeshModule {
  static forRoot(options: MeshOptions): DynamicModule {
    return {
      module: MeshModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESH_OPTIONS, useValue: options },
        HandlerRegistry,
        EventDispatcher,
        MeshRoute,
        Outbox,
        OutboxRelay,
        UnitOfWork,
      ],
      exports: [Outbox, OutboxRelay, UnitOfWork],
    };
  }
}
