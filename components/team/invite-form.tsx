"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useClientCheck } from "@/components/ui/use-client-check";
import { invitationInput, type AssignableRole } from "@/server/team/team-input";
import { ROLE_LABELS } from "@/server/workspaces/roles";
import { InvitationLinkBox } from "./invitation-link-box";
import { grantableRoles, type TeamAccess } from "./team-access";
import { useRefreshTeam } from "./use-refresh-team";

type Via = "email" | "telegram";

/** Invite by email or Telegram username; the link appears once, to be sent by the inviter. */
export function InviteForm({ workspaceId, access }: { workspaceId: string; access: TeamAccess }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeam();
  const [via, setVia] = useState<Via>("email");
  const [address, setAddress] = useState("");
  const [role, setRole] = useState<AssignableRole>("agent");
  const { problem, check, clear } = useClientCheck(invitationInput, "Check the address.");
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: async () => {
        setAddress("");
        await refresh();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { via, address, role };
    if (check(input) !== null) invite.mutate({ workspaceId, ...input });
  }

  const serverField = invite.error ? errorField(invite.error) : null;
  const serverMessage = invite.error ? errorMessage(invite.error) : null;
  const addressError = problem ?? (serverField === "address" ? serverMessage : null);

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">Invite by</legend>
          {(
            [
              ["email", "By email"],
              ["telegram", "By Telegram username"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="via"
                value={value}
                checked={via === value}
                onChange={() => {
                  setVia(value);
                  clear();
                  invite.reset();
                }}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap items-start gap-3">
          <Field
            label={via === "email" ? "Email address" : "Telegram username"}
            name="address"
            type={via === "email" ? "email" : "text"}
            placeholder={via === "email" ? "name@company.com" : "@username"}
            autoComplete="off"
            className="min-w-64 flex-1"
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              clear();
            }}
            error={addressError}
          />
          <SelectField
            label="Role"
            name="role"
            className="w-40"
            value={role}
            onChange={(e) => setRole(e.target.value as AssignableRole)}
            options={grantableRoles(access).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <Button type="submit" className="mt-6" pending={invite.isPending}>
            Create invitation link
          </Button>
        </div>
        {serverMessage && serverField !== "address" && <Alert>{serverMessage}</Alert>}
      </form>
      {invite.data && !invite.isPending && <InvitationLinkBox invitation={invite.data} onDone={() => invite.reset()} />}
    </div>
  );
}
