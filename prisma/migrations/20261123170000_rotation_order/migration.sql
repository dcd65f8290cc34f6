-- CreateTable
CREATE TABLE "RotationOrder" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "partyIds" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotationOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RotationOrder_groupId_idx" ON "RotationOrder"("groupId");
