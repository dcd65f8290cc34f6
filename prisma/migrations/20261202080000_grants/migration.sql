-- Grants (`/samverkan bidrag`): the yearly PKV entered by an admin, and payments marked made.
-- CreateTable
CREATE TABLE "PriceIndex" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "hundredths" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PriceIndex_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantPayment" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "grantKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "payerKey" TEXT NOT NULL,
    "amount" INTEGER,
    "markedById" TEXT,
    "paidAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PriceIndex_partnershipId_kind_year_key" ON "PriceIndex"("partnershipId", "kind", "year");

-- CreateIndex
CREATE UNIQUE INDEX "GrantPayment_partnershipId_grantKey_year_payerKey_key" ON "GrantPayment"("partnershipId", "grantKey", "year", "payerKey");
