import { Prisma } from './generated/client.js';

/** A unique index refused the write: the database's answer also holds between concurrent transactions. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
