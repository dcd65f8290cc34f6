-- AlterTable
ALTER TABLE "RotationMinutes" ALTER COLUMN "link" DROP NOT NULL;
