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
CREATE TABLE "addresses" (
    "id" UUID NOT NULL,
    "country" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "building_number" TEXT NOT NULL,
    "postal_code" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,

    CONSTRAINT "addresses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transits" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "client_id" UUID NOT NULL,
    "client_name" TEXT NOT NULL,
    "driver_id" UUID,
    "pickup_id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "distance_km" DECIMAL(9,3) NOT NULL,
    "distance_source" TEXT NOT NULL,
    "tariff" TEXT NOT NULL,
    "estimated_price_amount" BIGINT NOT NULL,
    "estimated_price_currency" CHAR(3) NOT NULL,
    "price_amount" BIGINT,
    "price_currency" CHAR(3),
    "fee_amount" BIGINT,
    "fee_currency" CHAR(3),
    "invoice_id" UUID,
    "invoice_number" TEXT,
    "driver_freed" BOOLEAN NOT NULL DEFAULT false,
    "reconcile_rounds" INTEGER NOT NULL DEFAULT 0,
    "last_reconciled_at" TIMESTAMPTZ(3),
    "next_reconcile_at" TIMESTAMPTZ(3),

    CONSTRAINT "transits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mesh_outbox_id_key" ON "mesh_outbox"("id");

-- CreateIndex
CREATE INDEX "mesh_outbox_pending_idx" ON "mesh_outbox"("sent_at", "next_attempt_at", "seq");

-- CreateIndex
CREATE INDEX "mesh_outbox_subject_idx" ON "mesh_outbox"("subject", "seq");

-- CreateIndex
CREATE INDEX "transits_requested_at_idx" ON "transits"("requested_at" DESC);

-- CreateIndex
CREATE INDEX "transits_status_idx" ON "transits"("status", "requested_at" DESC);

-- CreateIndex
CREATE INDEX "transits_driver_idx" ON "transits"("driver_id", "requested_at" DESC);

-- CreateIndex
CREATE INDEX "transits_client_idx" ON "transits"("client_id", "requested_at" DESC);

-- CreateIndex
CREATE INDEX "transits_next_reconcile_idx" ON "transits"("next_reconcile_at");

-- AddForeignKey
ALTER TABLE "transits" ADD CONSTRAINT "transits_pickup_id_fkey" FOREIGN KEY ("pickup_id") REFERENCES "addresses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transits" ADD CONSTRAINT "transits_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "addresses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: Prisma cannot declare CHECK constraints. The database refuses a status, tariff or
-- distance source the domain does not know, and money below zero, whatever code writes the row.
ALTER TABLE "transits"
    ADD CONSTRAINT "transits_status_check"
        CHECK ("status" IN ('requested', 'driver-assigned', 'in-transit', 'completed', 'cancelled')),
    ADD CONSTRAINT "transits_tariff_check"
        CHECK ("tariff" IN ('standard', 'weekend', 'weekend-plus', 'new-years-eve')),
    ADD CONSTRAINT "transits_distance_source_check"
        CHECK ("distance_source" IN ('haversine', 'fallback')),
    ADD CONSTRAINT "transits_money_check"
        CHECK ("estimated_price_amount" >= 0 AND "price_amount" >= 0 AND "fee_amount" >= 0),
    -- A driver is what makes a ride move past "requested", and completion is what fixes the price.
    ADD CONSTRAINT "transits_driver_check"
        CHECK ("status" IN ('requested', 'cancelled') OR "driver_id" IS NOT NULL),
    ADD CONSTRAINT "transits_price_check"
        CHECK ("status" <> 'completed' OR ("price_amount" IS NOT NULL AND "completed_at" IS NOT NULL));
