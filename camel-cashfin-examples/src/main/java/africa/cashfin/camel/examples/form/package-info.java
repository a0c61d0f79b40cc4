/**
 * Flow 2, web form: the accessible contact form page, parsing its submissions into leads, and
 * {@link africa.cashfin.camel.examples.form.ContactForm}, the bean {@code routes/web-form.camel.yaml} calls.
 */
package africa.cashfin.camel.examples.form;
