package io.github.edgeauth.edge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Test support: the edge's log lines while it is open, as the messages an admin would read. */
public final class EdgeLog extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.github.edgeauth.edge");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private EdgeLog() {
    }

    /** Starts capturing; close to stop. */
    public static EdgeLog capture() {
        EdgeLog log = new EdgeLog();
        log.logger.addHandler(log);
        return log;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits, up to {@code seconds}, for a line that {@code wanted} matches; whether one came. */
    public boolean awaitLine(Predicate<String> wanted, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines.stream().noneMatch(wanted) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return lines.stream().anyMatch(wanted);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
