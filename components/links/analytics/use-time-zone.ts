"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** The browser's time zone (days start at its midnight); null while rendering on the server. */
export function useTimeZone(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => null,
  );
}
