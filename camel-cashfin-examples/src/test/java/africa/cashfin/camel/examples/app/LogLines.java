package africa.cashfin.camel.examples.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line the app writes at {@code minLevel} or above while open (all loggers, as the configured
 * levels and filters let them through): {@code LEVEL message}, plus {@code " THROWN " + exception} when the line
 * carries a stack trace.
 */
public final class LogLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext logs = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender capture;

    public LogLines(Level minLevel) {
        capture = new AbstractAppender("log-lines-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(minLevel)) {
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage()
                              + (event.getThrown() == null ? "" : " THROWN " + event.getThrown()));
                }
            }
        };
        capture.start();
        logs.getRootLogger().addAppender(capture);
    }

    /** The lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logs.getRootLogger().removeAppender(capture);
        capture.stop();
    }
}
