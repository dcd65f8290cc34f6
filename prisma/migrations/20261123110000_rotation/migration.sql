-- CreateTable
CREATE TABLE "RotationSchedule" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "meetings" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotationSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationExtraMeeting" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotationExtraMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationChange" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "slotAt" TIMESTAMP(3) NOT NULL,
    "partyId" TEXT NOT NULL,
    "otherPartyId" TEXT,
    "otherSlotAt" TIMESTAMP(3),
    "createdById" TEXT,
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "RotationChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RotationMinutes" (
    "groupId" TEXT NOT NULL,
    "meetingAt" TIMESTAMP(3) NOT NULL,
    "link" TEXT NOT NULL,
    "registeredById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RotationMinutes_pkey" PRIMARY KEY ("groupId","meetingAt")
);

-- CreateTable
CREATE TABLE "RotationReminder" (
    "groupId" TEXT NOT NULL,
    "slotAt" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "handledAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RotationReminder_pkey" PRIMARY KEY ("groupId","slotAt","kind")
);

-- CreateIndex
CREATE INDEX "RotationSchedule_groupId_idx" ON "RotationSchedule"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "RotationExtraMeeting_groupId_startsAt_key" ON "RotationExtraMeeting"("groupId", "startsAt");

-- CreateIndex
CREATE INDEX "RotationChange_groupId_idx" ON "RotationChange"("groupId");
