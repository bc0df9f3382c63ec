import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { Static, TSchema } from '@sinclair/typebox';
import type { DataOf, EventContract } from './define-event.js';
import { describeErrors } from './validation-messages.js';
import './formats.js';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

// Compiling a schema costs far more than checking a value, so each contract is compiled once.
const compiled = new WeakMap<EventContract, TypeCheck<TSchema>>();

function checkerOf(contract: EventContract): TypeCheck<TSchema> {
  let check = compiled.get(contract);
  if (!check) {
    check = TypeCompiler.Compile(contract.schema);
    compiled.set(contract, check);
  }
  return check;
}

/**
 * Checks an event's `data` against its contract. Fields the contract does not name are let
 * through untouched (tolerant reader); errors name each field by its path from `data`.
 */
export function validateData<C extends EventContract>(contract: C, data: unknown): ValidationResult<DataOf<C>> {
  const check = checkerOf(contract);
  if (check.Check(data)) return { ok: true, value: data as DataOf<C> };
  return { ok: false, errors: [...describeErrors(check.Errors(data))] };
}

// Request bodies and queries are checked with the same messages as event data (`body/pickup/lat: ...`).
const compiledSchemas = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** Checks any value against a TypeBox schema; `root` names the value in messages (`body`, `query`, ...). */
export function validateValue<S extends TSchema>(schema: S, value: unknown, root: string): ValidationResult<Static<S>> {
  let check = compiledSchemas.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiledSchemas.set(schema, check);
  }
  if (check.Check(value)) return { ok: true, value: value as Static<S> };
  return { ok: false, errors: [...describeErrors(check.Errors(value), root)] };
}
