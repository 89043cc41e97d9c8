package org.griot.telephony;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fans telephony events out to subscribers on one dispatch thread, in the order the adapter saw
 * them, so the adapter's protocol reader never waits for a subscriber. A failing subscriber is
 * logged and skipped; it never stops the others or the reader.
 */
@Component
public class TelephonyEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TelephonyEvents.class);

    private final List<Consumer<TelephonyEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "telephony-events");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong pending = new AtomicLong();

    public void subscribe(Consumer<TelephonyEvent> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<TelephonyEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    public void publish(TelephonyEvent event) {
        pending.incrementAndGet();
        dispatcher.execute(() -> {
            try {
                for (Consumer<TelephonyEvent> subscriber : subscribers) {
                    try {
                        subscriber.accept(event);
                    } catch (RuntimeException e) {
                        log.error("Telephony event subscriber failed on {}", event, e);
                    }
                }
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    /** Events published and not yet delivered (a growing number means a slow subscriber). */
    public long pending() {
        return pending.get();
    }

    @Override
    public void destroy() {
        dispatcher.shutdownNow();
    }
}
