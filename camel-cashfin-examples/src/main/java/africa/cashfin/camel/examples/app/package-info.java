/**
 * The examples application: {@link africa.cashfin.camel.examples.app.CashfinExamplesApp} (Camel Main, the YAML routes of
 * {@code routes/*.camel.yaml}, the beans of the flow packages), the embedded stand-ins for external systems
 * ({@link africa.cashfin.camel.examples.app.EmbeddedServices}) and the one-command demo
 * ({@link africa.cashfin.camel.examples.app.ExamplesDemo}). See docs/examples.md.
 */
package africa.cashfin.camel.examples.app;
