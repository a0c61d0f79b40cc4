package africa.cashfin.camel.examples.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.LeadJson;
import africa.cashfin.camel.leads.model.Lead;

/**
 * Keeps a later message for an existing lead. With {@code deduplicateBy=email} (or {@code phone}) a submission whose
 * address Cashfin already knows creates no lead: the component finds the existing one. Its message (the visitor's
 * request, name, phone, company) would then be lost, and the first writer would own the lead: a forged post for
 * someone's address followed by the real enquiry would keep the forgery and drop the enquiry. So every such message is
 * appended to one CSV file ({@code duplicates.csv}: {@code received,flow,lead_id,reference,name,email,phone,company,
 * budget,request}, cells formula-escaped) for a person to add to the lead, and one line is logged. Cashfin's API has no
 * notes or updates, so the file is the lead's follow-up list. Thread-safe.
 */
public final class DuplicateMessages {

    /** The file's columns. */
    public static final List<String> COLUMNS = List.of("received", "flow", "lead_id", "reference", "name", "email",
            "phone", "company", "budget", "request");

    /** Exchange property: the lead as submitted, set before {@code cashfin-leads:create} (a {@link Lead} or its JSON). */
    public static final String SUBMITTED = "CashfinSubmittedLead";

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateMessages.class);

    private final Path file;
    private final Clock clock;

    /**
     * @param file  the CSV file appended to (created with its header when missing)
     * @param clock for the {@code received} column
     */
    public DuplicateMessages(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The CSV file. */
    public Path file() {
        return file;
    }

    /**
     * Keeps {@code submitted}, a message for the existing lead {@code leadId}.
     *
     * @param flow      the flow it came through ({@code web-form}, {@code mailbox})
     * @param leadId    the existing lead Cashfin found
     * @param reference what identifies the message in its flow (queue id, Message-ID)
     * @param submitted the lead as submitted
     */
    public synchronized void keep(String flow, Object leadId, String reference, Object submitted) {
        Lead s = asLead(submitted);
        String line = SpreadsheetSafeCsv.row(Arrays.asList(Instant.now(clock).toString(), flow,
                leadId == null ? "" : leadId.toString(), reference, s.getName(), s.getEmail(), s.getPhone(),
                s.getCompany(), s.getBudget() == null ? null : s.getBudget().toPlainString(), s.getRequest()), ',');
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String head = Files.exists(file) ? "" : SpreadsheetSafeCsv.row(COLUMNS, ',');
            Files.writeString(file, head + line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the later message for lead " + leadId + " in " + file, e);
        }
        LOG.info("{}: {} is a later message for the existing lead {}; kept in {} to add to the lead", flow,
                LogSafe.oneLine(reference), leadId, file);
    }

    private static Lead asLead(Object submitted) {
        if (submitted instanceof Lead lead) {
            return lead;
        }
        if (submitted instanceof String json && !json.isBlank()) {
            try {
                return LeadJson.mapper().readValue(json, Lead.class);
            } catch (IOException e) {
                return new Lead().setRequest(json);
            }
        }
        return new Lead();
    }
}
