import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { validateValue } from '@cabs/contracts';

/**
 * Validates a request body, query or path parameter against a TypeBox schema — the same kind of schema the event
 * contracts use — and answers 400 with one message per problem, naming the field (`body/pickup/lat: ...`).
 * With `convert`, strings from the query or path are first converted to the schema's types (`?limit=5` → 5).
 */
@Injectable()
export class SchemaPipe<S extends TSchema> implements PipeTransform<unknown, Static<S>> {
  constructor(
    private readonly schema: S,
    private readonly root: 'body' | 'query' | 'params' | string = 'body',
    private readonly options: { convert?: boolean } = {},
  ) {}

  transform(value: unknown): Static<S> {
    const input = this.options.convert ? Value.Convert(this.schema, value) : value;
    const checked = validateValue(this.schema, input ?? (this.root === 'body' ? undefined : {}), this.root);
    if (!checked.ok) throw new BadRequestException(checked.errors);
    return checked.value;
  }
}
