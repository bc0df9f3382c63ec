import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { validateValue } from '@cabs/contracts';

/**
 * Validates a request body, query or path parameter against a TypeBox schema — the same kind of schema the event
 * contracts use — and answers 400 with one message per problem, naming the field (`body/pickup/lat: ...`).
 * With `convert`, strings from the query or path are first converted to the schema's types (`?limit=5` → 5);
 * schema defaults fill in what is missing.
 */
@Injectable()
export class SchemaPipe<S extends TSchema> implements PipeTransform<unknown, Static<S>> {
  constructor(
    private readonly schema: S,
    private readonly root: 'body' | 'query' | 'params' | string = 'body',
    private readonly options: { convert?: boolean } = {},
  ) {}

  transform(value: unknown): Static<S> {
    const given = value ?? (this.root === 'body' ? undefined : {});
    const converted = this.options.convert ? Value.Convert(this.schema, given) : given;
    // Defaults declared in the schema (e.g. `limit`) fill in what the client left out, before the check.
    const input = converted !== undefined ? Value.Default(this.schema, Value.Clone(converted)) : converted;
    const checked = validateValue(this.schema, input, this.root);
    if (!checked.ok) throw new BadRequestException(checked.errors);
    return checked.value;
  }
}
