CREATE TABLE "sandbox_bots" (
	"id" bigint PRIMARY KEY NOT NULL,
	"record" json NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_files" (
	"file_id" text PRIMARY KEY NOT NULL,
	"bot_id" bigint NOT NULL,
	"record" json NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"signing_secret" text NOT NULL,
	"next_file_number" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_state_single_row" CHECK ("sandbox_state"."id" = 1)
);
