-- CreateEnum
CREATE TYPE "driver_status" AS ENUM ('active', 'inactive');

-- CreateEnum
CREATE TYPE "driver_type" AS ENUM ('candidate', 'regular');

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
CREATE TABLE "drivers" (
    "id" UUID NOT NULL,
    "legacy_id" BIGINT,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "status" "driver_status" NOT NULL,
    "type" "driver_type" NOT NULL,
    "licence_number" TEXT NOT NULL,
    "licence_expires" TIMESTAMPTZ(3),
    "fee_terms_type" "fee_terms_type" NOT NULL,
    "fee_terms_amount" BIGINT NOT NULL,
    "fee_terms_min" BIGINT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "occupied_by" UUID,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "drivers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "freed_rides" (
    "driver_id" UUID NOT NULL,
    "transit_id" UUID NOT NULL,
    "freed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "freed_rides_pkey" PRIMARY KEY ("driver_id","transit_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mesh_outbox_id_key" ON "mesh_outbox"("id");

-- CreateIndex
CREATE INDEX "mesh_outbox_pending_idx" ON "mesh_outbox"("sent_at", "next_attempt_at", "seq");

-- CreateIndex
CREATE INDEX "mesh_outbox_subject_idx" ON "mesh_outbox"("subject", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "drivers_legacy_id_key" ON "drivers"("legacy_id");

-- CreateIndex
CREATE INDEX "drivers_status_registered_at_idx" ON "drivers"("status", "registered_at");

-- CreateIndex
CREATE INDEX "drivers_occupied_by_idx" ON "drivers"("occupied_by");

-- AddForeignKey
ALTER TABLE "freed_rides" ADD CONSTRAINT "freed_rides_driver_id_fkey" FOREIGN KEY ("driver_id") REFERENCES "drivers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
