CREATE TYPE "public"."delivery_state" AS ENUM('queued', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."message_author" AS ENUM('customer', 'agent', 'bot');--> statement-breakpoint
CREATE TYPE "public"."message_kind" AS ENUM('text', 'photo', 'document', 'voice', 'video', 'audio', 'animation', 'video_note', 'sticker', 'location', 'contact', 'other');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "bots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"telegram_id" bigint NOT NULL,
	"username" varchar(64) NOT NULL,
	"first_name" text NOT NULL,
	"token_ciphertext" text NOT NULL,
	"webhook_secret_hash" varchar(64) NOT NULL,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"token_rotated_at" timestamp with time zone,
	CONSTRAINT "bots_project_unique" UNIQUE("project_id"),
	CONSTRAINT "bots_telegram_id_unique" UNIQUE("telegram_id")
);
--> statement-breakpoint
CREATE TABLE "telegram_updates" (
	"bot_telegram_id" bigint NOT NULL,
	"update_id" bigint NOT NULL,
	"kind" varchar(40) NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telegram_updates_bot_telegram_id_update_id_pk" PRIMARY KEY("bot_telegram_id","update_id")
);
--> statement-breakpoint
CREATE TABLE "unhandled_update_counts" (
	"bot_telegram_id" bigint NOT NULL,
	"kind" varchar(40) NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unhandled_update_counts_bot_telegram_id_kind_pk" PRIMARY KEY("bot_telegram_id","kind")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"telegram_user_id" bigint NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text,
	"username" varchar(64),
	"language_code" varchar(16),
	"first_start_payload" varchar(64),
	"last_start_payload" varchar(64),
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"chat_id" bigint NOT NULL,
	"author" "message_author" NOT NULL,
	"author_user_id" uuid,
	"kind" "message_kind" DEFAULT 'text' NOT NULL,
	"text" text,
	"media" jsonb,
	"telegram_message_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"edit_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivery" "delivery_state",
	"delivery_error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone,
	"send_after" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"retried" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"chat_id" bigint NOT NULL,
	"status" "session_status" DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_preview" varchar(200) DEFAULT '' NOT NULL,
	"last_message_author" "message_author" DEFAULT 'customer' NOT NULL,
	"awaiting_reply_since" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "welcome_message" text DEFAULT 'Hi! Thanks for writing to us. Tell us how we can help and an agent will answer shortly.' NOT NULL;--> statement-breakpoint
ALTER TABLE "bots" ADD CONSTRAINT "bots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bots" ADD CONSTRAINT "bots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bots_workspace" ON "bots" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_project_user" ON "contacts" USING btree ("project_id","telegram_user_id");--> statement-breakpoint
CREATE INDEX "contacts_workspace" ON "contacts" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "messages_session" ON "messages" USING btree ("session_id","id");--> statement-breakpoint
CREATE INDEX "messages_telegram" ON "messages" USING btree ("project_id","chat_id","telegram_message_id");--> statement-breakpoint
CREATE INDEX "messages_outbox" ON "messages" USING btree ("id") WHERE delivery in ('queued', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_one_open_per_contact" ON "sessions" USING btree ("contact_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "sessions_workspace_recent" ON "sessions" USING btree ("workspace_id","last_message_at");--> statement-breakpoint
CREATE INDEX "projects_live" ON "projects" USING btree ("workspace_id") WHERE archived_at is null;