-- The agreement's term: a party's notice (uppsägning) and when it takes effect.
-- CreateTable
CREATE TABLE "AgreementNotice" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "givenOn" DATE NOT NULL,
    "deadline" DATE NOT NULL,
    "late" BOOLEAN NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "givenById" TEXT NOT NULL,
    "requestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" TEXT,

    CONSTRAINT "AgreementNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AgreementNotice_requestKey_key" ON "AgreementNotice"("requestKey");

-- CreateIndex
CREATE INDEX "AgreementNotice_partnershipId_partyId_idx" ON "AgreementNotice"("partnershipId", "partyId");
