// Short confirmations ("Gesprek vastgelegd") that leave by themselves, and
// questions that need an answer before something happens.

export interface Toast {
  id: number;
  text: string;
  tone: "ok" | "danger";
}

export const toasts = $state({ list: [] as Toast[] });
let next = 1;

/** Shows `text` for `ms` milliseconds. */
export function notify(text: string, tone: Toast["tone"] = "ok", ms = 5000): number {
  const id = next++;
  // At most two at a time: a new one replaces the oldest.
  toasts.list = [...toasts.list.slice(-1), { id, text, tone }];
  if (ms > 0) setTimeout(() => dismiss(id), ms);
  return id;
}

export function dismiss(id: number): void {
  toasts.list = toasts.list.filter((t) => t.id !== id);
}

export interface Question {
  title: string;
  body: string;
  /** The button that goes ahead ("Vrijgeven", "Afsluiten"). */
  yes: string;
  danger?: boolean;
}

export const questions = $state({ current: null as (Question & { answer: (yes: boolean) => void }) | null });

/** Asks `q`; resolves true when the user goes ahead. */
export function confirm(q: Question): Promise<boolean> {
  questions.current?.answer(false);
  return new Promise((resolve) => {
    questions.current = {
      ...q,
      answer: (yes) => {
        questions.current = null;
        resolve(yes);
      },
    };
  });
}

/** Forgets every toast and question (on lock). */
export function clearToasts(): void {
  toasts.list = [];
  questions.current?.answer(false);
}
