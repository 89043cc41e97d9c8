package org.griot.desk;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.griot.routing.Acd;
import org.griot.routing.AcdListener;
import org.griot.routing.AgentView;
import org.griot.routing.ContactView;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Pushes ACD changes to the agents' open desks (Server-Sent Events): the desk re-reads its panel when
 * told, instead of asking the server every second. Sending happens off the ACD's thread.
 */
@Component
class DeskPushes implements AcdListener, DisposableBean {

    /** One open desk (a browser tab) of an agent. */
    interface Desk {
        void send(String event, String data) throws IOException;

        void close();
    }

    /** Sends one event to a browser. */
    interface Sender {
        void send(String event, String data) throws IOException;
    }

    static Desk desk(Sender sender, Runnable closer) {
        return new Desk() {
            @Override
            public void send(String event, String data) throws IOException {
                sender.send(event, data);
            }

            @Override
            public void close() {
                closer.run();
            }
        };
    }

    private final Map<String, List<Desk>> desks = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "desk-push");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong pushed = new AtomicLong();

    DeskPushes(Acd acd) {
        acd.addListener(this);
    }

    void open(String agentId, Desk desk) {
        desks.computeIfAbsent(agentId, id -> new CopyOnWriteArrayList<>()).add(desk);
    }

    void close(String agentId, Desk desk) {
        List<Desk> open = desks.get(agentId);
        if (open != null) {
            open.remove(desk);
        }
    }

    /** Pushes sent so far (tests and metrics). */
    long pushed() {
        return pushed.get();
    }

    @Override
    public void agentChanged(AgentView agent) {
        push(agent.id(), "agent", agent.state().name());
    }

    @Override
    public void contactOffered(AgentView agent, ContactView contact) {
        push(agent.id(), "offer", Long.toString(contact.id()));
    }

    private void push(String agentId, String event, String data) {
        List<Desk> open = desks.get(agentId);
        if (open == null || open.isEmpty()) {
            return;
        }
        sender.execute(() -> {
            for (Desk desk : open) {
                try {
                    desk.send(event, data);
                    pushed.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    open.remove(desk);
                    desk.close();
                }
            }
        });
    }

    /**
     * Griot is stopping: every open desk stream ends now (the browsers reconnect to whichever node
     * serves them next). Otherwise the web server's graceful shutdown would wait for these never-ending
     * requests until its timeout (30 s).
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeAll() {
        desks.values().forEach(open -> {
            open.forEach(Desk::close);
            open.clear();
        });
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
