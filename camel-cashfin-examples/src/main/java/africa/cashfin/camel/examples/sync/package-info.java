/**
 * Flow 4, Cashfin to other systems: the SQL table and its upsert parameters, the HubSpot-style contact, the CSV export,
 * and {@link africa.cashfin.camel.examples.sync.LeadSync}, the bean {@code routes/sync-to-crms.camel.yaml} calls.
 */
package africa.cashfin.camel.examples.sync;
