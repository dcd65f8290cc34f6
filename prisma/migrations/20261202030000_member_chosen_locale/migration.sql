-- A member's own language choice (/samverkan språk). Kept apart from "locale", which the
-- partnership file sets and every re-sync rewrites, so a choice survives a re-sync.
ALTER TABLE "Member" ADD COLUMN "chosenLocale" TEXT;
