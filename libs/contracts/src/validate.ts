import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
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
