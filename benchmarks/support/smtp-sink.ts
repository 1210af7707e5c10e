import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the bench process (127.0.0.1, a free port, no TLS, no login) that accepts
 * every message and only counts them: what the product's mailer talks to when a bench drains mail.
 */
export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    private readonly counter: { received: number },
    readonly url: string,
  ) {}

  /** Messages accepted so far. */
  get received(): number {
    return this.counter.received;
  }

  static async start(): Promise<SmtpSink> {
    const counter = { received: 0 };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        stream.resume();
        stream.on('end', () => {
          counter.received += 1;
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    return new SmtpSink(server, counter, `smtp://127.0.0.1:${port}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
