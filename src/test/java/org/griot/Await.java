package org.griot;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in scenario tests for what happens on other threads (the ACD, the fake Asterisk, Camunda's jobs). */
public final class Await {

    private Await() {
    }

    /** Returns once {@code condition} holds; fails after {@code timeout} naming {@code what}. */
    public static void until(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        value(() -> condition.getAsBoolean() ? Boolean.TRUE : null, what, timeout);
    }

    /** The first non-null value {@code value} gives; fails after {@code timeout} naming {@code what}. */
    public static <T> T value(Supplier<T> value, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("Timed out waiting until " + what);
    }
}
