import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import Toasts from "./Toasts.svelte";
import FileProgress from "./FileProgress.svelte";
import { clearToasts, confirm, notify, toasts } from "./toasts.svelte";

describe("toasts and confirmations", () => {
  it("a toast is announced and leaves by itself", async () => {
    vi.useFakeTimers();
    render(Toasts);
    notify("Gesprek vastgelegd", "ok", 1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(document.querySelector("#toasts")?.getAttribute("aria-live")).toBe("polite");
    expect(screen.getByText("Gesprek vastgelegd")).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1001);
    expect(toasts.list).toEqual([]);
    expect(screen.queryByText("Gesprek vastgelegd")).toBeNull();
    vi.useRealTimers();
  });

  it("a question waits for its answer, and a lock answers no", async () => {
    render(Toasts);
    const yes = confirm({ title: "Vrijgeven?", body: "De cijfers van 2026 worden vastgelegd.", yes: "Vrijgeven" });
    await fireEvent.click(await screen.findByText("Vrijgeven"));
    expect(await yes).toBe(true);
    const no = confirm({ title: "Afsluiten?", body: "Er staan nog opvolgingen open.", yes: "Afsluiten", danger: true });
    await screen.findByText("Er staan nog opvolgingen open.");
    clearToasts();
    expect(await no).toBe(false);
  });
});

describe("file progress", () => {
  it("shows a bar while working and the result in words after", async () => {
    const { rerender } = render(FileProgress, { id: "imp", label: "register.csv inlezen", status: "working", done: 40, total: 200 });
    const bar = document.querySelector("progress") as HTMLProgressElement;
    expect([bar.max, bar.value]).toEqual([200, 40]);
    expect(screen.getByLabelText("register.csv inlezen")).toBe(bar);
    await rerender({ id: "imp", label: "register.csv inlezen", status: "working", done: undefined, total: undefined });
    expect(document.querySelector("progress")?.hasAttribute("value")).toBe(false);
    await rerender({ id: "imp", label: "x", status: "done", result: "200 meldingen ingelezen." });
    expect(document.querySelector("progress")).toBeNull();
    expect(document.querySelector("#imp")?.getAttribute("data-status")).toBe("done");
    expect(screen.getByText(/200 meldingen ingelezen/)).toBeTruthy();
  });
});
