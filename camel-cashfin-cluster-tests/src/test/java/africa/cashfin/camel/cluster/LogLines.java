package africa.cashfin.camel.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The component's log lines ({@code LEVEL message}) while open: what a user's log file would show. */
final class LogLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerConfig logger;

    LogLines() {
        this("africa.cashfin");
    }

    /** The lines of {@code loggerName} and below ({@code ""}: every logger, at the levels the configuration lets out). */
    LogLines(String loggerName) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        logger = context.getConfiguration().getLoggerConfig(loggerName);
        appender = new AbstractAppender("log-lines-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** @return every line so far */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return how many lines at {@code level} contain {@code text} */
    long count(String level, String text) {
        return lines.stream().filter(line -> line.startsWith(level + " ") && line.contains(text)).count();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        logger.removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
