-- The annual follow-up (`/uppfoljning`): the associations' outreach log.
-- CreateTable
CREATE TABLE "OutreachEntry" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "partyId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "participants" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "requestKey" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    "removedById" TEXT,

    CONSTRAINT "OutreachEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutreachEntry_requestKey_key" ON "OutreachEntry"("requestKey");

-- CreateIndex
CREATE INDEX "OutreachEntry_partnershipId_date_idx" ON "OutreachEntry"("partnershipId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "OutreachEntry_partnershipId_number_key" ON "OutreachEntry"("partnershipId", "number");
