// Waiting for a condition, never for a fixed time: polls `condition` until it holds, fails with `what` after `timeoutMs`
// (a bound for a broken run, not a measure: the condition usually holds long before).
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Attente trop longue : ${what}.`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
