-- Sent outbox rows are pruned after a while (the claim slows with many rows); the dedupe keys
-- that make queueing idempotent move to a compact table of their own, kept for good.
CREATE TABLE "OutboxKey" (
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxKey_pkey" PRIMARY KEY ("dedupeKey")
);

INSERT INTO "OutboxKey" ("dedupeKey", "createdAt") SELECT "dedupeKey", "createdAt" FROM "OutboxMessage";

-- CreateIndex
CREATE INDEX "OutboxMessage_status_sentAt_idx" ON "OutboxMessage"("status", "sentAt");
