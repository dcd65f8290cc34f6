-- `/beslut lista` and the App Home read the newest decisions of a partnership or a group, and
-- `/beslut export` a year over every group: through these indexes, never a scan of the whole log.
-- CreateIndex
CREATE INDEX "Decision_partnershipId_createdAt_idx" ON "Decision"("partnershipId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_groupId_createdAt_idx" ON "Decision"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_groupId_status_adoptedAt_idx" ON "Decision"("groupId", "status", "adoptedAt");

-- CreateIndex
CREATE INDEX "Decision_partnershipId_year_idx" ON "Decision"("partnershipId", "year");
