-- CreateEnum
CREATE TYPE "DecisionStatus" AS ENUM ('PROPOSED', 'ADOPTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DecisionVoteKind" AS ENUM ('CONSENT', 'OBJECTION');

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "status" "DecisionStatus" NOT NULL,
    "year" INTEGER,
    "number" INTEGER,
    "reference" TEXT,
    "proposalNumber" INTEGER,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "background" TEXT,
    "decidedOn" DATE,
    "responsiblePartyId" TEXT,
    "responsibleMemberId" TEXT,
    "followUpOn" DATE,
    "followUpSentAt" TIMESTAMP(3),
    "link" TEXT,
    "supersedesId" TEXT,
    "supersededById" TEXT,
    "originType" TEXT,
    "originId" TEXT,
    "requestKey" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "adoptedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionVote" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" "DecisionVoteKind" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "DecisionVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionCounter" (
    "groupId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    CONSTRAINT "DecisionCounter_pkey" PRIMARY KEY ("groupId","year")
);

-- CreateIndex
CREATE UNIQUE INDEX "Decision_requestKey_key" ON "Decision"("requestKey");

-- CreateIndex
CREATE INDEX "Decision_partnershipId_status_idx" ON "Decision"("partnershipId", "status");

-- CreateIndex
CREATE INDEX "Decision_originType_originId_idx" ON "Decision"("originType", "originId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_groupId_year_number_key" ON "Decision"("groupId", "year", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_groupId_proposalNumber_key" ON "Decision"("groupId", "proposalNumber");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionVote_decisionId_partyId_key" ON "DecisionVote"("decisionId", "partyId");

-- AddForeignKey
ALTER TABLE "DecisionVote" ADD CONSTRAINT "DecisionVote_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
