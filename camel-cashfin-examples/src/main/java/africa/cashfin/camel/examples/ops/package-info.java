/**
 * The operations page ({@code /ops}) on the form's HTTP server: {@link africa.cashfin.camel.examples.ops.OpsFlow}
 * binds its beans, {@link africa.cashfin.camel.examples.ops.OpsAccess} decides who may see it,
 * {@link africa.cashfin.camel.examples.ops.OpsPage} renders every
 * {@link africa.cashfin.camel.examples.ops.OpsPanel} of the registry; {@code routes/ops.camel.yaml} serves them.
 */
package africa.cashfin.camel.examples.ops;
