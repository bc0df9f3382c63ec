import { Type, type TSchema } from '@sinclair/typebox';

/** A value or `null`: the admin API answers `null` where there is nothing yet (no status, no next attempt). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
