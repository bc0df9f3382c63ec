import { HttpStatus } from '@nestjs/common';
import { domainErrorFilter } from '@cabs/platform';
import { DomainError, type DomainErrorKind } from '../domain/domain-error.js';

const STATUS: Readonly<Record<DomainErrorKind, HttpStatus>> = {
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
};

/** REST answers to the domain's "no": 409 for the ride's state, 400 for the request, 404 for an unknown ride. */
export const TransitErrorFilter = domainErrorFilter(DomainError, (error) => STATUS[error.kind]);
