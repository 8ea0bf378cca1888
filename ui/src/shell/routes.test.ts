import { describe, expect, it } from "vitest";
import { AREAS, routesFor } from "./routes";

describe("navigation by role", () => {
  it("a manager sees no advisor or HR area", () => {
    const ids = routesFor(["manager"], ["org"]).map((r) => r.id);
    expect(ids).not.toContain("advisor");
    expect(ids).not.toContain("hr");
    expect(ids).toContain("org");
  });

  it("an advisor who is also HR sees both", () => {
    const ids = routesFor(["advisor", "hr"], ["org", "hr", "advisor"]).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["advisor", "hr", "org", "users", "audit", "backup", "settings"]));
  });

  it("a role without the compartment's key shows nothing of it", () => {
    expect(routesFor(["advisor"], ["org"]).map((r) => r.id)).not.toContain("advisor");
  });

  it("the registry names each area once, each with its screen and label", () => {
    const ids = AREAS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of AREAS) {
      expect(a.component, a.id).toBeTruthy();
      expect(a.label.startsWith("nav."), a.id).toBe(true);
    }
  });
});
