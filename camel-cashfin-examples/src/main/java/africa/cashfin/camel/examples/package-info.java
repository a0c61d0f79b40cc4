/**
 * The beans behind the example flows: mapping CSV rows, web form submissions and e-mails to Cashfin leads, parsing
 * budgets and phone numbers, writing import reports and spreadsheet-safe CSV, and writing leads as HubSpot-style
 * contacts. Plain Java, no Camel types: the YAML routes call them. Mappers never throw for bad data; they return a
 * {@link africa.cashfin.camel.examples.MappedLead} with the problems found. See docs/examples.md.
 */
package africa.cashfin.camel.examples;
