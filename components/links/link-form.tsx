"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { linkCodeSchema, linkSettingsSchema, UTM_FIELDS, type UtmField } from "@/server/links/link-input";
import { useRefreshLinks } from "./use-refresh-links";

/** What the form edits; an existing link passes its current values (its code cannot change). */
export type LinkFormValues = Record<UtmField, string | null> & {
  id: string;
  code: string;
  name: string;
  projectId: string;
  skillGroupId: string | null;
  expiresAt: Date | null;
};

type Props = { workspaceId: string; link?: LinkFormValues; onDone: () => void };

const UTM_LABELS: Record<UtmField, { label: string; hint: string }> = {
  utmSource: { label: "utm_source", hint: "Where the link is placed, e.g. instagram" },
  utmMedium: { label: "utm_medium", hint: "The kind of traffic, e.g. social, cpc, email" },
  utmCampaign: { label: "utm_campaign", hint: "e.g. spring-sale" },
  utmTerm: { label: "utm_term", hint: "Paid keywords, if any" },
  utmContent: { label: "utm_content", hint: "Tells ads apart, e.g. banner-a" },
};

type Fields = Record<string, string>;

/** A Date as the value of a datetime-local input (the browser's time zone). */
function toLocalInput(date: Date | null): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function initialFields(link?: LinkFormValues): Fields {
  return {
    name: link?.name ?? "",
    code: "",
    projectId: link?.projectId ?? "",
    skillGroupId: link?.skillGroupId ?? "",
    expiresAt: toLocalInput(link?.expiresAt ?? null),
    ...Object.fromEntries(UTM_FIELDS.map((f) => [f, link?.[f] ?? ""])),
  };
}

const createSchema = linkSettingsSchema.extend({ code: linkCodeSchema });

/** Create or edit a diversion link; every problem shows on its field, checked here first and by the server again. */
export function LinkForm({ workspaceId, link, onDone }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshLinks();
  const options = useQuery(trpc.links.formOptions.queryOptions({ workspaceId }));
  const [fields, setFields] = useState<Fields>(() => initialFields(link));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const onSuccess = async () => {
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.links.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.links.update.mutationOptions({ onSuccess }));
  const mutation = link ? update : create;

  const set = (name: string) => (value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    setProblems((current) => {
      const rest = { ...current };
      delete rest[name];
      return rest;
    });
    mutation.reset();
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Sent as typed: the server trims and checks again with the same schema.
    const input = {
      name: fields.name!,
      projectId: fields.projectId!,
      skillGroupId: fields.skillGroupId || null,
      expiresAt: fields.expiresAt ? new Date(fields.expiresAt) : null,
      utmSource: fields.utmSource!,
      utmMedium: fields.utmMedium!,
      utmCampaign: fields.utmCampaign!,
      utmTerm: fields.utmTerm!,
      utmContent: fields.utmContent!,
    };
    const parsed = link ? linkSettingsSchema.safeParse(input) : createSchema.safeParse({ ...input, code: fields.code });
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
      setProblems(Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, v?.[0] ?? "Check this field."])));
      return;
    }
    setProblems({});
    if (link) update.mutate({ workspaceId, linkId: link.id, ...input });
    else create.mutate({ workspaceId, ...input, code: fields.code! });
  }

  const serverField = mutation.error ? errorField(mutation.error) : null;
  const serverMessage = mutation.error ? errorMessage(mutation.error) : null;
  const problem = (name: string) => problems[name] ?? (serverField === name ? serverMessage : null);
  /** What every field of this form takes: its name, value, change handler and message. */
  const bind = (name: keyof Fields) => ({
    name,
    value: fields[name],
    onChange: (e: { target: { value: string } }) => set(name)(e.target.value),
    error: problem(name),
  });
  const projects = options.data?.projects ?? [];
  const groups = options.data?.skillGroups ?? [];
  const anyBot = projects.some((p) => p.botUsername);

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={link ? "Edit link" : "New link"}>
      {options.isError && <Alert>Could not load your projects: {errorMessage(options.error)}</Alert>}
      {options.isSuccess && !anyBot && (
        <Alert tone="warning">
          None of your projects has a bot yet. Connect a bot in Projects first: a link sends visitors to it.
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" {...bind("name")} maxLength={100} hint="For you and your team, e.g. Instagram bio" />
        <SelectField
          label="Bot (project)"
          {...bind("projectId")}
          disabled={options.isPending}
          hint="Visitors are sent to this project's bot."
          options={[
            { value: "", label: options.isPending ? "Loading…" : "Choose a project" },
            ...projects.map((p) => ({
              value: p.id,
              label: p.botUsername ? `${p.name} (@${p.botUsername})` : `${p.name} — no bot yet`,
              disabled: !p.botUsername,
            })),
          ]}
        />
        {link ? (
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-700">Code</p>
            <p className="rounded-md bg-slate-50 px-3 py-2 font-mono text-sm text-slate-700">{link.code}</p>
            <p className="text-xs text-slate-500">A link&apos;s code never changes: it may already be printed.</p>
          </div>
        ) : (
          <Field
            label="Custom code (optional)"
            {...bind("code")}
            maxLength={60}
            hint="3–48 letters, digits, _ or -. Leave empty for a random one."
          />
        )}
        <Field
          label="Expires (optional)"
          {...bind("expiresAt")}
          type="datetime-local"
          hint="After this the link answers “not found”."
        />
        <SelectField
          label="Skill group (optional)"
          {...bind("skillGroupId")}
          hint={groups.length ? "Conversations from this link go to this group." : "No skill groups yet (Routing)."}
          options={[{ value: "", label: "Any agent" }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">Default UTM values</legend>
        <p className="text-xs text-slate-500">Used when the visitor&apos;s URL does not carry its own utm_* parameters.</p>
        <div className="grid gap-4 sm:grid-cols-3">
          {UTM_FIELDS.map((f) => (
            <Field key={f} label={UTM_LABELS[f].label} {...bind(f)} maxLength={220} hint={UTM_LABELS[f].hint} />
          ))}
        </div>
      </fieldset>
      {serverMessage && !(serverField && serverField in fields) && <Alert>{serverMessage}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" pending={mutation.isPending}>
          {link ? "Save link" : "Create link"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone} disabled={mutation.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
