package africa.cashfin.camel.examples.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.CashfinFailures;
import africa.cashfin.camel.examples.common.DuplicateMessages;
import africa.cashfin.camel.examples.common.LogSafe;
import africa.cashfin.camel.leads.api.LeadJson;
import africa.cashfin.camel.leads.model.Lead;

/**
 * The web form's durable queue: a directory of JSON files, one lead per file.
 * <p>
 * {@link #put(Lead)} writes the lead to a hidden temporary file, forces it to disk, then renames it atomically to
 * {@code <time>-<uuid>.json}: a file with that name is always complete. The form answers only after {@code put}
 * returned, so a submission that was thanked for is on disk. The route {@code web-form-queue} reads the directory
 * (camel-file, oldest first), creates each lead at the rate limiter's pace and deletes the file only after Cashfin
 * took the lead. If the app stops in between, the file is still there and is sent at the next start; the component's
 * {@code deduplicateBy} (email, the examples' default) makes that second attempt find the lead instead of creating it
 * again when the first attempt had reached Cashfin.
 * <p>
 * {@link #created(Exchange)} logs the lead; {@link #refused(Exchange)} keeps a lead Cashfin refused for good in
 * {@code .failed/} with a {@code .reason.txt} next to it, and throws again for anything that may work later (429, 5xx,
 * network): the file then stays in the queue and is tried at the next poll.
 */
public final class FormQueue {

    /** Folder (inside the queue) of leads Cashfin refused for good. */
    public static final String FAILED = ".failed";

    private static final Logger LOG = LoggerFactory.getLogger(FormQueue.class);

    private final Path directory;
    private final Clock clock;
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final DuplicateMessages duplicates;

    /** Like the full constructor, keeping later messages for existing leads in {@code duplicates.csv} beside the queue. */
    public FormQueue(Path directory, Clock clock) {
        this(directory, clock, new DuplicateMessages(directory.toAbsolutePath().resolveSibling("duplicates.csv"), clock));
    }

    /**
     * @param directory  the queue directory (created when absent)
     * @param duplicates where a submission for a lead Cashfin already has is kept
     */
    public FormQueue(Path directory, Clock clock, DuplicateMessages duplicates) {
        this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
        this.directory = directory.toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the form queue directory " + this.directory, e);
        }
    }

    /** The queue directory. */
    public Path directory() {
        return directory;
    }

    /** Where refused leads are kept. */
    public Path failedDirectory() {
        return directory.resolve(FAILED);
    }

    /** Submissions waiting to be sent to Cashfin. */
    public long pending() {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the lead durably and returns its queue id (the file name without {@code .json}).
     *
     * @throws IOException when it could not be written (disk full, permissions): the form must not thank the visitor
     */
    public String put(Lead lead) throws IOException {
        String id = String.format("%013d-%s", Instant.now(clock).toEpochMilli(), UUID.randomUUID());
        Path tmp = directory.resolve("." + id + ".part");
        Path target = directory.resolve(id + ".json");
        byte[] json = LeadJson.mapper().writeValueAsBytes(lead);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(json);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        return id;
    }

    /**
     * The lead of the queued file was created (or found): logs it. A submission for a lead Cashfin already had
     * ({@code deduplicateBy}) is kept in {@link DuplicateMessages} (its message is not dropped).
     */
    public void created(Exchange exchange) {
        if (waiting.compareAndSet(true, false)) {
            LOG.info("Contact form: Cashfin takes queued submissions again");
        }
        boolean found = Boolean.FALSE.equals(exchange.getMessage().getHeader("CamelCashfinLeadCreated",
                Boolean.class));
        Object leadId = exchange.getMessage().getHeader("CamelCashfinLeadId");
        if (found) {
            duplicates.keep("web-form", leadId, "queued submission " + queueId(exchange),
                    exchange.getProperty(DuplicateMessages.SUBMITTED));
        } else {
            LOG.info("Contact form: queued submission {} created lead {}", queueId(exchange), leadId);
        }
    }

    /**
     * Cashfin did not take the lead: a permanent refusal keeps the file in {@value #FAILED} with the reason; anything
     * that may succeed later is thrown again so the file stays queued.
     */
    public void refused(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e == null || CashfinFailures.mayWorkLater(e)) {
            if (waiting.compareAndSet(false, true)) {
                LOG.warn("Contact form: Cashfin cannot take queued submissions just now ({}); they stay in {} and are"
                         + " sent again at every poll", e == null ? "no exception" : LogSafe.oneLine(e.getMessage()),
                        directory);
            }
            throw e == null ? new IllegalStateException("Cashfin create failed without an exception") : e;
        }
        String id = queueId(exchange);
        Path failed = failedDirectory();
        Files.createDirectories(failed);
        Files.write(failed.resolve(id + ".json"), exchange.getMessage().getBody(String.class) == null ? new byte[0]
                : exchange.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8));
        Files.writeString(failed.resolve(id + ".reason.txt"), Instant.now(clock) + " Cashfin refused the lead: "
                + e.getMessage() + System.lineSeparator(), StandardCharsets.UTF_8);
        LOG.warn("Contact form: Cashfin refused queued submission {}, kept in {}: {}", id, failed,
                LogSafe.oneLine(e.getMessage()));
    }

    private static String queueId(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        return name == null ? "(unknown)" : name.replaceFirst("\\.json$", "");
    }
}
