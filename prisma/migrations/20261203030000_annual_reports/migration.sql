-- The annual follow-up (`/uppfoljning rapport`): submitted annual reports and their drafts.
-- CreateTable
CREATE TABLE "AnnualReport" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "content" JSONB NOT NULL,
    "statistics" JSONB NOT NULL,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualReportDraft" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualReportDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnnualReport_partnershipId_year_idx" ON "AnnualReport"("partnershipId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReport_party_year_version_key" ON "AnnualReport"("partyId", "year", "version");

-- CreateIndex
CREATE INDEX "AnnualReportDraft_partnershipId_year_idx" ON "AnnualReportDraft"("partnershipId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReportDraft_partyId_year_key" ON "AnnualReportDraft"("partyId", "year");
