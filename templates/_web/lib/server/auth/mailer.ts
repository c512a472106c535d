/** A message to one person; the app sends only password resets. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export type Mailer = (message: MailMessage) => Promise<void>;

/**
 * With APP_SMTP_URL, mail goes out through nodemailer; without it (development), the message is
 * printed to the app's log so a reset link can be followed without any mail server.
 */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return async (message) => {
      console.log(`mail (APP_SMTP_URL is unset, so it is printed here) to ${message.to}: ${message.subject}\n${message.text}`);
    };
  }
  let transport: Promise<{ sendMail(options: object): Promise<unknown> }> | undefined;
  return async (message) => {
    transport ??= import('nodemailer').then((mod) => mod.default.createTransport(smtpUrl));
    await (await transport).sendMail({ from, ...message });
  };
}
