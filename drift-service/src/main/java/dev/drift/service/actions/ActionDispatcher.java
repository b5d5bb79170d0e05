package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftException;
import dev.drift.service.system.LogContext;
import dev.drift.service.system.NudgedWorker;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications and ITSM tickets recorded by {@link ActionPlanner}.
 *
 * <p>Each round leases the due actions ({@code for update skip locked}, so instances share the work),
 * delivers them outside any transaction, one virtual thread per target, and records each outcome:
 * delivered (with the channel's reference or the ticket number), due again later (a retryable
 * failure, with exponential backoff; or the target's circuit is open), or failed (a terminal
 * failure, or {@code max-attempts} used up). A crash leaves leased actions pending; their lease runs
 * out and they are delivered then. Tickets cannot be doubled (the ITSM client looks up the
 * correlation id first). Nor can messages on a channel that can look them up (Slack in bot mode): the
 * message about to be sent is recorded first, and an attempt that finds such a record from a dead or
 * unanswered one looks the message up before sending (see {@link NotificationChannel}). On other
 * channels a message is doubled by a crash between the target's answer and the record of it.
 */
@Singleton
public final class ActionDispatcher implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ActionDispatcher.class);

    private final Database database;
    private final ActionQueue queue;
    private final TargetGuards guards;
    private final ActionsProperties properties;
    private final Map<String, NotificationChannel> channels;
    private final TicketDelivery tickets;
    private final ActionOutcomes outcomes;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final NudgedWorker worker;

    ActionDispatcher(Database database, ActionQueue queue, TargetGuards guards, ActionsProperties properties,
                     List<NotificationChannel> channels, TicketDelivery tickets, ActionOutcomes outcomes) {
        this.database = database;
        this.queue = queue;
        this.guards = guards;
        this.properties = properties;
        this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        this.tickets = tickets;
        this.outcomes = outcomes;
        this.worker = new NudgedWorker("action-dispatcher", properties.pollInterval(), properties.roundGap(),
                this::dispatchAllDue);
    }

    /** Asks the dispatcher to look for due actions now (call after committing some). */
    public void nudge() {
        worker.nudge();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (properties.enabled()) {
            worker.start();
        }
    }

    private void dispatchAllDue() throws InterruptedException {
        while (dispatchOnce() == properties.batchSize()) {
            LOG.debug("more actions due, next round at once");
        }
    }

    /** One round: leases due actions and delivers them; returns how many were leased. */
    int dispatchOnce() throws InterruptedException {
        List<ClaimedAction> claimed = database.write(c -> queue.claim(c, ActionQueue.Scope.DELIVERIES, properties.batchSize(),
                properties.lease()));
        Map<String, List<ClaimedAction>> byTarget = new LinkedHashMap<>();
        claimed.forEach(a -> byTarget.computeIfAbsent(a.target(), t -> new ArrayList<>()).add(a));
        List<java.util.concurrent.Callable<Void>> work = new ArrayList<>();
        byTarget.forEach((target, actions) -> work.add(() -> {
            deliver(target, actions);
            return null;
        }));
        deliveries.invokeAll(work);
        return claimed.size();
    }

    private void deliver(String target, List<ClaimedAction> actions) {
        try {
            if (target.equals(ActionPlanner.ITSM)) {
                actions.forEach(a -> {
                    try (LogContext log = LogContext.drift(a.driftId())) {
                        tickets.deliver(a);
                    }
                });
            } else {
                deliverNotices(target, actions);
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery to {} failed: {}", target, e.getMessage());
        }
    }

    private void deliverNotices(String target, List<ClaimedAction> actions) {
        NotificationChannel channel = channels.get(target);
        if (channel == null) {
            actions.forEach(a -> outcomes.fail(a, "no notification channel named '" + target + "' is configured"));
            return;
        }
        List<ClaimedAction> left = settleUnconfirmed(target, channel, actions);
        Map<String, ClaimedAction> byKey = new LinkedHashMap<>();
        List<Notice> notices = new ArrayList<>();
        Map<UUID, String> threads = threadsOf(target, left);
        for (ClaimedAction a : left) {
            Notice n = NoticeJson.read(a.payload(), Optional.ofNullable(threads.get(a.driftId())));
            byKey.put(n.idempotencyKey(), a);
            notices.add(n);
        }
        for (ChannelMessage message : notices.isEmpty() ? List.<ChannelMessage>of() : channel.compose(notices)) {
            List<ClaimedAction> covered = message.covers().stream().map(n -> byKey.get(n.idempotencyKey())).toList();
            SendOnce send = new SendOnce(channel, message);
            try {
                if (channel.findsSent()) {
                    database.write(c -> {
                        queue.sending(c, covered.stream().map(ClaimedAction::id).toList(), message);
                        return null;
                    });
                }
                Optional<String> reference = guards.call("notify:" + target, send);
                outcomes.delivered(covered, result(reference, message.digest(), message.covers().size(), send.found()));
                removeByIdentity(left, covered);
            } catch (RuntimeException e) {
                removeByIdentity(left, covered);
                if (!DriftException.isRetryable(e)) {
                    covered.forEach(a -> outcomes.fail(a, e.getMessage()));
                    continue;
                }
                covered.forEach(a -> outcomes.retry(a, e, send.inDoubt()));
                left.forEach(a -> outcomes.retry(a, e, false));
                return;
            }
        }
        Instant later = Instant.now().plus(properties.pollInterval().multipliedBy(5));
        left.forEach(a -> database.write(c -> {
            queue.retryAt(c, a.id(), "held back by the channel's rate limit", later);
            return null;
        }));
    }

    /**
     * Removes the covered actions by identity: {@code List.removeAll} would compare every pair by value,
     * payloads included, which made a round of 100 notices cost 10,000 deep comparisons.
     */
    private static void removeByIdentity(List<ClaimedAction> left, List<ClaimedAction> covered) {
        Set<ClaimedAction> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(covered);
        left.removeIf(gone::contains);
    }

    /**
     * Actions whose last attempt began to send a message and recorded no outcome: the message is looked
     * up in the channel (by the key recorded then, whatever the notices compose to now) and, if there,
     * recorded as delivered with its reference. Returns the actions to send, oldest first: those without
     * such a message, and those whose message the channel does not have. A failed lookup leaves its
     * actions due again, still unconfirmed: nothing is sent blind.
     */
    private List<ClaimedAction> settleUnconfirmed(String target, NotificationChannel channel,
                                                  List<ClaimedAction> actions) {
        Map<UnconfirmedMessage, List<ClaimedAction>> byMessage = new LinkedHashMap<>();
        List<ClaimedAction> toSend = new ArrayList<>();
        actions.forEach(a -> a.unconfirmed().ifPresentOrElse(
                m -> byMessage.computeIfAbsent(m, k -> new ArrayList<>()).add(a), () -> toSend.add(a)));
        byMessage.forEach((message, group) -> {
            try {
                Optional<String> sent = guards.call("notify:" + target, () -> channel.findSent(message));
                if (sent.isPresent()) {
                    LOG.info("{} message {} was sent before and not recorded; recorded now", target,
                            message.idempotencyKey());
                    outcomes.delivered(group, result(sent, message.digest(), group.size(), true));
                    return;
                }
                database.write(c -> {
                    queue.notSent(c, group.stream().map(ClaimedAction::id).toList());
                    return null;
                });
                toSend.addAll(group);
            } catch (RuntimeException e) {
                if (DriftException.isRetryable(e)) {
                    group.forEach(a -> outcomes.retry(a, e, true));
                } else {
                    group.forEach(a -> outcomes.fail(a, "cannot tell whether an earlier attempt sent it: " + e.getMessage()));
                }
            }
        });
        toSend.sort(Comparator.comparingLong(ClaimedAction::id));
        return toSend;
    }

    /** The opening messages' references of the drifts whose later messages may go to their thread. */
    private Map<UUID, String> threadsOf(String target, List<ClaimedAction> actions) {
        List<UUID> later = actions.stream().filter(a -> !a.transition().startsWith("opened"))
                .map(ClaimedAction::driftId).distinct().toList();
        return later.isEmpty() ? Map.of() : database.read(c -> queue.openingReferences(c, later, target));
    }

    /** {@code found}: the message was found in the channel, sent by an attempt that did not record it. */
    private static ObjectNode result(Optional<String> reference, boolean digest, int notices, boolean found) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        reference.ifPresent(r -> result.put("reference", r));
        result.put("digest", digest);
        result.put("notices_in_message", notices);
        if (found) {
            result.put("found_in_channel", true);
        }
        return result;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
        deliveries.shutdownNow();
    }
}
