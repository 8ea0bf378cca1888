// Which screens a user sees. The keys decide what a user can open; this
// only keeps screens out of sight that would answer "Forbidden".
import type { Role } from "../lib/api";
import type { Key } from "../lib/i18n.svelte";

export type Route = "home" | "advisor" | "hr" | "org" | "users" | "audit" | "backup" | "settings";

export interface RouteItem {
  id: Route;
  label: Key;
  group?: "admin";
}

export function routesFor(roles: Role[], compartments: string[]): RouteItem[] {
  const items: RouteItem[] = [{ id: "home", label: "nav.home" }];
  if (roles.includes("advisor") && compartments.includes("advisor")) items.push({ id: "advisor", label: "nav.advisor" });
  if (roles.includes("hr") && compartments.includes("hr")) items.push({ id: "hr", label: "nav.hr" });
  if (compartments.includes("org")) items.push({ id: "org", label: "nav.org" });
  items.push(
    { id: "users", label: "nav.users", group: "admin" },
    { id: "audit", label: "nav.audit", group: "admin" },
    { id: "backup", label: "nav.backup", group: "admin" },
    { id: "settings", label: "nav.settings", group: "admin" },
  );
  return items;
}
