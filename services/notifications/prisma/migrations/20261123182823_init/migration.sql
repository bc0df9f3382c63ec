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
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "transit_id" UUID NOT NULL,
    "fact_type" TEXT NOT NULL,
    "fact_source" TEXT NOT NULL,
    "fact_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mesh_outbox_id_key" ON "mesh_outbox"("id");

-- CreateIndex
CREATE INDEX "mesh_outbox_pending_idx" ON "mesh_outbox"("sent_at", "next_attempt_at", "seq");

-- CreateIndex
CREATE INDEX "mesh_outbox_subject_idx" ON "mesh_outbox"("subject", "seq");

-- CreateIndex
CREATE INDEX "notifications_recipient_created_at_idx" ON "notifications"("recipient", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_one_per_fact_key" ON "notifications"("fact_source", "fact_id", "recipient", "kind");
