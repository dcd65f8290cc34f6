-- The chat user whose action queued a notice: told when it cannot be delivered.
ALTER TABLE "OutboxMessage" ADD COLUMN "causedBy" TEXT;
-- When its attempts began to fail: transient failures are retried for a day from then.
ALTER TABLE "OutboxMessage" ADD COLUMN "failingSince" TIMESTAMP(3);
