/** What a caught value says: an Error's message, anything else as text (for logs and stored errors). */
export function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
