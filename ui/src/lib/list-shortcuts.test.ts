import { afterEach, describe, expect, it, vi } from "vitest";
import { listShortcuts } from "./list-shortcuts";

describe("a register's list keys", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("'/' focuses the search and 'n' starts a new record, not while typing or with a modifier", () => {
    const search = vi.fn();
    const onnew = vi.fn();
    stop = listShortcuts(search, onnew);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "/" }));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "n" }));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "n", ctrlKey: true }));
    const input = document.createElement("input");
    document.body.append(input);
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "n", bubbles: true }));
    input.remove();
    expect(search).toHaveBeenCalledTimes(1);
    expect(onnew).toHaveBeenCalledTimes(1);
    stop();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "n" }));
    expect(onnew).toHaveBeenCalledTimes(1);
  });
});
