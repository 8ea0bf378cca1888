// A nature's name as the reader of the interface's language sees it: the
// shipped defaults are translated while they keep their shipped name.
import type { Nature } from "../lib/api";
import { CODE_LABELS } from "../lib/api/labels";
import { hasKey, i18n, t } from "../lib/i18n.svelte";

export function codeOrName(n: Nature): string {
  const shipped = n.code ? CODE_LABELS[n.code] : undefined;
  if (shipped && shipped.nl === n.name) return shipped[i18n.language];
  return n.name;
}

/** A category of the statistics: a code with a label, or a nature. */
export function categoryLabel(category: string, label: string): string {
  const code = CODE_LABELS[category];
  if (code) return code[i18n.language];
  const s = `advisor.stats.category.${category}`;
  if (hasKey(s)) return t(s);
  if (/^q[1-4]$/.test(category)) return i18n.language === "nl" ? `kwartaal ${category[1]}` : `quarter ${category[1]}`;
  return label;
}
