-- CreateTable
CREATE TABLE "StatisticsReport" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "total" INTEGER NOT NULL,
    "genderFemale" INTEGER NOT NULL,
    "genderMale" INTEGER NOT NULL,
    "genderOther" INTEGER NOT NULL,
    "age0to17" INTEGER NOT NULL,
    "age18to20" INTEGER NOT NULL,
    "age21to64" INTEGER NOT NULL,
    "age65plus" INTEGER NOT NULL,
    "roleVictim" INTEGER NOT NULL,
    "roleWitness" INTEGER NOT NULL,
    "roleVictimRelative" INTEGER NOT NULL,
    "rolePerpetratorRelative" INTEGER NOT NULL,
    "meetings" INTEGER NOT NULL,
    "crimeTypes" JSONB NOT NULL DEFAULT '{}',
    "referrals" INTEGER NOT NULL,
    "volunteerHours" INTEGER NOT NULL,
    "comment" TEXT,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatisticsReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatisticsReport_partnershipId_year_quarter_idx" ON "StatisticsReport"("partnershipId", "year", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "StatisticsReport_party_period_version_key" ON "StatisticsReport"("partyId", "municipalityId", "year", "quarter", "version");
