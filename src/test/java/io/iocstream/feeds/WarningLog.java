package io.iocstream.feeds;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The warnings one class logs while a test runs, from any thread, through the real log4j configuration. */
final class WarningLog extends AbstractAppender implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig logger;

    private WarningLog(Class<?> source) {
        super("warnings-of-" + source.getSimpleName(), null, null, true, Property.EMPTY_ARRAY);
        logger = new LoggerConfig(source.getName(), Level.WARN, true);
        logger.addAppender(this, Level.WARN, null);
        start();
        context.getConfiguration().addLogger(source.getName(), logger);
        context.updateLoggers();
    }

    static WarningLog of(Class<?> source) {
        return new WarningLog(source);
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    List<String> messages() {
        return messages;
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(logger.getName());
        context.updateLoggers();
        stop();
    }
}
