package io.iocstream.github;

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
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line of the running JVM while open, as the real log4j would write it, stack traces and causes included:
 * io.iocstream's at every level (debug too), everything else at the configured level.
 */
public final class CapturedLogs implements AutoCloseable {

    private static final String PACKAGE = "io.iocstream";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Appender appender = new Appender(lines);
    private final LoggerConfig previous;

    private CapturedLogs() {
        Configuration config = context.getConfiguration();
        previous = config.getLoggers().get(PACKAGE);
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, null, null);
        // the package's own logger, at every level, not additive so that its debug lines stay off the console
        LoggerConfig ours = new LoggerConfig(PACKAGE, Level.ALL, false);
        ours.addAppender(appender, null, null);
        config.removeLogger(PACKAGE);
        config.addLogger(PACKAGE, ours);
        context.updateLoggers();
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Everything logged so far, one line after the other. */
    public String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.removeLogger(PACKAGE);
        if (previous != null) {
            config.addLogger(PACKAGE, previous);
        }
        config.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    /** Formats each event as the console does, with its full stack trace. */
    private static final class Appender extends AbstractAppender {
        private final List<String> lines;

        Appender(List<String> lines) {
            super("captured-" + System.nanoTime(), null,
                    PatternLayout.newBuilder().withPattern("%-5p %c{1} - %m%n%xThrowable").build(), true,
                    Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        @Override
        public void append(LogEvent event) {
            lines.add(getLayout().toSerializable(event).toString());
        }
    }
}
