"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { MessageField } from "@/components/ui/message-field";
import type { RoutingSettings } from "@/server/routing/get-routing-settings";
import { PEOPLE_PLACEHOLDER, POSITION_PLACEHOLDER, queueMessageText } from "@/server/routing/queue-message";
import {
  AGENT_SCOPES,
  QUEUE_MESSAGE_MAX,
  ROUTING_RULES,
  ROUTING_STRATEGIES,
  routingSettingsSchema,
  type RoutingSettingsInput,
} from "@/server/routing/routing-settings-input";
import { STATUS_LABELS } from "@/server/presence/status-rules";
import { ROLE_LABELS } from "@/server/workspaces/roles";
import { RULE_CHOICES, SCOPE_CHOICES, STRATEGY_CHOICES } from "./routing-labels";

type Settings = RoutingSettings["settings"];
type FieldName = keyof RoutingSettingsInput;
/** Minutes are typed as text, so a half-typed number is shown as typed and checked on save. */
type FormState = Omit<Settings, "graceMinutes" | "acceptMinutes" | "firstResponseMinutes"> & {
  graceMinutes: string;
  acceptMinutes: string;
  firstResponseMinutes: string;
};

const MINUTE_FIELDS = ["graceMinutes", "acceptMinutes", "firstResponseMinutes"] as const;

function toForm(settings: Settings): FormState {
  return {
    ...settings,
    graceMinutes: String(settings.graceMinutes),
    acceptMinutes: String(settings.acceptMinutes),
    firstResponseMinutes: String(settings.firstResponseMinutes),
  };
}

function toInput(form: FormState): Record<FieldName, unknown> {
  const minutes = (text: string) => (text.trim() === "" ? undefined : Number(text));
  return {
    ...form,
    graceMinutes: minutes(form.graceMinutes),
    acceptMinutes: minutes(form.acceptMinutes),
    firstResponseMinutes: minutes(form.firstResponseMinutes),
  };
}

type Props = {
  workspaceId: string;
  slug: string;
  projectId: string;
  initial: Settings;
  members: RoutingSettings["members"];
  skillGroups: RoutingSettings["skillGroups"];
  canEdit: boolean;
};

/** One project's routing: rule, scope, order, returning customers, queue message and timers. */
export function RoutingSettingsForm({ workspaceId, slug, projectId, initial, members, skillGroups, canEdit }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(() => toForm(initial));
  const [problems, setProblems] = useState<Partial<Record<FieldName, string>>>({});
  const save = useMutation(
    trpc.routing.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.routing.pathFilter()) }),
  );
  const serverField = save.error ? (errorField(save.error) as FieldName | null) : null;
  const problemOf = (field: FieldName) => problems[field] ?? (serverField === field ? errorMessage(save.error) : null);
  const dirty = JSON.stringify(toInput(form)) !== JSON.stringify(toInput(toForm(initial)));

  function change<K extends keyof FormState>(field: K, value: FormState[K]) {
    setForm((current) => ({ ...current, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined }));
    save.reset();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = routingSettingsSchema.safeParse(toInput(form));
    if (!parsed.success) {
      const found: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as FieldName | undefined;
        if (field && !found[field]) found[field] = issue.message;
      }
      setProblems(found);
      return;
    }
    setProblems({});
    save.mutate({ workspaceId, projectId, settings: parsed.data });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Routing settings">
      <Card title="Rule">
        <ChoiceGroup
          legend="Who gets a new conversation"
          name="routingRule"
          value={form.routingRule}
          options={ROUTING_RULES.map((rule) => ({ value: rule, ...RULE_CHOICES[rule] }))}
          disabled={!canEdit}
          onChange={(value) => change("routingRule", value)}
        />
      </Card>

      <Card title="Agents">
        <ChoiceGroup
          legend="Agents this project routes to"
          name="agentScope"
          value={form.agentScope}
          options={AGENT_SCOPES.map((scope) => ({ value: scope, ...SCOPE_CHOICES[scope] }))}
          disabled={!canEdit}
          onChange={(value) => change("agentScope", value)}
        />
        {form.agentScope === "specific" && (
          <AgentPicker
            members={members}
            picked={form.agentIds}
            disabled={!canEdit}
            problem={problemOf("agentIds")}
            onChange={(ids) => change("agentIds", ids)}
          />
        )}
        <SkillGroups slug={slug} groups={skillGroups} />
      </Card>

      <Card title="Order">
        <ChoiceGroup
          legend="Among the agents who can take it"
          name="routingStrategy"
          value={form.routingStrategy}
          options={ROUTING_STRATEGIES.map((strategy) => ({ value: strategy, ...STRATEGY_CHOICES[strategy] }))}
          disabled={!canEdit}
          onChange={(value) => change("routingStrategy", value)}
        />
        <label className="mt-4 flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={form.stickyCustomers}
            disabled={!canEdit}
            onChange={(e) => change("stickyCustomers", e.target.checked)}
          />
          <span>
            <span className="font-medium">Sticky returning customers</span>
            <span className="block text-slate-600">
              A customer who writes again goes back to their last agent when that agent can take them.
            </span>
          </span>
        </label>
      </Card>

      <Card title="While customers wait">
        <div className="space-y-6">
          <WaitingMessageField
            label="Queue message"
            name="queueMessage"
            hint={`Sent to a waiting customer whenever their place in the queue changes. ${PEOPLE_PLACEHOLDER} becomes “1 person” or “3 people” ahead of them; ${POSITION_PLACEHOLDER} just the number.`}
            previewLabel="Preview, with 2 people ahead"
            preview={queueMessageText(form, 2)}
            previewTestId="queue-message-preview"
            value={form.queueMessage}
            disabled={!canEdit}
            problem={problemOf("queueMessage")}
            onChange={(text) => change("queueMessage", text)}
          />
          <WaitingMessageField
            label="Message when next in line"
            name="queueNextMessage"
            hint="Sent instead of the queue message when nobody is ahead of the customer: they are next."
            previewLabel="Preview, with nobody ahead"
            preview={queueMessageText(form, 0)}
            previewTestId="queue-next-message-preview"
            value={form.queueNextMessage}
            disabled={!canEdit}
            problem={problemOf("queueNextMessage")}
            onChange={(text) => change("queueNextMessage", text)}
          />
        </div>
      </Card>

      <Card title="Timers">
        <div className="grid gap-4 sm:grid-cols-3">
          {MINUTE_FIELDS.map((field) => (
            <Field
              key={field}
              label={TIMER_LABELS[field].label}
              hint={TIMER_LABELS[field].hint}
              name={field}
              type="number"
              inputMode="numeric"
              min={1}
              max={1440}
              value={form[field]}
              disabled={!canEdit}
              error={problemOf(field)}
              onChange={(e) => change(field, e.target.value)}
            />
          ))}
        </div>
      </Card>

      {save.error && !serverField && <Alert>{errorMessage(save.error)}</Alert>}
      {save.isSuccess && !dirty && <Alert tone="info">Routing settings saved. Waiting customers are routed with them now.</Alert>}
      {canEdit && (
        <Button type="submit" pending={save.isPending} disabled={!dirty}>
          Save routing settings
        </Button>
      )}
    </form>
  );
}

const TIMER_LABELS: Record<(typeof MINUTE_FIELDS)[number], { label: string; hint: string }> = {
  graceMinutes: {
    label: "Grace period (minutes)",
    hint: "An agent who goes Away or Offline keeps their conversations this long; then they go back to the queue.",
  },
  acceptMinutes: {
    label: "Time to open (minutes)",
    hint: "An agent who does not open an assigned conversation in time is Kicked out, and it goes to someone else.",
  },
  firstResponseMinutes: {
    label: "First-response threshold (minutes)",
    hint: "A conversation with no first answer after this long is escalated: supervisors get a notice.",
  },
};

function ChoiceGroup<V extends string>({
  legend,
  name,
  value,
  options,
  disabled,
  onChange,
}: {
  legend: string;
  name: string;
  value: V;
  options: Array<{ value: V; label: string; about: string }>;
  disabled: boolean;
  onChange: (value: V) => void;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm text-slate-600">{legend}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
        >
          <input
            type="radio"
            className="mt-0.5"
            name={name}
            value={option.value}
            checked={value === option.value}
            disabled={disabled}
            onChange={() => onChange(option.value)}
          />
          <span>
            <span className="font-medium">{option.label}</span>
            <span className="block text-slate-600">{option.about}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function AgentPicker({
  members,
  picked,
  disabled,
  problem,
  onChange,
}: {
  members: RoutingSettings["members"];
  picked: string[];
  disabled: boolean;
  problem: string | null;
  onChange: (ids: string[]) => void;
}) {
  const id = useId();
  const chosen = new Set(picked);
  return (
    <fieldset className="mt-4" aria-describedby={problem ? `${id}-problem` : undefined} aria-invalid={problem ? true : undefined}>
      <legend className="mb-2 text-sm font-medium text-slate-700">
        Picked agents ({chosen.size} of {members.length})
      </legend>
      <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
        {members.map((member) => (
          <li key={member.userId}>
            <label className="flex items-center gap-2 px-3 py-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.has(member.userId)}
                disabled={disabled}
                onChange={(e) =>
                  onChange(e.target.checked ? [...picked, member.userId] : picked.filter((userId) => userId !== member.userId))
                }
              />
              <span className="min-w-0 flex-1 truncate">{member.name ?? member.email}</span>
              <span className="text-xs text-slate-500">
                {ROLE_LABELS[member.role]} · {STATUS_LABELS[member.status]}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {problem && (
        <p id={`${id}-problem`} className="mt-1 text-sm text-red-600">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

function SkillGroups({ slug, groups }: { slug: string; groups: RoutingSettings["skillGroups"] }) {
  const manage = (text: ReactNode) => (
    <Link href={`/${slug}/agents`} className="font-medium text-brand-700 hover:underline">
      {text}
    </Link>
  );
  return (
    <div className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
      <p className="font-medium">Skill groups</p>
      {groups.length ? (
        <>
          <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Skill groups">
            {groups.map((group) => (
              <li key={group.id} className="rounded bg-white px-2 py-0.5 text-xs ring-1 ring-slate-200">
                {group.name} · {group.members} agent{group.members === 1 ? "" : "s"}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-slate-600">
            A diversion link or a keyword sends a conversation to a group; within this project&apos;s agents, only its members
            take it. {manage("Manage groups on the Agents page")}
          </p>
        </>
      ) : (
        <p className="text-slate-600">
          None yet. A group lets a diversion link or a keyword send a conversation to agents with a skill.{" "}
          {manage("Create one on the Agents page")}
        </p>
      )}
    </div>
  );
}

function WaitingMessageField({
  label,
  name,
  hint,
  previewLabel,
  preview,
  previewTestId,
  value,
  disabled,
  problem,
  onChange,
}: {
  label: string;
  name: string;
  hint: string;
  previewLabel: string;
  preview: string;
  previewTestId: string;
  value: string;
  disabled: boolean;
  problem: string | null;
  onChange: (text: string) => void;
}) {
  return (
    <MessageField
      label={label}
      name={name}
      rows={3}
      value={value}
      max={QUEUE_MESSAGE_MAX}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      error={problem}
      hint={hint}
    >
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{previewLabel}</p>
        <p className="mt-1 whitespace-pre-wrap text-slate-800" data-testid={previewTestId}>
          {preview}
        </p>
      </div>
    </MessageField>
  );
}
