// Saving one of a record's add-forms: the call's answer (the record as it
// now stands) goes back to the screen, a toast says what was done and the
// form closes; an error lands on the form's fields instead, nothing lost.
import { handle } from "./app.svelte";
import { formErrors, type FieldErrors } from "./forms";
import { notify } from "./toasts.svelte";

export async function saveRecordForm<T>(
  call: () => Promise<T>,
  done: { onchange: (answer: T) => void; saved: string; close: () => void },
): Promise<FieldErrors> {
  try {
    done.onchange(await call());
  } catch (err) {
    return formErrors(handle(err));
  }
  notify(done.saved);
  done.close();
  return {};
}
