/** A unique index refused the write (SQLSTATE 23505): the database's answer also holds between concurrent transactions. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
