package africa.cashfin.camel.leads;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line (message and stack trace) of the whole JVM at DEBUG and above while open, so a test can
 * assert what a user's log file would contain.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> levelled = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final Level previousRootLevel;

    public LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder sb = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(w));
                    sb.append('\n').append(w);
                }
                lines.add(sb.toString());
                levelled.add(event.getLevel() + " " + sb);
            }
        };
        appender.start();
        LoggerConfig root = config.getRootLogger();
        previousRootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        root.addAppender(appender, Level.DEBUG, null);
        config.getLoggers().values().forEach(l -> {
            if (l != root) {
                l.addAppender(appender, Level.DEBUG, null);
            }
        });
        ctx.updateLoggers();
    }

    public List<String> lines() {
        return lines;
    }

    /**
     * The same lines, each prefixed with its level ({@code WARN africa.cashfin... message}). An event passes each logger
     * config on its way to the root, so the same line can appear more than once: compare distinct lines.
     */
    public List<String> levelledLines() {
        return levelled;
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getLoggers().values().forEach(l -> l.removeAppender(appender.getName()));
        config.getRootLogger().setLevel(previousRootLevel);
        ctx.updateLoggers();
        appender.stop();
    }
}
