-- One-time keys: work done once per key, e.g. the files of one delivery of a command (a retried or
-- repeated delivery of it uploads nothing again).
CREATE TABLE "OnceKey" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnceKey_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "OnceKey_createdAt_idx" ON "OnceKey"("createdAt");
