/**
 * Flow 3, mailbox: turning a mail into a lead (sender, subject, text; HTML to text) and
 * {@link africa.cashfin.camel.examples.mail.MailLeads}, the bean {@code routes/mailbox.camel.yaml} calls.
 */
package africa.cashfin.camel.examples.mail;
