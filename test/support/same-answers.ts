/**
 * Answers made comparable across two runs of the same steps (account enumeration tests, issue 9,
 * item 12): every UUID becomes `<id:n>` by first appearance (so the same record keeps one name
 * within a run), every ISO instant `<instant>`, the run's own addresses `<email:n>`, and the
 * problem's correlation id `<correlation>`. What is left must be identical.
 */
export interface Answer {
  status: number;
  body: unknown;
}

export interface Step {
  step: string;
  status: number;
  body: unknown;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

/** Records steps and answers them with their comparable form (see above). */
export class Run {
  readonly steps: Step[] = [];
  private readonly ids = new Map<string, string>();

  constructor(private readonly emails: string[]) {}

  record(step: string, answer: Answer): void {
    let text = JSON.stringify(answer.body ?? null);
    this.emails.forEach((email, index) => {
      text = text.split(email.toLowerCase()).join(`<email:${index}>`);
    });
    text = text
      .replace(INSTANT, '<instant>')
      .replace(UUID, (id) => {
        const key = id.toLowerCase();
        if (!this.ids.has(key)) this.ids.set(key, `<id:${this.ids.size}>`);
        return this.ids.get(key) as string;
      })
      .replace(/"correlationId":"[^"]*"/g, '"correlationId":"<correlation>"');
    this.steps.push({ step, status: answer.status, body: JSON.parse(text) as unknown });
  }
}
