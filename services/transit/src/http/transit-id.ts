import { Id } from '@cabs/contracts';
import { SchemaPipe } from '@cabs/platform';
import { ApiParam } from '@nestjs/swagger';

/** `:id` of a transit route: a UUID, or 400 saying so. */
export const TransitIdPipe = new SchemaPipe(Id('the ride'), 'params/id');

export const ApiTransitId = () => ApiParam({ name: 'id', format: 'uuid', description: 'Id of the ride' });
