-- The agreement's commitments (bilagor): each party's appendix and its versions.
-- CreateTable
CREATE TABLE "AppendixVersion" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "appendixKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "link" TEXT NOT NULL,
    "changes" TEXT,
    "source" TEXT NOT NULL,
    "decisionId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "adoptedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "AppendixVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppendixVersion_decisionId_key" ON "AppendixVersion"("decisionId");

-- CreateIndex
CREATE INDEX "AppendixVersion_partnershipId_appendixKey_idx" ON "AppendixVersion"("partnershipId", "appendixKey");
