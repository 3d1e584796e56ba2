CREATE TYPE "public"."agent_status" AS ENUM('available', 'busy', 'away', 'not_ready', 'finishing', 'kicked_out', 'offline');--> statement-breakpoint
CREATE TYPE "public"."status_cause" AS ENUM('manual', 'admin', 'idle', 'capacity', 'presence', 'system');--> statement-breakpoint
CREATE TYPE "public"."agent_scope" AS ENUM('all', 'specific');--> statement-breakpoint
CREATE TYPE "public"."routing_rule" AS ENUM('round_robin', 'online_first');--> statement-breakpoint
CREATE TYPE "public"."routing_strategy" AS ENUM('rotation', 'least_loaded');--> statement-breakpoint
CREATE TYPE "public"."session_log_kind" AS ENUM('assigned', 'queued', 'reassigned', 'taken_over', 'transferred', 'returned', 'accepted', 'escalated', 'closed', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."timer_kind" AS ENUM('idle', 'accept', 'grace', 'transfer', 'first_response');--> statement-breakpoint
CREATE TYPE "public"."risk_action" AS ENUM('confirm', 'block');--> statement-breakpoint
CREATE TYPE "public"."risk_match_kind" AS ENUM('keyword', 'pattern');--> statement-breakpoint
CREATE TYPE "public"."risk_outcome" AS ENUM('pending', 'blocked', 'sent_after_confirmation', 'cancelled');--> statement-breakpoint
CREATE TABLE "agent_status_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agent_status_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"from_status" "agent_status" NOT NULL,
	"to_status" "agent_status" NOT NULL,
	"away_reason" varchar(60),
	"cause" "status_cause" NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "away_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"label" varchar(60) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"email" varchar(254),
	"telegram_username" varchar(32),
	"role" "member_role" NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"invited_by_user_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by_user_id" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "skill_group_members" (
	"workspace_id" uuid NOT NULL,
	"skill_group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "skill_group_members_skill_group_id_user_id_pk" PRIMARY KEY("skill_group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "skill_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" varchar(40) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_agents" (
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "project_agents_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "session_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "session_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" "session_log_kind" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"rule" varchar(40),
	"candidates" integer,
	"actor_user_id" uuid,
	"from_user_id" uuid,
	"to_user_id" uuid,
	"reason" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "timers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"kind" timer_kind NOT NULL,
	"session_id" uuid,
	"user_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "timers_one_per_subject" UNIQUE NULLS NOT DISTINCT("workspace_id","kind","session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "attribution_touches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attribution_touches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"session_id" uuid,
	"click_id" bigint NOT NULL,
	"link_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_clicks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "link_clicks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"payload" varchar(64) NOT NULL,
	"clicked_at" timestamp with time zone NOT NULL,
	"ip" varchar(64),
	"user_agent" text,
	"browser" varchar(60),
	"os" varchar(60),
	"device" varchar(20),
	"is_bot" boolean DEFAULT false NOT NULL,
	"referrer" text,
	"referrer_host" varchar(255),
	"utm_source" varchar(200),
	"utm_medium" varchar(200),
	"utm_campaign" varchar(200),
	"utm_term" varchar(200),
	"utm_content" varchar(200),
	"query" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"visitor_key" varchar(64) NOT NULL,
	"is_unique" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone,
	"contact_id" uuid
);
--> statement-breakpoint
CREATE TABLE "links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"code" varchar(48) NOT NULL,
	"name" varchar(80) NOT NULL,
	"utm_source" varchar(200),
	"utm_medium" varchar(200),
	"utm_campaign" varchar(200),
	"utm_term" varchar(200),
	"utm_content" varchar(200),
	"skill_group_id" uuid,
	"expires_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" varchar(60) NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"patterns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"action" "risk_action" DEFAULT 'confirm' NOT NULL,
	"all_projects" boolean DEFAULT false NOT NULL,
	"project_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exempt_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exempt_skill_group_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_triggers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "risk_triggers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"agent_user_id" uuid,
	"check_id" uuid NOT NULL,
	"group_id" uuid,
	"group_name" varchar(60) NOT NULL,
	"match_kind" "risk_match_kind" NOT NULL,
	"matched" text NOT NULL,
	"matched_text" text NOT NULL,
	"excerpt" text NOT NULL,
	"action" "risk_action" NOT NULL,
	"outcome" "risk_outcome" NOT NULL,
	"message_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "capacity" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "may_transfer" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "may_view_all" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "status" "agent_status" DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "away_reason" varchar(60);--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "status_cause" "status_cause" DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "idle_timeout_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "routing_rule" "routing_rule" DEFAULT 'round_robin' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "agent_scope" "agent_scope" DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "routing_strategy" "routing_strategy" DEFAULT 'rotation' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "sticky_customers" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "queue_message" text DEFAULT 'All our agents are busy right now. There are {position} people ahead of you — we will answer as soon as we can.' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "grace_minutes" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "accept_minutes" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "first_response_minutes" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_agent_user_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "first_click_id" bigint;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_click_id" bigint;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "assigned_user_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "queued_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "queue_notified_position" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "skill_group_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "transferred_from_user_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "transferred_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "first_response_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "pinned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "closed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "click_id" bigint;--> statement-breakpoint
ALTER TABLE "agent_status_log" ADD CONSTRAINT "agent_status_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_status_log" ADD CONSTRAINT "agent_status_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_status_log" ADD CONSTRAINT "agent_status_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "away_reasons" ADD CONSTRAINT "away_reasons_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_group_members" ADD CONSTRAINT "skill_group_members_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_group_members" ADD CONSTRAINT "skill_group_members_skill_group_id_skill_groups_id_fk" FOREIGN KEY ("skill_group_id") REFERENCES "public"."skill_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_group_members" ADD CONSTRAINT "skill_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_groups" ADD CONSTRAINT "skill_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_agents" ADD CONSTRAINT "project_agents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_agents" ADD CONSTRAINT "project_agents_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_agents" ADD CONSTRAINT "project_agents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_click_id_link_clicks_id_fk" FOREIGN KEY ("click_id") REFERENCES "public"."link_clicks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_touches" ADD CONSTRAINT "attribution_touches_link_id_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD CONSTRAINT "link_clicks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD CONSTRAINT "link_clicks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD CONSTRAINT "link_clicks_link_id_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_clicks" ADD CONSTRAINT "link_clicks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_skill_group_id_skill_groups_id_fk" FOREIGN KEY ("skill_group_id") REFERENCES "public"."skill_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_groups" ADD CONSTRAINT "risk_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_triggers" ADD CONSTRAINT "risk_triggers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_triggers" ADD CONSTRAINT "risk_triggers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_triggers" ADD CONSTRAINT "risk_triggers_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_triggers" ADD CONSTRAINT "risk_triggers_agent_user_id_users_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_triggers" ADD CONSTRAINT "risk_triggers_group_id_risk_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."risk_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_status_log_workspace" ON "agent_status_log" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "agent_status_log_user" ON "agent_status_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "away_reasons_workspace_label" ON "away_reasons" USING btree ("workspace_id",lower("label"));--> statement-breakpoint
CREATE INDEX "invitations_workspace" ON "invitations" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "skill_group_members_user" ON "skill_group_members" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "skill_groups_workspace_name" ON "skill_groups" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "session_log_session" ON "session_log" USING btree ("session_id","id");--> statement-breakpoint
CREATE INDEX "session_log_workspace" ON "session_log" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "timers_due" ON "timers" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "timers_session" ON "timers" USING btree ("session_id") WHERE session_id is not null;--> statement-breakpoint
CREATE INDEX "attribution_touches_contact" ON "attribution_touches" USING btree ("contact_id","at");--> statement-breakpoint
CREATE INDEX "attribution_touches_link" ON "attribution_touches" USING btree ("link_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "link_clicks_payload" ON "link_clicks" USING btree ("payload");--> statement-breakpoint
CREATE INDEX "link_clicks_link" ON "link_clicks" USING btree ("link_id","clicked_at");--> statement-breakpoint
CREATE INDEX "link_clicks_workspace" ON "link_clicks" USING btree ("workspace_id","clicked_at");--> statement-breakpoint
CREATE INDEX "link_clicks_visitor" ON "link_clicks" USING btree ("visitor_key","clicked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "links_code" ON "links" USING btree ("code");--> statement-breakpoint
CREATE INDEX "links_workspace" ON "links" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "risk_groups_workspace" ON "risk_groups" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "risk_triggers_workspace" ON "risk_triggers" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "risk_triggers_check" ON "risk_triggers" USING btree ("check_id");--> statement-breakpoint
CREATE INDEX "risk_triggers_agent" ON "risk_triggers" USING btree ("workspace_id","agent_user_id","at");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_last_agent_user_id_users_id_fk" FOREIGN KEY ("last_agent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_skill_group_id_skill_groups_id_fk" FOREIGN KEY ("skill_group_id") REFERENCES "public"."skill_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_transferred_from_user_id_users_id_fk" FOREIGN KEY ("transferred_from_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_last_start_payload" ON "contacts" USING btree ("last_start_payload") WHERE last_start_payload is not null;--> statement-breakpoint
CREATE INDEX "sessions_queue" ON "sessions" USING btree ("project_id","queued_at") WHERE status = 'open' and assigned_user_id is null;--> statement-breakpoint
CREATE INDEX "sessions_agent_open" ON "sessions" USING btree ("workspace_id","assigned_user_id") WHERE status = 'open' and assigned_user_id is not null;--> statement-breakpoint
-- Trigger records are never editable: the only change allowed is a pending outcome becoming final
-- (with the message sent and the decision time); deleted users and groups may still be nulled out.
CREATE FUNCTION risk_triggers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.outcome <> 'pending' AND NEW.outcome IS DISTINCT FROM OLD.outcome)
     OR (OLD.outcome <> 'pending' AND (NEW.message_id IS DISTINCT FROM OLD.message_id OR NEW.decided_at IS DISTINCT FROM OLD.decided_at))
     OR (NEW.workspace_id, NEW.project_id, NEW.session_id, NEW.check_id, NEW.group_name, NEW.match_kind, NEW.matched,
         NEW.matched_text, NEW.excerpt, NEW.action, NEW.at)
        IS DISTINCT FROM
        (OLD.workspace_id, OLD.project_id, OLD.session_id, OLD.check_id, OLD.group_name, OLD.match_kind, OLD.matched,
         OLD.matched_text, OLD.excerpt, OLD.action, OLD.at)
  THEN
    RAISE EXCEPTION 'risk trigger records cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER risk_triggers_append_only BEFORE UPDATE ON risk_triggers FOR EACH ROW EXECUTE FUNCTION risk_triggers_append_only();
