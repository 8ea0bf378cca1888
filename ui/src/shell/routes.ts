// The registry of areas: every screen of the sidebar, in order, with who
// sees it and what it shows. The shell only iterates this list; a new area
// adds one entry (and its folder). The keys decide what a user can open;
// `visible` only keeps screens out of sight that would answer "Forbidden".
import type { Component } from "svelte";
import type { Role, SessionInfo } from "../lib/api";
import { t, type Key } from "../lib/i18n.svelte";
import Home from "../areas/Home.svelte";
import Advisor from "../advisor/Advisor.svelte";
import Complaints from "../complaints/Complaints.svelte";
import EmptyState from "../lib/EmptyState.svelte";
import Users from "../admin/Users.svelte";
import Audit from "../admin/Audit.svelte";
import Backup from "../admin/Backup.svelte";
import Settings from "../admin/Settings.svelte";

export type Route = "home" | "advisor" | "hr" | "org" | "users" | "audit" | "backup" | "settings";

export interface Area {
  id: Route;
  label: Key;
  group?: "admin";
  /** Whether a user with these roles and open compartments sees it. */
  visible: (roles: Role[], compartments: string[]) => boolean;
  // Each entry pairs a component with the props `props` gives it.
  component: Component<any>;
  props: (session: SessionInfo) => Record<string, unknown>;
}

const always = () => true;
const withSession = (session: SessionInfo) => ({ session });
const comingSoon = (area: "org") => () => ({
  title: t(`area.${area}.title`),
  heading: t(`area.${area}.empty`),
  body: t(`area.${area}.body`),
});

export const AREAS: Area[] = [
  { id: "home", label: "nav.home", visible: always, component: Home, props: withSession },
  {
    id: "advisor",
    label: "nav.advisor",
    visible: (roles, compartments) => roles.includes("advisor") && compartments.includes("advisor"),
    component: Advisor,
    props: withSession,
  },
  {
    id: "hr",
    label: "nav.hr",
    visible: (roles, compartments) => roles.includes("hr") && compartments.includes("hr"),
    component: Complaints,
    props: withSession,
  },
  {
    id: "org",
    label: "nav.org",
    visible: (_roles, compartments) => compartments.includes("org"),
    component: EmptyState,
    props: comingSoon("org"),
  },
  { id: "users", label: "nav.users", group: "admin", visible: always, component: Users, props: withSession },
  { id: "audit", label: "nav.audit", group: "admin", visible: always, component: Audit, props: withSession },
  { id: "backup", label: "nav.backup", group: "admin", visible: always, component: Backup, props: () => ({}) },
  { id: "settings", label: "nav.settings", group: "admin", visible: always, component: Settings, props: withSession },
];

/** The areas a user sees, in the sidebar's order. */
export function routesFor(roles: Role[], compartments: string[]): Area[] {
  return AREAS.filter((a) => a.visible(roles, compartments));
}
