-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DECIDED', 'SENT_BACK', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ActionPlanStatus" AS ENUM ('REQUIRED', 'SUBMITTED', 'ACCEPTED');

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "fromGroupId" TEXT NOT NULL,
    "toGroupId" TEXT NOT NULL,
    "raisedById" TEXT NOT NULL,
    "raisedByPartyId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "background" TEXT,
    "partyIds" TEXT[],
    "positions" TEXT NOT NULL,
    "options" TEXT,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "link" TEXT,
    "originChannelId" TEXT,
    "originThreadTs" TEXT,
    "status" "EscalationStatus" NOT NULL DEFAULT 'OPEN',
    "decisionId" TEXT,
    "guidance" TEXT,
    "takenUpAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "requestKey" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InformationNotice" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "requestKey" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InformationNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionPlan" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "shortcoming" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" "ActionPlanStatus" NOT NULL DEFAULT 'REQUIRED',
    "plan" TEXT,
    "requestedById" TEXT NOT NULL,
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "requestKey" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_requestKey_key" ON "Escalation"("requestKey");

-- CreateIndex
CREATE INDEX "Escalation_partnershipId_status_idx" ON "Escalation"("partnershipId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_partnershipId_number_key" ON "Escalation"("partnershipId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "InformationNotice_requestKey_key" ON "InformationNotice"("requestKey");

-- CreateIndex
CREATE INDEX "InformationNotice_partnershipId_createdAt_idx" ON "InformationNotice"("partnershipId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActionPlan_requestKey_key" ON "ActionPlan"("requestKey");

-- CreateIndex
CREATE INDEX "ActionPlan_partnershipId_status_idx" ON "ActionPlan"("partnershipId", "status");
