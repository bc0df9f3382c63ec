-- CreateEnum
CREATE TYPE "delivery_state" AS ENUM ('pending', 'retrying', 'delivered', 'dead');

-- CreateEnum
CREATE TYPE "dead_letter_state" AS ENUM ('sending', 'sink', 'local');

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "broker" TEXT NOT NULL,
    "ce_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT,
    "dataschema" TEXT,
    "attributes" JSONB NOT NULL,
    "data" BYTEA,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "state" "delivery_state" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "lease" UUID,
    "last_status" INTEGER,
    "last_error" TEXT,
    "last_response" BYTEA,
    "error_dest" TEXT,
    "dead_letter" "dead_letter_state",
    "dead_letter_attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "events_received_at_idx" ON "events"("received_at");

-- CreateIndex
CREATE INDEX "events_type_dataschema_idx" ON "events"("type", "dataschema");

-- CreateIndex
CREATE INDEX "deliveries_trigger_next_attempt_at_idx" ON "deliveries"("trigger", "next_attempt_at");

-- CreateIndex
CREATE INDEX "deliveries_event_id_idx" ON "deliveries"("event_id");

-- CreateIndex
CREATE INDEX "deliveries_state_trigger_idx" ON "deliveries"("state", "trigger");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
