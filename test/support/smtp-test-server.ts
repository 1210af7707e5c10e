import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';

/** One message the server accepted, decoded enough to compare with what was sent. */
export interface ReceivedEmail {
  messageId: string;
  envelopeTo: string[];
  subject: string;
  text: string;
}

export interface SmtpTestServerOptions {
  /** Answer `451` to RCPT TO for these recipients (a temporary refusal; the sender retries). */
  refuseRecipient?: (address: string) => boolean;
  /** Read the first message's data but never answer it (until `releaseStalled()`), like a server that hangs mid-send. */
  stallFirstMessage?: boolean;
}

/**
 * A real SMTP server in the test process, on 127.0.0.1 and a free port (no TLS, no login), that
 * records every message it accepts.
 */
export class SmtpTestServer {
  readonly received: ReceivedEmail[] = [];
  /** Set once a message has been read and left unanswered (`stallFirstMessage`). */
  hasStalled = false;
  private release: (() => void) | undefined;
  private stallNext = false;

  private server: SMTPServer;
  private port = 0;

  private constructor(private readonly options: SmtpTestServerOptions) {
    this.server = this.createServer();
  }

  private createServer(): SMTPServer {
    const options = this.options;
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onRcptTo: (address, _session, callback) => {
        if (options.refuseRecipient?.(address.address)) {
          callback(
            Object.assign(new Error('Mailbox temporarily unavailable, try again later'), {
              responseCode: 451,
            }),
          );
        } else callback();
      },
      onData: (stream, session, callback) =>
        this.onData(
          stream,
          session.envelope.rcptTo.map((rcpt) => rcpt.address),
          callback,
        ),
    });
  }

  static async start(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
    const instance = new SmtpTestServer(options);
    await instance.listen();
    instance.port = (instance.server.server.address() as AddressInfo).port;
    return instance;
  }

  private listen(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** An outage: the server stops listening (connections are refused) until `resume()`. */
  async stop(): Promise<void> {
    await this.close();
  }

  /** Back after an outage, on the same port. */
  async resume(): Promise<void> {
    this.server = this.createServer();
    await this.listen();
  }

  /** How many accepted messages carry this Message-ID. */
  deliveriesOf(messageId: string): number {
    return this.received.filter((email) => email.messageId === messageId).length;
  }

  /** Holds the next message unanswered, like `stallFirstMessage` (until `releaseStalled()`). */
  stallNextMessage(): void {
    this.hasStalled = false;
    this.stallNext = true;
  }

  /** Accepts the stalled message after all (answers "250 OK" to the waiting sender). */
  releaseStalled(): void {
    if (!this.release) throw new Error('No message is stalled');
    this.release();
    this.release = undefined;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onData(
    stream: SMTPServerDataStream,
    envelopeTo: string[],
    callback: (error?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const accept = () => {
        this.received.push({ ...parseMessage(Buffer.concat(chunks).toString('utf8')), envelopeTo });
        callback();
      };
      if ((this.options.stallFirstMessage && !this.hasStalled) || this.stallNext) {
        this.hasStalled = true;
        this.stallNext = false;
        this.release = accept; // no answer until released: the sender waits for "250 OK"
        return;
      }
      accept();
    });
  }
}

/** Just enough MIME for a single-part text/plain message as nodemailer writes it. */
function parseMessage(raw: string): Omit<ReceivedEmail, 'envelopeTo'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body.replace(/=\r\n/g, ''))
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return {
    messageId: headers.get('message-id') ?? '',
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    text: text.replace(/\r\n/g, '\n').trimEnd(),
  };
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 `=?UTF-8?Q?…?=` / `=?UTF-8?B?…?=` words, as nodemailer writes non-ASCII subjects. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_match, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
