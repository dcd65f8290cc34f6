-- A posted message becomes an opaque platform message reference (platform + its own ids) instead
-- of Slack's channel + ts, so a Teams activity can be stored the same way. Renamed, not re-created:
-- every card already posted keeps its reference, and every pending notice its recipient.

-- AlterTable
ALTER TABLE "ChatMessage" RENAME COLUMN "channelId" TO "conversationId";
ALTER TABLE "ChatMessage" RENAME COLUMN "ts" TO "messageId";
ALTER TABLE "ChatMessage" ADD COLUMN "platform" TEXT NOT NULL DEFAULT 'slack';

-- AlterTable
ALTER TABLE "Escalation" RENAME COLUMN "originChannelId" TO "originConversationId";
ALTER TABLE "Escalation" RENAME COLUMN "originThreadTs" TO "originMessageId";
ALTER TABLE "Escalation" ADD COLUMN "originPlatform" TEXT;
UPDATE "Escalation" SET "originPlatform" = 'slack' WHERE "originConversationId" IS NOT NULL AND "originMessageId" IS NOT NULL;

-- Notices addressed to a chat channel by Slack id ({ channel, threadTs }) get the new
-- recipient ({ conversation, thread }), sent ones too (the undeliverable report reads them back).
UPDATE "OutboxMessage"
SET "notice" = jsonb_set(
  "notice",
  '{to}',
  jsonb_strip_nulls(jsonb_build_object(
    'conversation', jsonb_build_object('platform', 'slack', 'id', "notice"->'to'->>'channel'),
    'thread', CASE WHEN "notice"->'to' ? 'threadTs' THEN jsonb_build_object(
      'platform', 'slack', 'conversation', "notice"->'to'->>'channel', 'message', "notice"->'to'->>'threadTs') END
  ))
)
WHERE jsonb_typeof("notice"->'to') = 'object' AND "notice"->'to' ? 'channel';
