"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClassName, Field } from "@/components/ui/field";
import { dedupeKeywords, previewKeywordImport, RISK_LIMITS, splitKeywords } from "@/server/risk/group-input";

export type RiskGroupOptions = {
  projects: { id: string; name: string; archived: boolean }[];
  members: { id: string; name: string; role: string }[];
  skillGroups: { id: string; name: string }[];
};

export type EditableRiskGroup = {
  id: string;
  name: string;
  action: "confirm" | "block";
  enabled: boolean;
  allProjects: boolean;
  projectIds: string[];
  keywords: string[];
  patterns: string[];
  exemptUserIds: string[];
  exemptSkillGroupIds: string[];
};

type Props = { workspaceId: string; options: RiskGroupOptions; group: EditableRiskGroup | null; onDone: () => void };

function toggle(list: string[], id: string, on: boolean) {
  return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
}

function Checklist({
  legend,
  items,
  chosen,
  onChange,
  error,
  empty,
}: {
  legend: string;
  items: { id: string; label: string }[];
  chosen: string[];
  onChange: (next: string[]) => void;
  error?: string | null;
  empty: string;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {items.length === 0 ? (
        <p className="text-xs text-slate-500">{empty}</p>
      ) : (
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {items.map((item) => (
            <label key={item.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={chosen.includes(item.id)}
                onChange={(e) => onChange(toggle(chosen, item.id, e.target.checked))}
              />
              {item.label}
            </label>
          ))}
        </div>
      )}
      {error && <p className="text-sm text-red-600">{error}</p>}
    </fieldset>
  );
}

function TextList({
  label,
  hint,
  value,
  onChange,
  error,
  rows,
  children,
}: {
  label: string;
  hint: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  rows: number;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        className={`${controlClassName(error)} font-mono`}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      {error && <p className="text-sm text-red-600">{error}</p>}
      {children}
    </div>
  );
}

/** Creates or edits a risk word group: keywords (with bulk import), RE2 patterns, action, projects, exemptions. */
export function RiskGroupForm({ workspaceId, options, group, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(group?.name ?? "");
  const [action, setAction] = useState<"confirm" | "block">(group?.action ?? "confirm");
  const [keywordsText, setKeywordsText] = useState((group?.keywords ?? []).join("\n"));
  const [patternsText, setPatternsText] = useState((group?.patterns ?? []).join("\n"));
  const [allProjects, setAllProjects] = useState(group?.allProjects ?? true);
  const [projectIds, setProjectIds] = useState(group?.projectIds ?? []);
  const [exemptUserIds, setExemptUserIds] = useState(group?.exemptUserIds ?? []);
  const [exemptSkillGroupIds, setExemptSkillGroupIds] = useState(group?.exemptSkillGroupIds ?? []);
  const [enabled, setEnabled] = useState(group?.enabled ?? true);
  const [importing, setImporting] = useState(false);
  const [pasted, setPasted] = useState("");

  const keywords = useMemo(() => splitKeywords(keywordsText, { commas: false }), [keywordsText]);
  const distinct = useMemo(() => dedupeKeywords(keywords), [keywords]);
  const patterns = splitKeywords(patternsText, { commas: false });
  const preview = useMemo(() => (pasted.trim() ? previewKeywordImport(keywords, pasted) : null), [keywords, pasted]);

  const done = async () => {
    await queryClient.invalidateQueries(trpc.risk.pathFilter());
    onDone();
  };
  const create = useMutation(trpc.risk.createGroup.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.risk.updateGroup.mutationOptions({ onSuccess: done }));
  const save = group ? update : create;
  const field = save.error ? errorField(save.error) : null;
  const message = save.error ? errorMessage(save.error) : null;
  const fieldError = (name: string) => (field === name ? message : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      workspaceId,
      name,
      action,
      keywords,
      patterns,
      allProjects,
      projectIds: allProjects ? [] : projectIds,
      exemptUserIds,
      exemptSkillGroupIds,
      enabled,
    };
    if (group) update.mutate({ ...input, groupId: group.id });
    else create.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={group ? `Edit ${group.name}` : "New risk word group"}>
      <Field
        label="Group name"
        name="name"
        value={name}
        maxLength={RISK_LIMITS.name}
        onChange={(e) => setName(e.target.value)}
        hint="For example: Payment addresses, Off-platform contact, Internal links."
        error={fieldError("name")}
      />

      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">When an agent&apos;s message hits this group</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="action" checked={action === "confirm"} onChange={() => setAction("confirm")} />
          Ask the agent to confirm before sending
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="action" checked={action === "block"} onChange={() => setAction("block")} />
          Block the message
        </label>
      </fieldset>

      <TextList
        label="Keywords"
        rows={6}
        value={keywordsText}
        onChange={setKeywordsText}
        error={fieldError("keywords")}
        hint={
          <>
            One per line, up to {RISK_LIMITS.keywords.toLocaleString("en")} of at most {RISK_LIMITS.keywordLength} characters.
            Case and full-width/half-width forms do not matter. {distinct.keywords.length.toLocaleString("en")} keyword
            {distinct.keywords.length === 1 ? "" : "s"}
            {distinct.duplicates
              ? ` (${distinct.duplicates} duplicate${distinct.duplicates === 1 ? "" : "s"} will be dropped)`
              : ""}
            .
          </>
        }
      >
        {importing ? (
          <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
            <TextList
              label="Paste keywords to import"
              rows={4}
              value={pasted}
              onChange={setPasted}
              hint="One per line and/or separated by commas."
            />
            {preview && (
              <p className="text-sm text-slate-700" role="status">
                {preview.added.length.toLocaleString("en")} new keyword{preview.added.length === 1 ? "" : "s"}
                {preview.skipped ? `, ${preview.skipped} already in the list or repeated` : ""}
                {preview.tooLong ? `; ${preview.tooLong} longer than ${RISK_LIMITS.keywordLength} characters` : ""}.
              </p>
            )}
            <div className="flex gap-2">
              <Button
                type="button"
                disabled={!preview || preview.added.length === 0}
                onClick={() => {
                  setKeywordsText([...keywords, ...preview!.added].join("\n"));
                  setPasted("");
                  setImporting(false);
                }}
              >
                Add {preview?.added.length ?? 0} keyword{preview?.added.length === 1 ? "" : "s"}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setImporting(false)}>
                Close
              </Button>
            </div>
          </div>
        ) : (
          <Button type="button" variant="secondary" onClick={() => setImporting(true)}>
            Bulk import…
          </Button>
        )}
      </TextList>

      <TextList
        label="Patterns (regular expressions)"
        rows={3}
        value={patternsText}
        onChange={setPatternsText}
        error={fieldError("patterns")}
        hint={
          <>
            One per line, RE2 syntax (no backreferences or lookaround), checked against the message as written; add{" "}
            <code>(?i)</code> to ignore case. Up to {RISK_LIMITS.patterns} of at most {RISK_LIMITS.patternLength} characters.
          </>
        }
      />

      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Projects</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="scope" checked={allProjects} onChange={() => setAllProjects(true)} />
          All projects, also ones added later
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="scope" checked={!allProjects} onChange={() => setAllProjects(false)} />
          Only these projects
        </label>
        {!allProjects && (
          <div className="pl-6">
            <Checklist
              legend="Chosen projects"
              items={options.projects.map((p) => ({ id: p.id, label: p.archived ? `${p.name} (archived)` : p.name }))}
              chosen={projectIds}
              onChange={setProjectIds}
              error={fieldError("projectIds")}
              empty="No projects yet."
            />
          </div>
        )}
      </fieldset>

      <Checklist
        legend="Exempt members (their messages skip this group)"
        items={options.members.map((m) => ({ id: m.id, label: m.name }))}
        chosen={exemptUserIds}
        onChange={setExemptUserIds}
        error={fieldError("exemptUserIds")}
        empty="No members."
      />
      <Checklist
        legend="Exempt skill groups"
        items={options.skillGroups.map((g) => ({ id: g.id, label: g.name }))}
        chosen={exemptSkillGroupIds}
        onChange={setExemptSkillGroupIds}
        error={fieldError("exemptSkillGroupIds")}
        empty="No skill groups yet (Agents → Skill groups)."
      />

      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Check messages against this group (turned on)
      </label>

      {message &&
        !["name", "keywords", "patterns", "projectIds", "exemptUserIds", "exemptSkillGroupIds"].includes(field ?? "") && (
          <Alert>{message}</Alert>
        )}
      <div className="flex gap-2">
        <Button type="submit" pending={save.isPending}>
          {group ? "Save group" : "Create group"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
