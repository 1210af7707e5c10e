import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@hybridmatch/config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Deterministic, so a receiving mail system can recognise a repeated delivery. */
  messageId: string;
}

/** The notification email's Message-ID: the same for every attempt at the same notification. */
export const notificationMessageId = (notificationId: string) =>
  `<notification-${notificationId}@hybridmatch>`;

/**
 * Sends plain-text email through the SMTP server in `SMTP_URL` (`smtp://user:pass@host:port` or
 * `smtps://…`; Mailpit in development), with bounded waits. Resolves only once the server has
 * accepted the message; rejects with the server's answer otherwise.
 */
@Injectable()
export class NotificationMailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // nodemailer reads host, port, TLS (`smtps://`) and credentials from the URL itself.
    this.transport = createTransport({
      url: config.mail.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail({ from: this.config.mail.from, ...email });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
