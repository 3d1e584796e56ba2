ALTER TABLE "projects" ALTER COLUMN "queue_message" SET DEFAULT 'All our agents are busy right now. You have {people} ahead of you — we will answer as soon as we can.';--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "queue_next_message" text DEFAULT 'All our agents are busy right now. You are next in line — we will answer as soon as we can.' NOT NULL;--> statement-breakpoint
-- Projects still on the old default get the new one, which reads right for one person ahead.
UPDATE "projects" SET "queue_message" = 'All our agents are busy right now. You have {people} ahead of you — we will answer as soon as we can.' WHERE "queue_message" = 'All our agents are busy right now. There are {position} people ahead of you — we will answer as soon as we can.';
