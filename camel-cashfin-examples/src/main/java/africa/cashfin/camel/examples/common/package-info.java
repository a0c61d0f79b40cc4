/**
 * What the flows share: the mapping result ({@link africa.cashfin.camel.examples.common.MappedLead} with its
 * {@link africa.cashfin.camel.examples.common.LeadProblem}s; mappers never throw for bad data), budget, phone and
 * country parsing, header normalising, lead checks and spreadsheet-safe CSV writing. Plain Java, no Camel types.
 */
package africa.cashfin.camel.examples.common;
