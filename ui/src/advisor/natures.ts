// A nature's name as the reader of the interface's language sees it: the
// shipped defaults are translated while they keep their shipped name.
import type { Nature } from "../lib/api";
import { hasKey, i18n, t } from "../lib/i18n.svelte";

const SHIPPED: Record<string, { nl: string; en: string }> = {
  sexual_harassment: { nl: "seksuele intimidatie", en: "sexual harassment" },
  aggression_violence: { nl: "agressie en geweld", en: "aggression and violence" },
  bullying: { nl: "pesten", en: "bullying" },
  discrimination: { nl: "discriminatie", en: "discrimination" },
  other_undesirable: { nl: "overige ongewenste omgangsvormen", en: "other undesirable behaviour" },
  integrity: { nl: "integriteit / vermoeden van een misstand", en: "integrity / suspected wrongdoing" },
  workload_conflict: { nl: "werkdruk / arbeidsconflict / overig", en: "workload / labour conflict / other" },
};

export function codeOrName(n: Nature): string {
  const shipped = n.code ? SHIPPED[n.code] : undefined;
  if (shipped && shipped.nl === n.name) return shipped[i18n.language];
  return n.name;
}

/** A category of the statistics: a code with a label, or a nature. */
export function categoryLabel(category: string, label: string): string {
  if (SHIPPED[category]) return SHIPPED[category][i18n.language];
  const k = `code.${category}`;
  if (hasKey(k)) return t(k);
  const s = `stats.category.${category}`;
  if (hasKey(s)) return t(s);
  if (/^q[1-4]$/.test(category)) return i18n.language === "nl" ? `kwartaal ${category[1]}` : `quarter ${category[1]}`;
  return label;
}
