// Where the unlocked app is: the area shown, and a record another screen
// asked to open there (a follow-up on the home screen opens its case). The
// shell shows `route`; an area takes its target once. Forgotten on lock.

export interface Target {
  kind: "case" | "complaint";
  id: string;
}

export const navigation = $state({ route: "home", target: null as Target | null });

export function go(route: string, target: Target | null = null): void {
  navigation.target = target;
  navigation.route = route;
}

/** The record to open, once. */
export function takeTarget(): Target | null {
  const target = navigation.target;
  navigation.target = null;
  return target;
}

export function resetNavigation(): void {
  navigation.route = "home";
  navigation.target = null;
}
