-- The outbox claim's "no older open notice for this card" check compared a JSON expression
-- row by row (20 s over a large table); it now uses an indexed column written at enqueue.
ALTER TABLE "OutboxMessage" ADD COLUMN "orderKey" TEXT;
UPDATE "OutboxMessage" SET "orderKey" = COALESCE("notice"->>'ref', "notice"->'to'->>'threadRef');

-- CreateIndex
CREATE INDEX "OutboxMessage_orderKey_id_idx" ON "OutboxMessage"("orderKey", "id");
