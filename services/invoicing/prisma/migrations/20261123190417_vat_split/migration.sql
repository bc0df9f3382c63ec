-- Invoices get their VAT split: gross (the existing "amount") = net + tax, at a rate in basis points.
ALTER TABLE "invoices" ADD COLUMN "net" BIGINT,
ADD COLUMN "tax" BIGINT,
ADD COLUMN "tax_rate_bp" INTEGER;

-- Every invoice so far was for a ride, taxed at 8 %. The tax is computed from the gross and rounded half up, as the
-- service does (src/domain/tax-split.ts): numeric keeps it exact, and ROUND rounds a half away from zero.
-- (No semicolons in comments: the schema engine splits the script on them.)
UPDATE "invoices"
SET "tax_rate_bp" = 800,
    "tax" = ROUND("amount"::numeric * 800 / 10800)::bigint,
    "net" = "amount" - ROUND("amount"::numeric * 800 / 10800)::bigint;

ALTER TABLE "invoices" ALTER COLUMN "net" SET NOT NULL,
ALTER COLUMN "tax" SET NOT NULL,
ALTER COLUMN "tax_rate_bp" SET NOT NULL;
