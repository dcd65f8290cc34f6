-- A one-time key is claimed, then done: a claim a crash left behind (never done) can be taken over.
ALTER TABLE "OnceKey" ADD COLUMN "doneAt" TIMESTAMP(3);
UPDATE "OnceKey" SET "doneAt" = "createdAt";

-- Acknowledged actions whose work has not ended: after a crash, their actors are told.
CREATE TABLE "AckJournal" (
    "id" TEXT NOT NULL,
    "process" TEXT NOT NULL,
    "chatUser" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "savedAt" TIMESTAMP(3),

    CONSTRAINT "AckJournal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AckJournal_startedAt_idx" ON "AckJournal"("startedAt");
