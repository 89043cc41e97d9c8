package org.griot.telephony.asterisk;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.griot.telephony.TelephonyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound AMI actions: a bounded queue drained by one sender thread at most N actions per second,
 * each answered within a timeout or failed. Sending never happens on AMI's event reader thread, so
 * a flood of actions cannot block the events, and a full queue fails fast instead of piling up.
 */
final class AmiActionQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiActionQueue.class);

    private record Pending(ManagerAction action, CompletableFuture<ManagerResponse> result) {
    }

    private final BlockingQueue<Pending> queue;
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ami-timeouts"));
    private final Thread sender;
    private final Duration timeout;
    private final long nanosBetweenActions;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private volatile ManagerConnection connection;
    private volatile boolean running = true;

    AmiActionQueue(int capacity, int actionsPerSecond, Duration timeout) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.timeout = timeout;
        this.nanosBetweenActions = 1_000_000_000L / actionsPerSecond;
        this.sender = daemon(this::drain, "ami-sender");
        sender.start();
    }

    void useConnection(ManagerConnection connection) {
        this.connection = connection;
    }

    CompletableFuture<ManagerResponse> submit(ManagerAction action) {
        CompletableFuture<ManagerResponse> result = new CompletableFuture<>();
        if (!queue.offer(new Pending(action, result))) {
            result.completeExceptionally(new TelephonyException("AMI action queue full (" + queue.size() + "): "
                    + action.getAction() + " refused"));
        }
        return result;
    }

    int waiting() {
        return queue.size();
    }

    long sentCount() {
        return sent.get();
    }

    long timedOutCount() {
        return timedOut.get();
    }

    private void drain() {
        long next = System.nanoTime();
        while (running) {
            Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    pending.result().completeExceptionally(new TelephonyException("AMI sender stopped"));
                    return;
                }
            }
            next = Math.max(next, System.nanoTime()) + nanosBetweenActions;
            send(pending);
        }
    }

    private void send(Pending pending) {
        ManagerConnection current = connection;
        if (current == null || current.getState() != org.asteriskjava.manager.ManagerConnectionState.CONNECTED) {
            pending.result().completeExceptionally(new TelephonyException("AMI is not connected: "
                    + pending.action().getAction() + " not sent"));
            return;
        }
        CompletableFuture<ManagerResponse> result = pending.result();
        timeouts.schedule(() -> {
            if (result.completeExceptionally(new TelephonyException("AMI " + pending.action().getAction()
                    + " not answered within " + timeout.toMillis() + " ms"))) {
                timedOut.incrementAndGet();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            current.sendAction(pending.action(), response -> {
                if (response instanceof ManagerError error) {
                    result.completeExceptionally(new TelephonyException("AMI " + pending.action().getAction()
                            + " refused: " + error.getMessage()));
                } else {
                    result.complete(response);
                }
            });
            sent.incrementAndGet();
        } catch (Exception e) {
            result.completeExceptionally(new TelephonyException("AMI " + pending.action().getAction() + " not sent: "
                    + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        timeouts.shutdownNow();
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.result().completeExceptionally(new TelephonyException("AMI link closed"));
        }
        log.debug("AMI action queue closed after {} actions", sent.get());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
