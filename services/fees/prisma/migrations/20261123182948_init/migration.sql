-- CreateEnum
CREATE TYPE "fee_terms_type" AS ENUM ('percentage', 'flat');

-- CreateTable
CREATE TABLE "mesh_inbox" (
    "source" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "reply" JSONB,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mesh_inbox_pkey" PRIMARY KEY ("source","id")
);

-- CreateTable
CREATE TABLE "mesh_outbox" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "subject" TEXT,
    "dataschema" TEXT,
    "data" JSONB NOT NULL,
    "extensions" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,

    CONSTRAINT "mesh_outbox_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "driver_fee_terms" (
    "driver_id" UUID NOT NULL,
    "legacy_id" BIGINT,
    "name" TEXT NOT NULL,
    "type" "fee_terms_type" NOT NULL,
    "amount" BIGINT NOT NULL,
    "min" BIGINT,
    "stated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "driver_fee_terms_pkey" PRIMARY KEY ("driver_id")
);

-- CreateTable
CREATE TABLE "fees" (
    "transit_id" UUID NOT NULL,
    "driver_id" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "transit_price" BIGINT NOT NULL,
    "amount" BIGINT NOT NULL,
    "terms_type" "fee_terms_type" NOT NULL,
    "terms_amount" BIGINT NOT NULL,
    "terms_min" BIGINT,
    "completed_at" TIMESTAMPTZ(3) NOT NULL,
    "month" TEXT NOT NULL,
    "calculated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fees_pkey" PRIMARY KEY ("transit_id")
);

-- CreateTable
CREATE TABLE "monthly_earnings" (
    "driver_id" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "total" BIGINT NOT NULL,
    "rides" INTEGER NOT NULL,

    CONSTRAINT "monthly_earnings_pkey" PRIMARY KEY ("driver_id","month")
);

-- CreateIndex
CREATE UNIQUE INDEX "mesh_outbox_id_key" ON "mesh_outbox"("id");

-- CreateIndex
CREATE INDEX "mesh_outbox_pending_idx" ON "mesh_outbox"("sent_at", "next_attempt_at", "seq");

-- CreateIndex
CREATE INDEX "mesh_outbox_subject_idx" ON "mesh_outbox"("subject", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "driver_fee_terms_legacy_id_key" ON "driver_fee_terms"("legacy_id");

-- CreateIndex
CREATE INDEX "fees_driver_id_month_idx" ON "fees"("driver_id", "month");
